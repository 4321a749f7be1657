/**
 * The calculator handler built by its factory (createCalculatorHandler, what
 * functions/calculator/handler.ts wires): the bundled catalog, the latest snapshot read from a
 * DynamoDB Local table under the calculator role of the synthesized template (or a given reader;
 * neither: a request must carry its market) and the wall clock.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createCalculatorHandler } from '../../functions/calculator/calculatorHandler';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import type { LatestSnapshotReader } from '../../shared/calculator/ports';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import { deployedRole, type IamRole } from './iam/iamRole';
import { roleDynamoClient } from './iam/roleClients';
import { lambdaContext } from './lambdaContext';

export interface CalculatorHarness {
  invoke(event: unknown): Promise<unknown>;
  logger: Logger;
  metrics: Metrics;
  /** The calculator role its table reads run under (with `table`). */
  role?: IamRole;
}

export function calculatorHandler(
  options: {
    /** The table the latest snapshot is read from, under the calculator role. */
    table?: { endpoint: string; tableName: string };
    snapshots?: LatestSnapshotReader;
    logLevel?: 'SILENT' | 'INFO';
  } = {},
): CalculatorHarness {
  const { table } = options;
  const role = table ? deployedRole('calculator', { tableName: table.tableName }) : undefined;
  const snapshots =
    table && role
      ? new DynamoLatestSnapshotReader(roleDynamoClient(table.endpoint, role), table.tableName)
      : options.snapshots;
  const logger = new Logger({ serviceName: SERVICE_NAMES.calculator, logLevel: options.logLevel ?? 'SILENT' });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator });
  const handler = createCalculatorHandler({
    deps: { lookupModel: catalogModelLookup(), snapshots, now: () => new Date() },
    logger,
    metrics,
  });
  const context = lambdaContext('calculator');
  return { invoke: (event) => handler(event, context), logger, metrics, ...(role ? { role } : {}) };
}

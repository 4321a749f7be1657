/**
 * Entry point of the calculator Lambda (the infra bundles exactly this file): the handler from
 * createCalculatorHandler (calculatorHandler.ts) over the bundled catalog, the table's latest
 * snapshot (when TABLE_NAME is set) and the wall clock, built once per cold start. The read API
 * (GET /v1/...) is its own function, functions/api.
 * Env: TABLE_NAME (optional: without it a request must carry its own market).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { createCalculatorHandler } from './calculatorHandler';

export type { FunctionUrlAnswer } from './calculatorHandler';

export const logger = new Logger({ serviceName: SERVICE_NAMES.calculator });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator });

const tableName = process.env.TABLE_NAME;

const dynamo = tableName ? dynamoDbClient({ owner: 'calculator' }) : undefined;

export const handler = createCalculatorHandler({
  deps: {
    lookupModel: catalogModelLookup(),
    snapshots: dynamo && tableName ? new DynamoLatestSnapshotReader(dynamo, tableName) : undefined,
    now: () => new Date(),
  },
  logger,
  metrics,
});

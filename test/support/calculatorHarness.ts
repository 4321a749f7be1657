/**
 * The calculator handler built by its factory (createCalculatorHandler, what
 * functions/calculator/handler.ts wires): the bundled catalog, the given snapshot reader (none:
 * a request must carry its market) and the wall clock.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createCalculatorHandler } from '../../functions/calculator/calculatorHandler';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import type { LatestSnapshotReader } from '../../shared/calculator/ports';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { lambdaContext } from './lambdaContext';

export interface CalculatorHarness {
  invoke(event: unknown): Promise<unknown>;
  logger: Logger;
  metrics: Metrics;
}

export function calculatorHandler(
  options: { snapshots?: LatestSnapshotReader; logLevel?: 'SILENT' | 'INFO' } = {},
): CalculatorHarness {
  const logger = new Logger({ serviceName: SERVICE_NAMES.calculator, logLevel: options.logLevel ?? 'SILENT' });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator });
  const handler = createCalculatorHandler({
    deps: { lookupModel: catalogModelLookup(), snapshots: options.snapshots, now: () => new Date() },
    logger,
    metrics,
  });
  const context = lambdaContext('calculator');
  return { invoke: (event) => handler(event, context), logger, metrics };
}

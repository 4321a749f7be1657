/**
 * Entry point of the calculator Lambda (the infra bundles exactly this file): the handler from
 * createCalculatorHandler (calculatorHandler.ts) over the bundled catalog, the table's latest
 * snapshot (when TABLE_NAME is set) and the wall clock, built once per cold start.
 * The read API (GET /v1/..., shared/api) runs on the same table, read-only.
 * Env: TABLE_NAME (optional: without it a request must carry its own market, and the read API
 * answers that it is not configured), HASHWATCH_COMPUTE_CONFIG (optional: the pool fee of the
 * read API's past fleet shares, and the owner's sites of GET /v1/sites).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import {
  DynamoDailyHistoryReader,
  DynamoLatestStateReader,
  DynamoSignalReader,
} from '../../shared/adapters/dynamo/apiReaders';
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import { createApiRouter } from '../../shared/api/router';
import { DynamoCurtailmentTimelineRepository } from '../../shared/adapters/dynamo/curtailmentTimelineRepository';
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { resolveCurtailmentSites } from '../../shared/compute/curtailmentSites';
import { bundledMachineCatalog } from '../../shared/data/bundledData';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import { ownerSiteRequests } from '../../shared/compute/ownerSites';
import { computeConfigFromEnv } from '../../shared/config/computeConfig';
import { pctToFraction } from '../../shared/domain/units';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { createCalculatorHandler } from './calculatorHandler';

export type { FunctionUrlAnswer } from './calculatorHandler';

export const logger = new Logger({ serviceName: SERVICE_NAMES.calculator });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator });

const tableName = process.env.TABLE_NAME;

const dynamo = tableName ? dynamoDbClient({ owner: 'calculator' }) : undefined;
const computeConfig = tableName ? computeConfigFromEnv() : undefined;
const lookupModel = catalogModelLookup();

export const handler = createCalculatorHandler({
  deps: {
    lookupModel,
    snapshots: dynamo && tableName ? new DynamoLatestSnapshotReader(dynamo, tableName) : undefined,
    now: () => new Date(),
  },
  api:
    dynamo && tableName && computeConfig
      ? createApiRouter({
          latest: new DynamoLatestStateReader(dynamo, tableName),
          // Skipped and logged like the compute's (docs/resilience.md): never a failed request.
          signals: new DynamoSignalReader(dynamo, tableName, (item) =>
            logger.error('unreadable item in the table', { ...item }),
          ),
          history: new DynamoDailyHistoryReader(dynamo, tableName),
          globalFleetPoolFeeFraction: pctToFraction(computeConfig.globalFleetPoolFeePct),
          sites: { sites: ownerSiteRequests(computeConfig), lookupModel },
          curtailment: {
            sites: resolveCurtailmentSites(computeConfig, bundledMachineCatalog),
            timeline: new DynamoCurtailmentTimelineRepository(dynamo, tableName),
            prices: new DynamoPowerPriceRepository(dynamo, tableName),
          },
          signalsConfig: computeConfig.signals,
        })
      : undefined,
  logger,
  metrics,
});

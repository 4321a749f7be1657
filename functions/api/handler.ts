/**
 * Entry point of the read API Lambda (the infra bundles exactly this file): the handler from
 * createApiHandler (apiHandler.ts) over the table, read-only, built once per cold start.
 * Env: TABLE_NAME (without it every request answers that the read API is not configured),
 * HASHWATCH_COMPUTE_CONFIG (the pool fee of past days' fleet shares, the owner's sites of
 * GET /v1/sites and the curtailment sites of GET /v1/sites/{id}/curtailment).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import {
  DynamoDailyHistoryReader,
  DynamoLatestStateReader,
  DynamoSignalReader,
} from '../../shared/adapters/dynamo/apiReaders';
import { DynamoCurtailmentTimelineRepository } from '../../shared/adapters/dynamo/curtailmentTimelineRepository';
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { createApiRouter } from '../../shared/api/router';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import { resolveCurtailmentSites } from '../../shared/compute/curtailmentSites';
import { ownerSiteRequests } from '../../shared/compute/ownerSites';
import { computeConfigFromEnv } from '../../shared/config/computeConfig';
import { bundledMachineCatalog } from '../../shared/data/bundledData';
import { pctToFraction } from '../../shared/domain/units';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { createApiHandler } from './apiHandler';

export const logger = new Logger({ serviceName: SERVICE_NAMES.api });
// The calculator's service dimension: the HTTP functions share one failure metric (metrics.ts).
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator });

const tableName = process.env.TABLE_NAME;
const dynamo = tableName ? dynamoDbClient({ owner: 'api' }) : undefined;
const computeConfig = tableName ? computeConfigFromEnv() : undefined;

export const handler = createApiHandler({
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
          sites: { sites: ownerSiteRequests(computeConfig), lookupModel: catalogModelLookup() },
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

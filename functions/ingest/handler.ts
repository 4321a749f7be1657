/**
 * Entry point of the ingest Lambda (EventBridge Scheduler: the cycle every 10 minutes by default, and
 * the tip watch every minute with the payload `{ "watch": "tip" }`; the infra
 * bundles exactly this file). Thin on purpose: config, clients and Powertools are built once at
 * module scope; the handler comes from createIngestHandler (ingestHandler.ts) and the work from
 * shared/ingest.
 *
 * Env: TABLE_NAME (required), HASHWATCH_INGEST_CONFIG (optional JSON, see shared/config/ingestConfig.ts).
 * The DynamoDB endpoint follows the SDK's own AWS_ENDPOINT_URL_DYNAMODB (DynamoDB Local).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { parseIngestConfig } from '../../shared/config/ingestConfig';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { createIngestHandler } from './ingestHandler';

export type { IngestSummary, TipWatchSummary } from './ingestHandler';

export const logger = new Logger({ serviceName: SERVICE_NAMES.ingest });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.ingest });

const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');

export const handler = createIngestHandler({
  config: parseIngestConfig(process.env.HASHWATCH_INGEST_CONFIG),
  repository: new DynamoNetworkRepository(dynamoDbClient({ owner: 'ingest' }), tableName),
  logger,
  metrics,
  bundledEpochs: () => loadDifficultyEpochs(),
  // Only the local run and tests may set the clock from the event (`now`); the infra never sets this,
  // so a deployed ingest cannot be made to store future-dated snapshots.
  allowClockOverride: process.env.HASHWATCH_ALLOW_CLOCK_OVERRIDE === 'true',
});

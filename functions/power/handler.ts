/**
 * Entry point of the power ingest Lambda (EventBridge Scheduler, every 5 minutes; the infra bundles
 * exactly this file, and creates it only when the config has a site priced by ERCOT, ENTSO-E or a
 * feed). Built once per cold start: the sites from HASHWATCH_COMPUTE_CONFIG (the compute's config,
 * validated: a bad field fails the cold start naming it), their sources with the secrets read from
 * Parameter Store by the names the site config gives (read on first use, kept for the instance's
 * life), the clients and the price store. Env: TABLE_NAME, HASHWATCH_COMPUTE_CONFIG; the endpoint
 * overrides HASHWATCH_ERCOT_API_URL, _TOKEN_URL, _ARCHIVE_URL and HASHWATCH_ENTSOE_API_URL (a
 * mirror or a test's stand-in; the infra sets none).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import { ssmClient } from '../../shared/adapters/aws/ssmClient';
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { powerEndpointsFromEnv, sitePriceSources } from '../../shared/adapters/power/sitePriceSources';
import { ParameterStoreSecrets } from '../../shared/adapters/ssm/parameterStoreSecrets';
import { computeConfigFromEnv } from '../../shared/config/computeConfig';
import { parseIngestConfig } from '../../shared/config/ingestConfig';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { createPowerHandler } from './powerHandler';

export type { PowerRoundSummary } from './powerHandler';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

/** Who asks ERCOT and ENTSO-E: the project's HTTP budget (timeouts, retries, caps), named. */
const POWER_USER_AGENT = 'hashwatch-power/0.2 (+self-hosted)';

const logger = new Logger({ serviceName: SERVICE_NAMES.power });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.power });

const tableName = requiredEnv('TABLE_NAME');
const dynamo = dynamoDbClient({ owner: 'power' });
const secrets = new ParameterStoreSecrets(ssmClient({ owner: 'power' }));

export const handler = createPowerHandler({
  sites: sitePriceSources(computeConfigFromEnv().sites, {
    readSecret: (name) => secrets.read(name),
    http: { options: { ...parseIngestConfig(undefined).http, userAgent: POWER_USER_AGENT } },
    snapshots: new DynamoLatestSnapshotReader(dynamo, tableName),
    tableName,
    endpoints: powerEndpointsFromEnv(process.env),
  }),
  store: new DynamoPowerPriceRepository(dynamo, tableName),
  logger,
  metrics,
});

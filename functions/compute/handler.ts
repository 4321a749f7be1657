/**
 * Entry point of the compute Lambda (the infra bundles exactly this file). Everything is built
 * once per cold start: config (HASHWATCH_COMPUTE_CONFIG, validated: a bad field fails the cold
 * start naming it), reference data, clients, repositories. Env: TABLE_NAME, TOPIC_ARN,
 * HASHWATCH_COMPUTE_CONFIG (optional).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import { snsClient } from '../../shared/adapters/aws/snsClient';
import { createComputeDependencies } from './computeDependencies';
import { computeConfigFromEnv } from '../../shared/config/computeConfig';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { createComputeHandler } from './computeHandler';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

const logger = new Logger({ serviceName: SERVICE_NAMES.compute });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.compute });

const config = computeConfigFromEnv();
const deps = createComputeDependencies({
  dynamo: dynamoDbClient({ owner: 'compute' }),
  tableName: requiredEnv('TABLE_NAME'),
  sns: snsClient({ owner: 'compute' }),
  topicArn: requiredEnv('TOPIC_ARN'),
  config,
  onUnreadableItem: (item) => logger.error('unreadable item in the table', { ...item }),
});

export const handler = createComputeHandler({ deps, logger, metrics });

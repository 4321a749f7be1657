/**
 * Entry point of the compute Lambda (the infra bundles exactly this file). Everything is built
 * once per cold start: config (HASHWATCH_COMPUTE_CONFIG, validated: a bad field fails the cold
 * start naming it), reference data, clients, repositories. Env: TABLE_NAME, TOPIC_ARN,
 * HASHWATCH_COMPUTE_CONFIG (optional).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { awsClientOptions } from '../../shared/adapters/aws/clientOptions';
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
  dynamo: new DynamoDBClient(awsClientOptions()),
  tableName: requiredEnv('TABLE_NAME'),
  sns: new SNSClient(awsClientOptions()),
  topicArn: requiredEnv('TOPIC_ARN'),
  config,
  onUnreadableItem: (item) => logger.error('unreadable item in the table', { ...item }),
});

export const handler = createComputeHandler({ deps, logger, metrics });

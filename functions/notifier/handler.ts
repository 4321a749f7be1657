/**
 * Entry point of the notifier Lambda (the infra bundles exactly this file). Built once per cold
 * start: the channels from HASHWATCH_NOTIFICATIONS (non-secret: each secret is named by its SSM
 * parameter; a bad entry fails the cold start naming it), the clients, the delivery ledger and
 * the Parameter Store reader whose cache lives as long as this instance. Env: TABLE_NAME,
 * HASHWATCH_NOTIFICATIONS.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { setTimeout as sleep } from 'node:timers/promises';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import { ssmClient } from '../../shared/adapters/aws/ssmClient';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamo/deliveryLedger';
import { ParameterStoreSecrets } from '../../shared/adapters/ssm/parameterStoreSecrets';
import { parseNotificationsJson } from '../../shared/notify/channelConfig';
import { fetchTransport } from '../../shared/notify/httpTransport';
import { SERVICE_NAMES } from '../../shared/observability/metrics';
import { createNotifierHandler } from './notifierHandler';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

// The service name the template sets (POWERTOOLS_SERVICE_NAME, Powertools' convention); the name
// this build knows when the entry point runs without it (a local test).
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAMES.notifier });

export const handler = createNotifierHandler({
  // Unset: no channels (every invocation is then refused, naming the alias it came through).
  channels: parseNotificationsJson(process.env.HASHWATCH_NOTIFICATIONS, 'refused'),
  logger,
  deps: {
    ledger: new DynamoDeliveryLedger(dynamoDbClient({ owner: 'notifier' }), requiredEnv('TABLE_NAME')),
    secrets: new ParameterStoreSecrets(ssmClient({ owner: 'notifier' })),
    transport: fetchTransport,
    now: () => new Date(),
    sleep: (ms) => sleep(ms),
    random: Math.random,
  },
});

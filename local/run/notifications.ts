/**
 * Notifications on a laptop: the channels of HASHWATCH_NOTIFICATIONS (secrets inline, or named
 * SSM parameters read with the user's own AWS credentials), delivered by the notifier's own
 * handler exactly as AWS drives it: per channel, the SNS Lambda event of the published message,
 * an invocation through that channel's alias, the delivery records in the local table. Channels
 * are served concurrently, so a failing one never holds up the others.
 */
import type { Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { ssmClient } from '../../shared/adapters/aws/ssmClient';
import { setTimeout as sleep } from 'node:timers/promises';
import { createNotifierHandler } from '../../functions/notifier/notifierHandler';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamo/deliveryLedger';
import { ParameterStoreSecrets } from '../../shared/adapters/ssm/parameterStoreSecrets';
import { channelKey, parameterNamesOf, type NotificationChannelConfig } from '../../shared/notify/channelConfig';
import type { DeliveryResult } from '../../shared/notify/deliverEvent';
import { fetchTransport } from '../../shared/notify/httpTransport';
import { SERVICE_NAMES } from '../../shared/observability/metrics';
import { LOCAL_REGION } from '../devtools/localClient';
import { snsLambdaEvent } from '../sink/snsLambdaEvent';
import type { LocalTable } from './localRun';

export const LOCAL_NOTIFIER_FUNCTION = 'hashwatch-notifier-local';
/** How long a local delivery may take, retries and 429 waits included (the deployed function has 90 s). */
export const LOCAL_DELIVERY_BUDGET_MS = 30_000;

export interface LocalNotifier {
  keys: string[];
  deliver(input: PublishCommandInput): Promise<void>;
}

function channelContext(key: string): Context {
  return {
    functionName: LOCAL_NOTIFIER_FUNCTION,
    functionVersion: '1',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${LOCAL_NOTIFIER_FUNCTION}:${key}`,
    memoryLimitInMB: '256',
    awsRequestId: `local-${Date.now().toString(36)}`,
    logGroupName: `/aws/lambda/${LOCAL_NOTIFIER_FUNCTION}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => LOCAL_DELIVERY_BUDGET_MS,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function describeResult(results: DeliveryResult[]): string {
  const result = results[0];
  if (!result) return 'nothing to deliver';
  if (result.status === 'delivered') return `delivered${result.receipt ? ` (${result.receipt})` : ''}`;
  if (result.status === 'duplicate') return 'already delivered (copy dropped)';
  return 'outside its filter';
}

export function createLocalNotifier(options: {
  channels: readonly NotificationChannelConfig[];
  table: LocalTable;
  write: (line: string) => void;
}): LocalNotifier {
  const { channels, write } = options;
  const deps = {
    ledger: new DynamoDeliveryLedger(options.table.client, options.table.tableName),
    // Only when a channel names a parameter: then the user's AWS credentials read it.
    secrets: parameterNamesOf(channels).length > 0 ? new ParameterStoreSecrets(ssmClient()) : undefined,
    transport: fetchTransport,
    now: () => new Date(),
    sleep: (ms: number) => sleep(ms),
    random: Math.random,
  };
  // One handler (and logger) per channel, as each alias is its own Lambda instance in AWS: the
  // channels run concurrently here, and a shared logger would mix their invocation context.
  const handlers = new Map(
    channels.map((channel) => [
      channelKey(channel),
      createNotifierHandler({ channels, deps, logger: new Logger({ serviceName: SERVICE_NAMES.notifier }) }),
    ]),
  );
  const keys = [...handlers.keys()];
  return {
    keys,
    async deliver(input) {
      const now = new Date();
      await Promise.all(
        keys.map(async (key) => {
          const event = snsLambdaEvent(input, { now, subscriptionId: key });
          try {
            write(`  -> ${key}: ${describeResult(await handlers.get(key)!(event, channelContext(key)))}`);
          } catch (error) {
            write(`  -> ${key}: NOT delivered: ${(error as Error).message}`);
          }
        }),
      );
    },
  };
}

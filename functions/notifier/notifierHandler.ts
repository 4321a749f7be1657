/**
 * The notifier function's handler, built from its dependencies (handler.ts wires the real ones;
 * the local run and the tests wire DynamoDB Local, inline secrets and fake chat APIs on
 * 127.0.0.1, same code path). SNS invokes it through one alias per channel, so the alias in the
 * invoked ARN (...:function:<name>:<channelKey>) says which channel this invocation serves: each
 * channel has its own subscription, filter policy, retries and dead-letter path, and a failing
 * channel never holds up another. The record's message is the event document (the `lambda` key
 * of the published MessageStructure json). A failure throws: Lambda retries the event twice, then
 * hands it to the on-failure destination (the notification dead-letter queue).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import { signalEventSchema } from '../../shared/domain/signals/eventDocument';
import { channelKey, type NotificationChannelConfig } from '../../shared/notify/channelConfig';
import { deliverEvent, type DeliveryResult, type NotifierDependencies } from '../../shared/notify/deliverEvent';

/** Time kept back from the invocation's deadline to settle the delivery record and return. */
export const DEADLINE_MARGIN_MS = 3_000;

export interface NotifierHandlerOptions {
  channels: readonly NotificationChannelConfig[];
  deps: Omit<NotifierDependencies, 'log'>;
  logger: Logger;
}

export type NotifierHandler = (event: SNSEvent, context: Context) => Promise<DeliveryResult[]>;

/** The qualifier of the invoked ARN: the channel's alias. */
export function invokedQualifier(invokedFunctionArn: string): string | undefined {
  const parts = invokedFunctionArn.split(':');
  return parts.length === 8 ? parts[7] : undefined;
}

export class NotifierInvocationError extends Error {
  override name = 'NotifierInvocationError';
}

export function createNotifierHandler({ channels, deps, logger }: NotifierHandlerOptions): NotifierHandler {
  const byKey = new Map(channels.map((config) => [channelKey(config), config]));

  const handler = async (event: SNSEvent, context: Context): Promise<DeliveryResult[]> => {
    const key = invokedQualifier(context.invokedFunctionArn);
    const config = key === undefined ? undefined : byKey.get(key);
    if (key === undefined || config === undefined) {
      throw new NotifierInvocationError(
        `invoked as ${context.invokedFunctionArn}: not through a channel alias (configured: ${[...byKey.keys()].join(', ') || 'none'})`,
      );
    }
    const deadline = new Date(deps.now().getTime() + context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS);
    const results: DeliveryResult[] = [];
    // SNS invokes with exactly one record; a batch would be handled in order all the same.
    for (const record of event.Records) {
      let document: unknown;
      try {
        document = JSON.parse(record.Sns.Message);
      } catch {
        throw new NotifierInvocationError(`SNS message ${record.Sns.MessageId} is not JSON`);
      }
      const parsed = signalEventSchema.safeParse(document);
      if (!parsed.success) {
        throw new NotifierInvocationError(
          `SNS message ${record.Sns.MessageId} is not a Hashwatch event document: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      results.push(await deliverEvent(parsed.data, { key, config }, deadline, { ...deps, log: logger }));
    }
    return results;
  };

  return middy(handler).use(injectLambdaContext(logger, { resetKeys: true })) as unknown as NotifierHandler;
}

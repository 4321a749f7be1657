/**
 * The notifier's use case: deliver one event to one channel, once. Filter (the channel's own
 * filter, as SNS applies it), claim the (event, channel) pair in the ledger, post with retries
 * inside the invocation's deadline, settle the claim. Anything but a delivery (or a copy of one
 * already delivered) throws, so that Lambda retries the event and finally sends it to the
 * on-failure dead-letter queue; see deliveryLedger.ts for the at-most-once rule.
 */
import type { SignalEvent } from '../domain/signals/eventDocument';
import { channelRequest, channelVerdict } from './channels';
import type { NotificationChannelConfig } from './channelConfig';
import type { DeliveryLedger } from './deliveryLedger';
import { eventMatchesFilter } from './eventFilter';
import { channelSecrets, type SecretReader } from './secrets';
import { sendWithRetry, type RetryDependencies, type RetryNotice, type RetryPolicy } from './sendWithRetry';

export interface NotifierLog {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
  error(message: string, fields: Record<string, unknown>): void;
}

export interface NotifierDependencies extends RetryDependencies {
  ledger: DeliveryLedger;
  secrets?: SecretReader;
  log: NotifierLog;
  policy?: RetryPolicy;
}

export interface ChannelTarget {
  key: string;
  config: NotificationChannelConfig;
}

export type DeliveryResult =
  { status: 'delivered'; attempts: number; receipt?: string } | { status: 'filtered' } | { status: 'duplicate' };

/** Base of the errors that send an event back to Lambda (retry, then the dead-letter queue). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}
/** Not delivered; a retry may succeed. */
export class DeliveryFailedError extends DeliveryError {
  override name = 'DeliveryFailedError';
}
/** Another invocation holds the claim (a concurrent copy of the event): let Lambda retry later. */
export class DeliveryInProgressError extends DeliveryError {
  override name = 'DeliveryInProgressError';
}
/** The alert may or may not have been posted: never posted again automatically. */
export class DeliveryOutcomeUnknownError extends DeliveryError {
  override name = 'DeliveryOutcomeUnknownError';
}

export async function deliverEvent(
  event: SignalEvent,
  channel: ChannelTarget,
  deadline: Date,
  deps: NotifierDependencies,
): Promise<DeliveryResult> {
  const where = { eventId: event.id, channel: channel.key, channelType: channel.config.type };
  if (!eventMatchesFilter(channel.config.filter, event)) {
    deps.log.info('event outside the channel filter, not delivered', where);
    return { status: 'filtered' };
  }
  const now = deps.now();
  const claim = await deps.ledger.claim({
    eventId: event.id,
    channelKey: channel.key,
    channelType: channel.config.type,
    now,
    leaseUntil: deadline,
  });
  if (!claim.claimed) {
    if (claim.status === 'delivered') {
      deps.log.info('already delivered to this channel; copy dropped', where);
      return { status: 'duplicate' };
    }
    if (claim.status === 'sending' && claim.leaseUntil !== undefined && Date.parse(claim.leaseUntil) > now.getTime()) {
      throw new DeliveryInProgressError(`event ${event.id} is being delivered to ${channel.key} by another invocation`);
    }
    throw new DeliveryOutcomeUnknownError(
      `event ${event.id} may already be in ${channel.key} (${claim.status === 'unknown' ? 'a previous attempt had no clear answer' : 'a previous invocation stopped while sending'}); not posted again: check the channel`,
    );
  }

  const settle = (status: 'delivered' | 'failed' | 'unknown', attempts: number, detail?: string) =>
    deps.ledger.settle({
      eventId: event.id,
      channelKey: channel.key,
      claimId: claim.claimId,
      status,
      at: deps.now(),
      attempts,
      detail,
    });

  let secrets;
  try {
    secrets = await channelSecrets(channel.config, deps.secrets);
  } catch (error) {
    await settle('failed', 0, (error as Error).message);
    throw new DeliveryFailedError((error as Error).message);
  }
  const outcome = await sendWithRetry(
    (at) => channelRequest(channel.config, event, secrets, at),
    (answer, at) => channelVerdict(channel.config, answer, at),
    deadline,
    deps,
    {
      policy: deps.policy,
      onRetry: (notice: RetryNotice) => deps.log.warn('delivery attempt failed; retrying', { ...where, ...notice }),
    },
  );
  if (outcome.outcome === 'delivered') {
    await settle('delivered', outcome.attempts, outcome.receipt);
    deps.log.info('delivered', { ...where, attempts: outcome.attempts, receipt: outcome.receipt });
    return outcome.receipt === undefined
      ? { status: 'delivered', attempts: outcome.attempts }
      : { status: 'delivered', attempts: outcome.attempts, receipt: outcome.receipt };
  }
  if (outcome.outcome === 'unknown') {
    await settle('unknown', outcome.attempts, outcome.reason);
    deps.log.error('delivery outcome unknown; not retried', {
      ...where,
      attempts: outcome.attempts,
      reason: outcome.reason,
    });
    throw new DeliveryOutcomeUnknownError(
      `event ${event.id} to ${channel.key}: ${outcome.reason}; it may have been posted, so it is not posted again`,
    );
  }
  await settle('failed', outcome.attempts, outcome.reason);
  deps.log.error('delivery failed', {
    ...where,
    attempts: outcome.attempts,
    reason: outcome.reason,
    rejected: outcome.rejected,
  });
  throw new DeliveryFailedError(`event ${event.id} to ${channel.key}: ${outcome.reason}`);
}

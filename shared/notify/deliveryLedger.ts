/**
 * The record of each (event, channel) delivery, which makes a redelivered SNS message (or a
 * Lambda retry) never post twice: before posting, the notifier claims the pair with a
 * conditional write; after, it settles the claim. Statuses:
 *   sending   claimed by an invocation until `leaseUntil` (its deadline);
 *   delivered posted: any later copy of the event is dropped;
 *   failed    certainly not posted (rejected, rate limited past the deadline, unreachable): a
 *             later copy may claim the pair again and post;
 *   unknown   the request may have arrived (a timeout mid-way, or an invocation that died while
 *             sending): never posted again automatically; the event goes to the dead-letter
 *             queue for a person to check the channel.
 * So delivery is at most once per channel, and never silently lost: what is not delivered ends in
 * the dead-letter queue.
 */
import type { ChannelType } from './channelConfig';

export const DELIVERY_STATUSES = ['sending', 'delivered', 'failed', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface ClaimRequest {
  eventId: string;
  channelKey: string;
  channelType: ChannelType;
  now: Date;
  leaseUntil: Date;
}

export type ClaimResult =
  { claimed: true; claimId: string } | { claimed: false; status: DeliveryStatus; leaseUntil?: string };

export interface SettleRequest {
  eventId: string;
  channelKey: string;
  claimId: string;
  status: Exclude<DeliveryStatus, 'sending'>;
  at: Date;
  attempts: number;
  /** The API's receipt (Telegram message_id, Discord message id) or the reason it failed. */
  detail?: string;
}

export interface DeliveryLedger {
  claim(request: ClaimRequest): Promise<ClaimResult>;
  settle(request: SettleRequest): Promise<void>;
}

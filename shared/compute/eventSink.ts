/**
 * Where published events go: SNS in AWS (shared/adapters/sns/snsEventSink.ts), or on a laptop the
 * console, a JSON-lines file or a webhook (the local run). A sink either delivers the event or
 * throws; the outbox retries whatever was not delivered.
 */
import type { SignalEvent } from '../domain/signals/eventDocument';

export interface PublishReceipt {
  /** The transport's id for the delivery (SNS MessageId), when it has one. */
  messageId?: string;
}

export interface EventSink {
  publish(event: SignalEvent): Promise<PublishReceipt>;
}

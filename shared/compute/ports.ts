/**
 * What the compute use case needs from the outside world, declared beside it and implemented by
 * the adapters: the network history and the profitability store, the signal states and the
 * outbox (shared/adapters/dynamo), and the event sink (SNS in AWS, shared/adapters/sns; on a
 * laptop the console, a JSON-lines file or a webhook, local/sink). In-memory fakes are never used
 * in tests: the tests run the DynamoDB adapters on DynamoDB Local.
 */
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import type { SignalEvent } from '../domain/signals/eventDocument';
import type { RenderedEvent } from '../domain/signals/eventMessage';
import type { SignalState } from '../domain/signals/signalState';
import type { ProfitabilityRecord } from '../store/profitabilityRecord';

export interface NetworkHistoryReader {
  /** Daily rollups from `fromDate` (inclusive) on, oldest first. */
  dailySince(fromDate: string): Promise<DailyNetwork[]>;
  /** The newest `count` epochs, oldest first. */
  latestEpochs(count: number): Promise<DifficultyEpoch[]>;
}

export interface ProfitabilityStore {
  put(record: ProfitabilityRecord): Promise<void>;
}

export interface VersionedSignalState {
  state: SignalState;
  /** Optimistic-concurrency version; 0 for a state never stored. */
  version: number;
}

export interface SignalStateChange {
  state: SignalState;
  expectedVersion: number;
  /** The transition's event and its message, recorded in the same transaction (with its outbox entry). */
  event: RenderedEvent | undefined;
}

export interface SignalStateStore {
  list(): Promise<Map<string, VersionedSignalState>>;
  /**
   * 'conflict' when the stored version is no longer `expectedVersion`; once 'committed', the stored
   * version is `expectedVersion + 1` (so a later pass of the same invocation can commit on it
   * without listing the states again).
   */
  commit(change: SignalStateChange): Promise<'committed' | 'conflict'>;
}

export interface OutboxEntry {
  eventId: string;
  occurredAt: string;
}

export type ClaimResult =
  | { kind: 'claimed'; event: RenderedEvent }
  /** Another worker's lease is running: the events behind it wait (per-signal order). */
  | { kind: 'held' }
  /** Published already, or gone: nothing to do. */
  | { kind: 'done' }
  /** This build cannot read its document: set aside (kept, marked, out of the outbox) and reported. */
  | { kind: 'unpublishable'; error: string };

export interface OutboxStore {
  /** Pending events, oldest first. */
  listPending(limit: number): Promise<OutboxEntry[]>;
  /** Claims the event for publishing until `leaseUntilMs`. */
  claim(entry: OutboxEntry, claimToken: string, nowMs: number, leaseUntilMs: number): Promise<ClaimResult>;
  markPublished(
    event: SignalEvent,
    claimToken: string,
    publishedAtMs: number,
    messageId: string | undefined,
  ): Promise<void>;
  /** Gives the claim back after a failed publish (the next drain retries it). */
  release(eventId: string, claimToken: string, error: string): Promise<void>;
}

/**
 * Where published events go. A sink either delivers the event or throws; the outbox retries
 * whatever was not delivered.
 */
export interface PublishReceipt {
  /** The transport's id for the delivery (SNS MessageId), when it has one. */
  messageId?: string;
}

export interface EventSink {
  /** Sends the event document and its stored message (never re-rendered here). */
  publish(event: RenderedEvent): Promise<PublishReceipt>;
}

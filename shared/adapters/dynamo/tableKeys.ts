/**
 * The single-table key design (documented in docs/storage.md). Every item has
 * `pk`, `sk` and `entity`; items that expire carry `expiresAt` (epoch seconds, the table's TTL
 * attribute). The stream filter of the compute function keys on entity = NetworkSnapshot and
 * eventName = INSERT, so compute's own writes never trigger it.
 */

/** The table's key attributes: a string partition key and a string sort key. */
export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
export const TTL_ATTRIBUTE = 'expiresAt';

export const Entity = {
  NetworkSnapshot: 'NetworkSnapshot',
  DailyNetwork: 'DailyNetwork',
  DifficultyEpoch: 'DifficultyEpoch',
  /** The profitability record; the stored entity name predates the record's name and is kept. */
  ProfitabilityRecord: 'ProfitabilitySnapshot',
  SignalState: 'SignalState',
  SignalEvent: 'SignalEvent',
  OutboxEntry: 'OutboxEntry',
  BackfillProgress: 'BackfillProgress',
  NotificationDelivery: 'NotificationDelivery',
} as const;
export type EntityName = (typeof Entity)[keyof typeof Entity];

export const keys = {
  /** Raw snapshots, one per ingest interval; newest first with ScanIndexForward=false. TTL'd. */
  networkSnapshot: (intervalStartIso: string) => ({ pk: 'NETWORK', sk: `SNAP#${intervalStartIso}` }),
  networkSnapshotPrefix: { pk: 'NETWORK', skPrefix: 'SNAP#' },
  /** Daily rollups, kept for ever (they feed the 30/60/90/365-day indicators). */
  dailyNetwork: (date: string) => ({ pk: 'DAILY', sk: `DAY#${date}` }),
  dailyNetworkPrefix: { pk: 'DAILY', skPrefix: 'DAY#' },
  /** Difficulty epochs, zero-padded so they sort. */
  difficultyEpoch: (epoch: number) => ({ pk: 'EPOCH', sk: `EPOCH#${String(epoch).padStart(6, '0')}` }),
  difficultyEpochPrefix: { pk: 'EPOCH', skPrefix: 'EPOCH#' },
  /** Profitability computed from the network snapshot of the same interval. TTL'd like it. */
  profitabilityRecord: (intervalStartIso: string) => ({ pk: 'PROFIT', sk: `SNAP#${intervalStartIso}` }),
  profitabilityRecordPrefix: { pk: 'PROFIT', skPrefix: 'SNAP#' },
  /** Current state of one signal (subject: '' for network-wide signals, a fleet or level name otherwise). */
  signalState: (signalId: string, subject = '') => ({ pk: 'SIGNAL', sk: `STATE#${signalId}#${subject}` }),
  signalStatePrefix: { pk: 'SIGNAL', skPrefix: 'STATE#' },
  /** An event (transition), keyed by its stable id; doubles as the outbox until published. */
  signalEvent: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
  /**
   * Outbox index: one small item per event not yet published, written in the same transaction as
   * the event and deleted when it is published, so pending events are one Query away (oldest first).
   */
  outboxEntry: (occurredAtIso: string, eventId: string) => ({ pk: 'OUTBOX', sk: `EVENT#${occurredAtIso}#${eventId}` }),
  outboxPrefix: { pk: 'OUTBOX', skPrefix: 'EVENT#' },
  backfillProgress: () => ({ pk: 'BACKFILL', sk: 'PROGRESS' }),
  /** The delivery of one event to one notification channel (the notifier's once-only record). TTL'd. */
  notificationDelivery: (eventId: string, channelKey: string) => ({ pk: `DELIVERY#${eventId}`, sk: channelKey }),
} as const;

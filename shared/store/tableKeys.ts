/**
 * The single-table key design (documented in docs/storage.md). Every item has
 * `pk`, `sk` and `entity`; items that expire carry `expiresAt` (epoch seconds, the table's TTL
 * attribute). The stream filter of the compute function (streamFilter.ts) keys on the entity
 * (NetworkSnapshot, PowerPrice) and eventName = INSERT, so compute's own writes never trigger it.
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
  EventLogEntry: 'EventLogEntry',
  BackfillProgress: 'BackfillProgress',
  NotificationDelivery: 'NotificationDelivery',
  PowerPrice: 'PowerPrice',
  CurtailmentModeChange: 'CurtailmentModeChange',
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
  /**
   * Event log: one item per event, newest last by sort key, written in the same transaction as the
   * event and kept (no TTL), so the read API lists recent events with one Query, newest first.
   */
  eventLogEntry: (occurredAtIso: string, eventId: string) => ({
    pk: 'EVENTLOG',
    sk: `EVENT#${occurredAtIso}#${eventId}`,
  }),
  eventLogPrefix: { pk: 'EVENTLOG', skPrefix: 'EVENT#' },
  backfillProgress: () => ({ pk: 'BACKFILL', sk: 'PROGRESS' }),
  /** The delivery of one event to one notification channel (the notifier's once-only record). TTL'd. */
  notificationDelivery: (eventId: string, channelKey: string) => ({ pk: `DELIVERY#${eventId}`, sk: channelKey }),
  /** A site's power price for one market interval, by its start (ISO sorts in time). TTL'd. */
  powerPrice: (site: string, intervalStartIso: string) => ({ pk: `POWER#${site}`, sk: `PRICE#${intervalStartIso}` }),
  powerPricePrefix: (site: string) => ({ pk: `POWER#${site}`, skPrefix: 'PRICE#' }),
  /**
   * A machine class's mode change at a site (curtailmentTimeline.ts), by when it takes effect, then
   * the class: a site's timeline is one Query, oldest first. Kept (no TTL): the savings of past
   * months are counted from it.
   */
  curtailmentModeChange: (site: string, effectiveIso: string, machineClass: string) => ({
    pk: `POWER#${site}`,
    sk: `MODE#${effectiveIso}#${machineClass}`,
  }),
  curtailmentModeChangePrefix: (site: string) => ({ pk: `POWER#${site}`, skPrefix: 'MODE#' }),
} as const;

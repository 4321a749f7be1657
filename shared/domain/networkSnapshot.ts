/**
 * A network snapshot: what the ingest stores every interval and the compute consumes.
 * The schema is the contract between the two (and the stream filter keys on `entity`). Each field
 * is declared once, here; every snapshot is made by the one constructor below (networkSnapshot),
 * and the ingest declares where each figure comes from (shared/ingest/figures.ts).
 */
import * as z from '../schema/z';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Quality flags of a price no second source confirms (set by the ingest, read by the compute). */
export const FLAG_PRICE_DISAGREE = 'price-sources-disagree';
export const FLAG_PRICE_SINGLE_SOURCE = 'price-single-source';

const isoTimestamp = z.iso.datetime({ offset: true });

export const epochProgressSchema = z.object({
  /** Index of the running 2016-block epoch. */
  epoch: z.int().check(z.nonnegative()),
  startHeight: z.int().check(z.nonnegative()),
  progressPct: z.number().check(z.minimum(0), z.maximum(100)),
  remainingBlocks: z.int().check(z.nonnegative()),
  /** mempool's estimate of the coming retarget, percent (signed). */
  estimatedChangePct: z.number().check(z.minimum(-75), z.maximum(300)),
  estimatedRetargetAt: isoTimestamp,
  previousChangePct: z.number().check(z.minimum(-75), z.maximum(300)),
});
export type EpochProgress = z.infer<typeof epochProgressSchema>;

export const networkSnapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  /** Start of the ingest interval this snapshot belongs to (its identity: one snapshot per interval). */
  intervalStart: isoTimestamp,
  /** When the data was fetched. */
  observedAt: isoTimestamp,
  tipHeight: z.int().check(z.nonnegative()),
  difficulty: z.number().check(z.positive()),
  /** Network hashrate estimate (mempool `currentHashrate`), H/s. */
  hashrateHps: z.number().check(z.positive()),
  btcPriceUsd: z.number().check(z.positive()),
  /** Other fiat prices per BTC where a source offers them (EUR, GBP, ...). */
  fiatPrices: z._default(z.record(z.string().check(z.regex(/^[A-Z]{3}$/)), z.number().check(z.positive())), {}),
  /** Mean fees per block over the recent window (144 blocks), BTC. */
  feesBtcPerBlock: z.number().check(z.nonnegative()),
  feeWindowBlocks: z.int().check(z.positive()),
  subsidyBtc: z.number().check(z.nonnegative()),
  epochProgress: epochProgressSchema,
  /** Which source supplied each field, e.g. { btcPriceUsd: 'mempool', difficulty: 'mempool' }. */
  sources: z.record(z.string(), z.string()),
  /**
   * Since when the ingest has seen this tip height (set when the tip did not advance since the last
   * snapshot): a tip frozen for hours means stale chain data (shared/ingest/snapshotChecks.ts).
   */
  tipSeenSince: z.optional(isoTimestamp),
  /**
   * Header time of the tip block, when mempool's per-block list has it: the chain data's own age
   * (dataFreshnessSeconds, and the stale-tip check) rather than the ingest's clock.
   */
  tipBlockTime: z.optional(isoTimestamp),
  /** Quality flags, e.g. 'price-sources-disagree'. A flagged snapshot is stored but marked. */
  flags: z._default(z.array(z.string()), []),
});
export type NetworkSnapshot = z.infer<typeof networkSnapshotSchema>;

/** The fields a snapshot's maker records about the snapshot itself rather than about the network. */
export type SnapshotBookkeeping =
  'schemaVersion' | 'intervalStart' | 'observedAt' | 'sources' | 'flags' | 'tipSeenSince';

/** The network's figures a snapshot holds: every field that is not bookkeeping. */
export type SnapshotFigures = Omit<NetworkSnapshot, SnapshotBookkeeping>;

/**
 * What a maker of a snapshot gives: the figures and the interval; when the figures were observed
 * (default: the interval's start), their sources, flags and other fiat prices default to none.
 */
export type NetworkSnapshotInput = Omit<
  NetworkSnapshot,
  'schemaVersion' | 'observedAt' | 'fiatPrices' | 'sources' | 'flags'
> &
  Partial<Pick<NetworkSnapshot, 'observedAt' | 'fiatPrices' | 'sources' | 'flags'>>;

/**
 * The one constructor of a network snapshot: the ingest (and through it the simulation), the
 * backtest's replayed days and the tests' builders all make their snapshots here. A new field is a
 * line in the schema above and a compile error in one place, the ingest's figure declarations
 * (shared/ingest/figures.ts), which say where the live ingest and the backtest take it from; the
 * tests' builders start from a backtest snapshot. It checks nothing at run time: the ingest parses
 * what it built with the schema before storing it.
 */
export function networkSnapshot(input: NetworkSnapshotInput): NetworkSnapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    ...input,
    observedAt: input.observedAt ?? input.intervalStart,
    fiatPrices: input.fiatPrices ?? {},
    sources: input.sources ?? {},
    flags: input.flags ?? [],
  };
}

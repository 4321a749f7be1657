/**
 * A network snapshot: what the ingest stores every interval and the compute consumes.
 * The schema is the contract between the two (and the stream filter keys on `entity`).
 */
import * as z from 'zod';

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** Quality flags of a price no second source confirms (set by the ingest, read by the compute). */
export const FLAG_PRICE_DISAGREE = 'price-sources-disagree';
export const FLAG_PRICE_SINGLE_SOURCE = 'price-single-source';

const isoTimestamp = z.iso.datetime({ offset: true });

export const epochProgressSchema = z.object({
  /** Index of the running 2016-block epoch. */
  epoch: z.number().int().nonnegative(),
  startHeight: z.number().int().nonnegative(),
  progressPct: z.number().min(0).max(100),
  remainingBlocks: z.number().int().nonnegative(),
  /** mempool's estimate of the coming retarget, percent (signed). */
  estimatedChangePct: z.number().min(-75).max(300),
  estimatedRetargetAt: isoTimestamp,
  previousChangePct: z.number().min(-75).max(300),
});
export type EpochProgress = z.infer<typeof epochProgressSchema>;

/**
 * Figures a source adds to the snapshot when it can (`MempoolSource.optionalFigures`): no fallback,
 * no cross-check, and a failed read only leaves them out. Each is optional, so snapshots stored
 * before it was read still parse. The signal input carries the whole snapshot (SignalInput.networkSnapshot),
 * so a new figure shown in an alert is one line here, its reading in the source adapter and the
 * detector that words it.
 */
export const optionalFiguresSchema = z.object({});
export type OptionalFigures = z.infer<typeof optionalFiguresSchema>;

export const networkSnapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  /** Start of the ingest interval this snapshot belongs to (its identity: one snapshot per interval). */
  intervalStart: isoTimestamp,
  /** When the data was fetched. */
  observedAt: isoTimestamp,
  tipHeight: z.number().int().nonnegative(),
  difficulty: z.number().positive(),
  /** Network hashrate estimate (mempool `currentHashrate`), H/s. */
  hashrateHps: z.number().positive(),
  btcPriceUsd: z.number().positive(),
  /** Other fiat prices per BTC where a source offers them (EUR, GBP, ...). */
  fiatPrices: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()).default({}),
  /** Mean fees per block over the recent window (144 blocks), BTC. */
  feesBtcPerBlock: z.number().nonnegative(),
  feeWindowBlocks: z.number().int().positive(),
  subsidyBtc: z.number().nonnegative(),
  epochProgress: epochProgressSchema,
  /** Which source supplied each field, e.g. { btcPriceUsd: 'mempool', difficulty: 'mempool' }. */
  sources: z.record(z.string(), z.string()),
  /**
   * Since when the ingest has seen this tip height (set when the tip did not advance since the last
   * snapshot): a tip frozen for hours means stale chain data (shared/ingest/snapshotChecks.ts).
   */
  tipSeenSince: isoTimestamp.optional(),
  /**
   * Header time of the tip block, when mempool's per-block list has it: the chain data's own age
   * (dataFreshnessSeconds, and the stale-tip check) rather than the ingest's clock.
   */
  tipBlockTime: isoTimestamp.optional(),
  /** Quality flags, e.g. 'price-sources-disagree'. A flagged snapshot is stored but marked. */
  flags: z.array(z.string()).default([]),
  ...optionalFiguresSchema.shape,
});
export type NetworkSnapshot = z.infer<typeof networkSnapshotSchema>;

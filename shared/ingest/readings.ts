/**
 * Normalized readings the provider clients return: SI-ish units (H/s, BTC, USD, ISO times). The
 * readings of the requests a snapshot figure is taken from also carry, under the snapshot's own
 * names, the figures their upstream reports as they stand (FiguresRead).
 */
import type { SnapshotFigures } from '../domain/networkSnapshot';

/**
 * Snapshot figures a reading carries in the snapshot's names and units (shared/domain/networkSnapshot.ts):
 * a new figure is a line where the source adapter builds the reading of the request that reports
 * it, and its declaration (figures.ts) names that request; no parallel edit here. Whether the
 * reading had it is checked where it matters: a required figure no source delivered fails the
 * ingest cycle, naming the figure.
 */
export type FiguresRead = Partial<SnapshotFigures>;

export interface PriceQuote {
  source: string;
  priceUsd: number;
  /** Other fiat prices per BTC (EUR, GBP, ...), where the source offers them. */
  fiatPrices: Record<string, number>;
  /** When the source says the price was observed, if it says. */
  observedAt?: string;
}

export interface DifficultyAdjustmentReading extends FiguresRead {
  progressPct: number;
  /** Estimated change at the coming retarget, percent. */
  estimatedChangePct: number;
  estimatedRetargetAt: string;
  remainingBlocks: number;
  /** The last retarget's change, percent. */
  previousChangePct: number;
  /** Time of the running epoch's first block. */
  epochStartedAt: string;
  nextRetargetHeight: number;
}

export interface DailyHashrate {
  /** UTC day the 24 h average covers, YYYY-MM-DD. */
  date: string;
  hashrateHps: number;
}

export interface HashrateReading extends FiguresRead {
  currentHashrateHps: number;
  currentDifficulty: number;
  daily: DailyHashrate[];
}

export interface FeeReading extends FiguresRead {
  feesBtcPerBlock: number;
  windowBlocks: number;
  endHeight: number;
}

/** A row of mempool's `/api/v1/mining/blocks/fees/{period}` (24h/3d: one block per row). */
export type { BlockFeePoint } from '../domain/dailyBlockTotals';

export interface DifficultyAdjustmentRow {
  startedAt: string;
  startHeight: number;
  difficulty: number;
}

export interface DailyPrice {
  date: string;
  priceUsd: number;
}

/** blockchain.info /stats: the chain-data fallback, one document with everything. */
export interface ChainStatsReading extends FiguresRead {
  observedAt: string;
  tipHeight: number;
  difficulty: number;
  hashrateHps: number;
  feesBtcPerBlock: number;
  windowBlocks: number;
}

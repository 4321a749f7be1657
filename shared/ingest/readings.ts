/** Normalized readings the provider clients return: SI-ish units (H/s, BTC, USD, ISO times). */

export interface PriceQuote {
  source: string;
  priceUsd: number;
  /** Other fiat prices per BTC (EUR, GBP, ...), where the source offers them. */
  fiatPrices: Record<string, number>;
  /** When the source says the price was observed, if it says. */
  observedAt?: string;
}

export interface DifficultyAdjustmentReading {
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

export interface HashrateReading {
  currentHashrateHps: number;
  currentDifficulty: number;
  daily: DailyHashrate[];
}

export interface FeeReading {
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
export interface ChainStatsReading {
  observedAt: string;
  tipHeight: number;
  difficulty: number;
  hashrateHps: number;
  feesBtcPerBlock: number;
  windowBlocks: number;
}

/**
 * Block subsidy and the halving schedule.
 * Source: Bitcoin Core `GetBlockSubsidy` (validation.cpp): 50 BTC shifted right once per 210,000
 * blocks, zero once the shift reaches 64.
 */
import { BLOCKS_PER_HALVING, SATS_PER_BTC, TARGET_BLOCK_INTERVAL_SECONDS, satsToBtc } from './units';

const INITIAL_SUBSIDY_SATS = 50n * BigInt(SATS_PER_BTC);

function assertHeight(height: number): void {
  if (!Number.isSafeInteger(height) || height < 0) {
    throw new RangeError(`height must be a non-negative integer, got ${height}`);
  }
}

/** Number of halvings that have happened at `height`. */
export function halvingsAt(height: number): number {
  assertHeight(height);
  return Math.floor(height / BLOCKS_PER_HALVING);
}

/** Subsidy of the block at `height`, in satoshis (exact integer arithmetic, like Core). */
export function blockSubsidySats(height: number): number {
  const halvings = halvingsAt(height);
  if (halvings >= 64) return 0;
  return Number(INITIAL_SUBSIDY_SATS >> BigInt(halvings));
}

/** Subsidy of the block at `height`, in BTC. */
export function blockSubsidyBtc(height: number): number {
  return satsToBtc(blockSubsidySats(height));
}

/** Height of the n-th halving (n = 1 is 210,000; n = 4 is 840,000 on 2024-04-20). */
export function halvingHeight(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`halving number must be >= 1, got ${n}`);
  return n * BLOCKS_PER_HALVING;
}

export interface NextHalvingEstimate {
  height: number;
  blocksRemaining: number;
  subsidyAfterBtc: number;
  /** Estimated time of the halving block, from `nowMs` at the given mean block interval. */
  estimatedAtMs: number;
}

/**
 * The next halving after `tipHeight`, with its time estimated at `meanBlockIntervalSeconds`
 * (600 s by default; pass the running epoch's mean for a tighter estimate).
 */
export function nextHalving(
  tipHeight: number,
  nowMs: number,
  meanBlockIntervalSeconds: number = TARGET_BLOCK_INTERVAL_SECONDS,
): NextHalvingEstimate {
  const height = (halvingsAt(tipHeight) + 1) * BLOCKS_PER_HALVING;
  const blocksRemaining = height - tipHeight;
  return {
    height,
    blocksRemaining,
    subsidyAfterBtc: blockSubsidyBtc(height),
    estimatedAtMs: nowMs + blocksRemaining * meanBlockIntervalSeconds * 1000,
  };
}

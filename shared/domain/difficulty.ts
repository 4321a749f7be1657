/**
 * Difficulty, implied hashrate and the retarget rule.
 * Source: Bitcoin Core `CalculateNextWorkRequired` (pow.cpp): every 2016 blocks the target is scaled
 * by actual/target timespan, the timespan clamped to [1/4, 4] x two weeks. Difficulty moves
 * inversely to the target, so new difficulty = old * target_timespan / actual_timespan.
 */
import {
  BLOCKS_PER_EPOCH,
  HASHES_PER_DIFFICULTY_UNIT,
  SECONDS_PER_DAY,
  TARGET_BLOCK_INTERVAL_SECONDS,
  TARGET_EPOCH_TIMESPAN_SECONDS,
} from './units';

/** Network hashrate implied by difficulty at the 600 s target: D * 2^32 / 600, in H/s. */
export function impliedHashrateHps(difficulty: number): number {
  return (difficulty * HASHES_PER_DIFFICULTY_UNIT) / TARGET_BLOCK_INTERVAL_SECONDS;
}

/** Expected blocks per day found by `hashrateHps` at `difficulty`: h * 86400 / (D * 2^32). */
export function expectedBlocksPerDay(hashrateHps: number, difficulty: number): number {
  return (hashrateHps * SECONDS_PER_DAY) / (difficulty * HASHES_PER_DIFFICULTY_UNIT);
}

/** Index of the 2016-block difficulty epoch containing `height` (epoch 0 starts at genesis). */
export function epochOfHeight(height: number): number {
  if (!Number.isSafeInteger(height) || height < 0)
    throw new RangeError(`height must be a non-negative integer, got ${height}`);
  return Math.floor(height / BLOCKS_PER_EPOCH);
}

/** First height of `epoch`. */
export function epochStartHeight(epoch: number): number {
  return epoch * BLOCKS_PER_EPOCH;
}

/** Clamp an epoch's actual timespan to [1/4, 4] x the two-week target, as consensus does. */
export function clampRetargetTimespan(actualTimespanSeconds: number): number {
  // NaN would slip through Math.min/max and poison every figure derived from it. (An infinite
  // timespan is meaningful: an epoch that never ends clamps to 4x, i.e. -75%.)
  if (Number.isNaN(actualTimespanSeconds)) throw new RangeError('actualTimespanSeconds must be a number, got NaN');
  const min = TARGET_EPOCH_TIMESPAN_SECONDS / 4;
  const max = TARGET_EPOCH_TIMESPAN_SECONDS * 4;
  return Math.min(max, Math.max(min, actualTimespanSeconds));
}

/**
 * Difficulty of the next epoch given the current one and how long the current epoch took.
 * Note: consensus measures 2015 intervals (the off-by-one in Core); callers pass the timespan they
 * measured, and the clamp bounds any change to between -75% and +300%.
 */
export function retargetDifficulty(oldDifficulty: number, actualTimespanSeconds: number): number {
  return (oldDifficulty * TARGET_EPOCH_TIMESPAN_SECONDS) / clampRetargetTimespan(actualTimespanSeconds);
}

/** An epoch's change in percent: (new / old - 1) * 100. */
export function difficultyChangePct(oldDifficulty: number, newDifficulty: number): number {
  return (newDifficulty / oldDifficulty - 1) * 100;
}

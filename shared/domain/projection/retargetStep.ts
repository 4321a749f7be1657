/**
 * The chain over one day for one path: blocks arrive as a Poisson process's mean at the rate the
 * online hashrate implies against the current difficulty (h / (D x 2^32) blocks a second); when
 * the epoch's last block (start + 2015) is found, the consensus rule retargets on the time between
 * the epoch's first and last blocks (2015 intervals: Core's off-by-one) with the 4x clamp
 * (difficulty.ts); the subsidy follows the height (subsidy.ts, halving at 1,050,000).
 * Heights are continuous (expected blocks, no luck). State lives in Float64Arrays indexed by path,
 * so a 10,000-path run allocates nothing per day.
 */
import { retargetDifficulty } from '../difficulty';
import { blockSubsidyBtc } from '../subsidy';
import {
  BLOCKS_PER_EPOCH,
  BLOCKS_PER_HALVING,
  HASHES_PER_DIFFICULTY_UNIT,
  HPS_PER_PHS,
  SECONDS_PER_DAY,
} from '../units';

/** Per-path chain state. */
export interface ChainPaths {
  /** Tip height (continuous: blocks found so far). */
  height: Float64Array;
  difficulty: Float64Array;
  /** First height of the running epoch. */
  epochStartHeight: Float64Array;
  /** Time of the running epoch's first block, seconds since 1970. */
  epochStartSec: Float64Array;
}

export function chainPaths(
  paths: number,
  start: { height: number; difficulty: number; epochStartHeight: number; epochStartSec: number },
): ChainPaths {
  const fill = (v: number) => new Float64Array(paths).fill(v);
  return {
    height: fill(start.height),
    difficulty: fill(start.difficulty),
    epochStartHeight: fill(start.epochStartHeight),
    epochStartSec: fill(start.epochStartSec),
  };
}

/** Subsidy of every halving era (0 from the 33rd on, as Core's shift gives), read in the hot loop instead of BigInt shifts. */
const SUBSIDY_BTC_BY_ERA = Array.from({ length: 34 }, (_, era) => blockSubsidyBtc(era * BLOCKS_PER_HALVING));

/** Subsidy + fees of the next block after tip `height`. */
export function rewardBtcAfter(height: number, feesBtcPerBlock: number): number {
  const era = Math.floor((Math.floor(height) + 1) / BLOCKS_PER_HALVING);
  return (era < SUBSIDY_BTC_BY_ERA.length ? SUBSIDY_BTC_BY_ERA[era]! : 0) + feesBtcPerBlock;
}

/** BTC per PH/s per day at `difficulty` for a block reward: reward x 86400 x 1e15 / (D x 2^32). */
export function btcPerPhDay(rewardBtc: number, difficulty: number): number {
  return (rewardBtc * SECONDS_PER_DAY * HPS_PER_PHS) / (difficulty * HASHES_PER_DIFFICULTY_UNIT);
}

/**
 * Advances path `i` by one day from `dayStartSec` with `hashrateHps` online; returns what one PH/s
 * earned that day, BTC (the day's hashprice in BTC: a day holding a retarget or the halving mixes
 * both sides, weighted by time).
 */
export function stepChainDay(
  chain: ChainPaths,
  i: number,
  hashrateHps: number,
  dayStartSec: number,
  feesBtcPerBlock: number,
): number {
  let h = chain.height[i]!;
  let d = chain.difficulty[i]!;
  let epochStart = chain.epochStartHeight[i]!;
  let epochStartSec = chain.epochStartSec[i]!;
  const end = dayStartSec + SECONDS_PER_DAY;
  let t = dayStartSec;
  // Sum over the day of dt x reward / D: BTC per H/s, x 1e15 / 2^32 below.
  let earned = 0;
  while (t < end) {
    const blocksPerSecond = hashrateHps / (d * HASHES_PER_DIFFICULTY_UNIT);
    const reward = rewardBtcAfter(h, feesBtcPerBlock);
    const retargetAt = epochStart + BLOCKS_PER_EPOCH - 1;
    const halvingAt = (Math.floor((h + 1) / BLOCKS_PER_HALVING) + 1) * BLOCKS_PER_HALVING - 1;
    const next = Math.min(retargetAt, halvingAt);
    const secondsToNext = blocksPerSecond > 0 ? (next - h) / blocksPerSecond : Number.POSITIVE_INFINITY;
    if (t + secondsToNext >= end) {
      const dt = end - t;
      earned += (dt * reward) / d;
      h += dt * blocksPerSecond;
      t = end;
    } else {
      earned += (secondsToNext * reward) / d;
      h = next;
      t += secondsToNext;
      if (next === retargetAt) {
        d = retargetDifficulty(d, t - epochStartSec);
        epochStart += BLOCKS_PER_EPOCH;
        // The next epoch's first block comes one block interval after its predecessor's last.
        epochStartSec = t + (d * HASHES_PER_DIFFICULTY_UNIT) / hashrateHps;
      }
    }
  }
  chain.height[i] = h;
  chain.difficulty[i] = d;
  chain.epochStartHeight[i] = epochStart;
  chain.epochStartSec[i] = epochStartSec;
  return (earned * HPS_PER_PHS) / HASHES_PER_DIFFICULTY_UNIT;
}

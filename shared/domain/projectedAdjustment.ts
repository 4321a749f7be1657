/**
 * The running epoch's projected difficulty adjustment and the estimated retarget time, from the
 * blocks mined so far and the time they took.
 *
 * Method (as mempool.space's `/api/v1/difficulty-adjustment` does it): the mean block interval so
 * far is (now - time of the epoch's first block) / (tip height - epoch start height), and the rest
 * of the epoch is assumed to run at that pace. The change is then computed the way consensus will
 * (Bitcoin Core `CalculateNextWorkRequired`): the epoch's timespan is measured from its first to its
 * last block, i.e. over 2015 intervals, clamped to [1/4, 4] x two weeks, so the projection lies in
 * [-75%, +300%]. mempool's own `difficultyChange` divides the elapsed time by (blocks + 1) and
 * compares that with 600 s, so its figure differs from ours by a few hundredths of a point (on its
 * 2024-02-11 test vector: +8.513% against our +8.49%); its `timeAvg`, `remainingBlocks`,
 * `progressPercent` and `estimatedRetargetDate` match ours (see the tests).
 */
import { difficultyChangePct, epochOfHeight, epochStartHeight, retargetDifficulty } from './difficulty';
import { BLOCKS_PER_EPOCH, TARGET_BLOCK_INTERVAL_SECONDS } from './units';

/** Intervals consensus measures in an epoch: first to last of its 2016 blocks. */
export const RETARGET_MEASURED_INTERVALS = BLOCKS_PER_EPOCH - 1;

export interface RunningEpochInput {
  tipHeight: number;
  /** Header time of the running epoch's first block (height = epoch start), ms since epoch. */
  epochStartedAtMs: number;
  nowMs: number;
}

export interface ProjectedAdjustment {
  epoch: number;
  startHeight: number;
  /** Height of the first block mined at the new difficulty. */
  nextRetargetHeight: number;
  /** Blocks mined since the epoch's first block (tip - start): mempool's `blocksInEpoch`. */
  blocksSinceStart: number;
  remainingBlocks: number;
  progressPct: number;
  /** Mean interval so far; the 600 s target while no block has followed the first. */
  meanBlockIntervalSeconds: number;
  /** The epoch's first-to-last-block timespan if the pace holds, before the consensus clamp. */
  projectedTimespanSeconds: number;
  /** Projected change, percent, clamped like consensus to [-75, +300]. */
  projectedChangePct: number;
  estimatedRetargetAtMs: number;
}

export function projectedAdjustment(input: RunningEpochInput): ProjectedAdjustment {
  const epoch = epochOfHeight(input.tipHeight);
  const startHeight = epochStartHeight(epoch);
  const nextRetargetHeight = startHeight + BLOCKS_PER_EPOCH;
  const blocksSinceStart = input.tipHeight - startHeight;
  const remainingBlocks = nextRetargetHeight - input.tipHeight;
  const elapsedSeconds = (input.nowMs - input.epochStartedAtMs) / 1000;
  // No interval observed yet (or timestamps ahead of our clock, which consensus allows by up to
  // 2 h): there is no evidence of pace, so assume the target rather than project noise.
  const meanBlockIntervalSeconds =
    blocksSinceStart > 0 && elapsedSeconds > 0 ? elapsedSeconds / blocksSinceStart : TARGET_BLOCK_INTERVAL_SECONDS;
  const projectedTimespanSeconds = meanBlockIntervalSeconds * RETARGET_MEASURED_INTERVALS;
  return {
    epoch,
    startHeight,
    nextRetargetHeight,
    blocksSinceStart,
    remainingBlocks,
    progressPct: (blocksSinceStart / BLOCKS_PER_EPOCH) * 100,
    meanBlockIntervalSeconds,
    projectedTimespanSeconds,
    projectedChangePct: difficultyChangePct(1, retargetDifficulty(1, projectedTimespanSeconds)),
    estimatedRetargetAtMs: input.nowMs + remainingBlocks * meanBlockIntervalSeconds * 1000,
  };
}

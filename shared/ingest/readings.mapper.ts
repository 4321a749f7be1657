/**
 * The boundary readings -> snapshot fields where a reading is not a figure as it stands: mempool's
 * difficulty-adjustment reading as the snapshot's epoch progress. A running epoch computed from
 * the stored epoch (mempool's estimate failed) maps through the domain's epochProgressOfProjection
 * instead, like the backtest's ticks and the tests' snapshots. Which reading fills which figure is
 * declared in figures.ts.
 */
import type { EpochProgress } from '../domain/networkSnapshot';
import { BLOCKS_PER_EPOCH } from '../domain/units';
import type { DifficultyAdjustmentReading } from './readings';

/** A snapshot's epoch progress from mempool's difficulty-adjustment reading. */
export function epochProgressOfReading(adjustment: DifficultyAdjustmentReading): EpochProgress {
  const startHeight = adjustment.nextRetargetHeight - BLOCKS_PER_EPOCH;
  return {
    epoch: startHeight / BLOCKS_PER_EPOCH,
    startHeight,
    progressPct: adjustment.progressPct,
    remainingBlocks: adjustment.remainingBlocks,
    estimatedChangePct: adjustment.estimatedChangePct,
    estimatedRetargetAt: adjustment.estimatedRetargetAt,
    previousChangePct: adjustment.previousChangePct,
  };
}

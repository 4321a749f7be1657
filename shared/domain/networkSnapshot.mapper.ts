/**
 * The mappings of a network snapshot's fields, each in one place: the market the profitability
 * formulas take, the running epoch's estimate the signals judge, and a snapshot's epoch progress
 * from a projection (the ingest's fallback, the backtest's ticks, the tests' snapshots), and its
 * optional figures (kept in the stored profitability record). The compute, the ingest, the backtest and
 * the tests all map through here, so a new snapshot field is mapped once.
 */
import {
  optionalFiguresSchema,
  type EpochProgress,
  type NetworkSnapshot,
  type OptionalFigures,
} from './networkSnapshot';
import type { SnapshotMarket } from './profitability';
import type { ProjectedAdjustment } from './projectedAdjustment';
import type { ProjectedAdjustmentInput } from './signals/signalInput';

/** The market the profitability formulas price with, from a snapshot. */
export function marketOfSnapshot(snapshot: NetworkSnapshot): SnapshotMarket {
  return {
    btcPriceUsd: snapshot.btcPriceUsd,
    difficulty: snapshot.difficulty,
    subsidyBtc: snapshot.subsidyBtc,
    feesBtcPerBlock: snapshot.feesBtcPerBlock,
    networkHashrateHps: snapshot.hashrateHps,
  };
}

/** The running epoch's estimate as the signals judge it (projected-negative-adjustment). */
export function projectedAdjustmentInputOf(progress: EpochProgress): ProjectedAdjustmentInput {
  return {
    epoch: progress.epoch,
    estimatedChangePct: progress.estimatedChangePct,
    progressPct: progress.progressPct,
    estimatedRetargetAt: progress.estimatedRetargetAt,
  };
}

/** A snapshot's epoch progress from a projection of the running epoch and the last retarget's change. */
export function epochProgressOfProjection(projected: ProjectedAdjustment, previousChangePct: number): EpochProgress {
  return {
    epoch: projected.epoch,
    startHeight: projected.startHeight,
    progressPct: projected.progressPct,
    remainingBlocks: projected.remainingBlocks,
    estimatedChangePct: projected.projectedChangePct,
    estimatedRetargetAt: new Date(projected.estimatedRetargetAtMs).toISOString(),
    previousChangePct,
  };
}

/** The snapshot's optional figures alone, those it holds (the profitability record stores them with its market). */
export function optionalFiguresOf(snapshot: NetworkSnapshot): Partial<OptionalFigures> {
  const figures: Record<string, unknown> = {};
  for (const key of Object.keys(optionalFiguresSchema.shape) as (keyof NetworkSnapshot)[]) {
    if (snapshot[key] !== undefined) figures[key] = snapshot[key];
  }
  return figures as Partial<OptionalFigures>;
}

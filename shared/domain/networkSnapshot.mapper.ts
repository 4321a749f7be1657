/**
 * The mappings out of (and into) a network snapshot's fields, each in one place: the market the
 * profitability formulas take, the running epoch's estimate the signals judge, and a snapshot's
 * epoch progress from a projection (the ingest's fallback, the backtest's ticks, the tests'
 * snapshots). Snapshots themselves are made by networkSnapshot (./networkSnapshot.ts) alone.
 */
import type { EpochProgress, NetworkSnapshot } from './networkSnapshot';
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

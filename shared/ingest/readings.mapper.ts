/**
 * The boundary readings -> network snapshot: the one place the ingest turns what its sources
 * delivered (once the fallbacks are picked) into the fields of the snapshot it stores. A running
 * epoch computed from the stored epoch (mempool's estimate failed) maps through the domain's
 * epochProgressOfProjection instead, like the backtest's ticks and the tests' snapshots.
 */
import { SNAPSHOT_SCHEMA_VERSION, type EpochProgress, type OptionalFigures } from '../domain/networkSnapshot';
import { blockSubsidyBtc } from '../domain/subsidy';
import { BLOCKS_PER_EPOCH } from '../domain/units';
import type { DifficultyAdjustmentReading, PriceQuote } from './readings';

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

/** What the cycle picked for one snapshot, source by source. */
export interface SnapshotReadings {
  intervalStart: string;
  now: Date;
  tipHeight: number;
  difficulty: number;
  hashrateHps: number;
  price: PriceQuote;
  fees: { feesBtcPerBlock: number; windowBlocks: number };
  epochProgress: EpochProgress;
  optionalFigures: Partial<OptionalFigures>;
  sources: Record<string, string>;
  flags: string[];
}

/** The snapshot candidate (the schema parses it next) from the picked readings. */
export function snapshotOfReadings(r: SnapshotReadings): Record<string, unknown> {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    intervalStart: r.intervalStart,
    observedAt: r.now.toISOString(),
    tipHeight: r.tipHeight,
    difficulty: r.difficulty,
    hashrateHps: r.hashrateHps,
    btcPriceUsd: r.price.priceUsd,
    fiatPrices: r.price.fiatPrices,
    feesBtcPerBlock: r.fees.feesBtcPerBlock,
    feeWindowBlocks: r.fees.windowBlocks,
    // The subsidy of the block being mined now (the next one), which is what hashprice pays.
    subsidyBtc: blockSubsidyBtc(r.tipHeight + 1),
    epochProgress: r.epochProgress,
    sources: r.sources,
    flags: r.flags,
    ...r.optionalFigures,
  };
}

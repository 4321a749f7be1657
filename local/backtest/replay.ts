/**
 * The replay loop: feeds an ordered series of network snapshots (one per day from the bundled
 * history, or one every 10 minutes from a synthetic series) through a snapshot evaluator (the
 * production signal engine, wrapped) and collects the events it emits. Daily indicators are
 * computed once for the whole history (O(days)); each snapshot only looks up its day.
 */
import type { FleetShareBand } from '../../shared/domain/fleetShareBand';
import type { NetworkSnapshot } from '../../shared/domain/networkSnapshot';
import type { ReplayDay } from './replayDays';
import type { TimelineEvent } from './summary';
import type { PendingSignal } from '../../shared/domain/signals/pendingCommit';

export interface ReplayTick {
  /** Index into `days` of the UTC day this snapshot belongs to. */
  dayIndex: number;
  snapshot: NetworkSnapshot;
}

export interface ReplayContext {
  days: readonly ReplayDay[];
  dayIndex: number;
}

export interface Evaluation {
  /** The transitions this snapshot caused, possibly none. */
  events: TimelineEvent[];
  /** Share of global hashrate cash-flow negative at this snapshot, 0..1, when computed. */
  fleetShareNegative?: number | undefined;
  /**
   * That share's band across the power-price cases (fleetShareBand.ts), when computed: lazy, since
   * only the day's last figure is kept and a band costs two more fleet-share evaluations.
   */
  fleetShareNegativeBand?: (() => FleetShareBand) | undefined;
  /** That share as hashrate, EH/s. */
  hashrateAtRiskEhs?: number | undefined;
  /** Hashrate-weighted mean efficiency of the fleet the snapshot was judged against, J/TH. */
  fleetMeanEfficiencyJPerTh?: number | undefined;
  /** The changes waiting out their dwell after this snapshot. */
  pending?: readonly PendingSignal[];
}

/** The global fleet's figures of one day (the last snapshot of the day that computed them). */
export interface DayFleet {
  shareNegative: number;
  /** Lazy (see Evaluation.fleetShareNegativeBand). */
  shareNegativeBand: (() => FleetShareBand) | undefined;
  hashrateAtRiskEhs: number | undefined;
  meanEfficiencyJPerTh: number | undefined;
}

/** One evaluation of one snapshot by the production engine (wrapped; it keeps its own state). */
export type SnapshotEvaluator = (tick: ReplayTick, context: ReplayContext) => Evaluation;

export interface ReplayOptions {
  days: readonly ReplayDay[];
  ticks: Iterable<ReplayTick>;
  evaluate: SnapshotEvaluator;
  /** Snapshots of days before this index warm the detectors' state but are not reported. */
  reportFromDayIndex?: number;
  onProgress?: (ticksDone: number) => void;
  /** Call onProgress every this many ticks. */
  progressEvery?: number;
}

export interface ReplayResult {
  events: TimelineEvent[];
  /** Events of the warm-up days (before reportFromDayIndex): they set the state the range starts in. */
  warmupEvents: TimelineEvent[];
  /** Snapshots evaluated, warm-up included. */
  snapshots: number;
  /** Snapshots of days at or after reportFromDayIndex. */
  reportedSnapshots: number;
  /** Last fleet figures seen on each day, by day index. */
  fleetByDay: Map<number, DayFleet>;
  /** What was building up after the last snapshot (the evaluator's `pending`). */
  pendingAtEnd: readonly PendingSignal[];
}

export function replay(options: ReplayOptions): ReplayResult {
  const events: TimelineEvent[] = [];
  const warmupEvents: TimelineEvent[] = [];
  const fleetByDay = new Map<number, DayFleet>();
  const every = options.progressEvery ?? 1000;
  const from = options.reportFromDayIndex ?? 0;
  let snapshots = 0;
  let reportedSnapshots = 0;
  let pendingAtEnd: readonly PendingSignal[] = [];
  for (const tick of options.ticks) {
    const evaluation = options.evaluate(tick, { days: options.days, dayIndex: tick.dayIndex });
    if (evaluation.pending) pendingAtEnd = evaluation.pending;
    if (tick.dayIndex >= from) {
      reportedSnapshots += 1;
      for (const e of evaluation.events) events.push(e);
    } else {
      for (const e of evaluation.events) warmupEvents.push(e);
    }
    if (evaluation.fleetShareNegative !== undefined)
      fleetByDay.set(tick.dayIndex, {
        shareNegative: evaluation.fleetShareNegative,
        shareNegativeBand: evaluation.fleetShareNegativeBand,
        hashrateAtRiskEhs: evaluation.hashrateAtRiskEhs,
        meanEfficiencyJPerTh: evaluation.fleetMeanEfficiencyJPerTh,
      });
    snapshots += 1;
    if (options.onProgress && snapshots % every === 0) options.onProgress(snapshots);
  }
  options.onProgress?.(snapshots);
  return { events, warmupEvents, snapshots, reportedSnapshots, fleetByDay, pendingAtEnd };
}

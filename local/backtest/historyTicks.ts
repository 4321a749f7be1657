/**
 * The snapshots the ingest would have stored, rebuilt from the bundled history: one per UTC day
 * (the day's mean hashrate and difficulty, its closing price, its mean fees per block), with the
 * running epoch's progress and projected change at the end of that day. Days missing a price,
 * hashrate, difficulty or height produce no snapshot, as a failed ingest stores none.
 */
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { epochOfHeight } from '../../shared/domain/difficulty';
import { projectedAdjustment } from '../../shared/domain/projectedAdjustment';
import { epochProgressOfProjection } from '../../shared/domain/networkSnapshot.mapper';
import { dayCloseIso } from '../../shared/domain/signals/dailyReplay';
import {
  networkSnapshot,
  type EpochProgress,
  type NetworkSnapshot,
  type SnapshotFigures,
} from '../../shared/domain/networkSnapshot';
import { COMPUTED_BY_REPLAY, SNAPSHOT_FIGURES, type ReplayComputed } from '../../shared/ingest/figures';
import type { ReplayDay } from './replayDays';
import type { ReplayTick } from './replay';
const MAX_CHANGE_PCT = 300;
const MIN_CHANGE_PCT = -75;

/**
 * The running epoch at the end of a day whose last block is `endHeight`: progress and projected
 * change (core's projectedAdjustment, the same projection the live ingest reports).
 */
export function epochProgressAt(
  endHeight: number,
  atMs: number,
  epochsByIndex: ReadonlyMap<number, IndexedEpoch>,
): EpochProgress | undefined {
  const running = epochsByIndex.get(epochOfHeight(endHeight));
  if (!running) return undefined;
  const projected = projectedAdjustment({ tipHeight: endHeight, epochStartedAtMs: running.startedAtMs, nowMs: atMs });
  return epochProgressOfProjection(
    projected,
    Math.min(MAX_CHANGE_PCT, Math.max(MIN_CHANGE_PCT, running.changePct ?? 0)),
  );
}

/** An epoch with its start parsed once (a replay asks for it on every snapshot). */
export interface IndexedEpoch extends DifficultyEpoch {
  startedAtMs: number;
}

export function epochIndex(epochs: readonly DifficultyEpoch[]): Map<number, IndexedEpoch> {
  return new Map(epochs.map((e) => [e.epoch, { ...e, startedAtMs: Date.parse(e.startedAt) }]));
}

/**
 * What a day of history says of the network, as the snapshot's figures (all but the running
 * epoch, which the replay computes at each tick's time): each figure read as its declaration says
 * (shared/ingest/figures.ts `history`); undefined when history lacks one of them that day. The
 * backtest's one mapping of history to snapshot figures (the daily and the synthetic ticks both take it).
 */
export function dayFigures(day: ReplayDay): Omit<SnapshotFigures, ReplayComputed> | undefined {
  const figures: Partial<SnapshotFigures> = {};
  for (const { history } of SNAPSHOT_FIGURES) {
    if (history === COMPUTED_BY_REPLAY) continue;
    const read = history(day);
    if (read === undefined) return undefined;
    Object.assign(figures, read);
  }
  // Every figure but the replay's own has a declaration (figures.ts EVERY_FIGURE_DECLARED), and each
  // declaration's reading fills its fields.
  return figures as Omit<SnapshotFigures, ReplayComputed>;
}

/** One snapshot for the day at `dayIndex`, or undefined when history lacks what the ingest needs. */
export function dailySnapshot(
  day: ReplayDay,
  epochsByIndex: ReadonlyMap<number, IndexedEpoch>,
): NetworkSnapshot | undefined {
  const figures = dayFigures(day);
  if (!figures) return undefined;
  // The day's values are its totals and means: the snapshot stands at the day's close (00:00Z the
  // next day), the decision time the signal engine uses for a day of history.
  const at = dayCloseIso(day.date);
  const epochProgress = epochProgressAt(figures.tipHeight, Date.parse(at), epochsByIndex);
  if (!epochProgress) return undefined;
  return networkSnapshot({
    ...figures,
    intervalStart: at,
    epochProgress,
    sources: { all: 'bundled-history' },
    flags: day.feesCarried ? ['fees-carried-forward'] : [],
  });
}

/** Daily ticks for days [fromIndex, toIndex] (inclusive). */
export function* historyTicks(
  days: readonly ReplayDay[],
  epochs: readonly DifficultyEpoch[],
  fromIndex: number,
  toIndex: number,
): Generator<ReplayTick> {
  const byIndex = epochIndex(epochs);
  for (let i = Math.max(0, fromIndex); i <= Math.min(days.length - 1, toIndex); i += 1) {
    const snapshot = dailySnapshot(days[i]!, byIndex);
    if (snapshot) yield { dayIndex: i, snapshot };
  }
}

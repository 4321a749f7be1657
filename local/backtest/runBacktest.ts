/**
 * A backtest from start to finish: bundled history -> per-day inputs -> daily snapshots (with a
 * warm-up before `from` so moving averages and signal states are settled) -> the production
 * signal engine -> timeline, summary and report input.
 */
import * as z from '../../shared/schema/z';
import { bundledOnlyHistory, localHistory } from '../history/localHistory';
import type { HistoryCacheSetting } from '../history/historyCache';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { buildReplayDays, dayIndexAfter, dayIndexOnOrAfter, type ReplayDay } from './replayDays';
import { historyTicks } from './historyTicks';
import { replay, type SnapshotEvaluator } from './replay';
import { summarize, type BacktestSummary, type TimelineEvent, type TimelineNote } from './summary';
import type { ReportDay, ReportInput } from './htmlReport';
import { reportMiners } from './minersPanel';
import { halvingsIn } from './reportMarkers';
import { bundledMinerSeries } from '../../shared/data/bundledMinerSeries';

/** Days replayed before `from` and not reported: 365 covers the longest daily window (Puell). */
export const DEFAULT_WARMUP_DAYS = 400;

// Date.parse rolls a day the month lacks (2021-02-30) into the next month: a real date reads back unchanged.
const calendarDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  z.refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  ),
);

export const backtestRangeSchema = z
  .object({ from: calendarDateSchema, to: calendarDateSchema })
  .check(z.refine((r) => r.from <= r.to, { message: '--from must not be after --to', path: ['from'] }));

export interface BacktestHistory {
  daily: readonly DailyNetwork[];
  epochs: readonly DifficultyEpoch[];
}

export interface BacktestOptions {
  from: string;
  to: string;
  /**
   * Defaults to the bundled history alone (the docs' figures and the benchmarks: the same on every
   * machine); the CLI passes the history it chose (bundled + cached, a table, an API).
   */
  history?: BacktestHistory;
  createEvaluator: (history: BacktestHistory) => SnapshotEvaluator;
  warmupDays?: number;
  onProgress?: (done: number, total: number) => void;
  priceLevelsUsd?: readonly number[];
  fleetShareThresholds?: { warning: number; critical: number };
  hashpriceFloorUsdPerPhDay?: number;
  now?: () => Date;
}

/** Adjustments at or below this change are shown in the timeline as context. */
export const LARGE_ADJUSTMENT_PCT = -5;

export interface BacktestResult {
  from: string;
  /** The last day actually replayed (history may end before the requested `to`). */
  to: string;
  requestedTo: string;
  events: TimelineEvent[];
  /** Large negative difficulty adjustments in the range, for the timeline. */
  notes: TimelineNote[];
  summary: BacktestSummary;
  days: ReplayDay[];
  report: ReportInput;
}

/**
 * Epochs whose start is known only by date (the epoch table gives 00:00Z for them: 2025-01-27 ..
 * 2025-08-08 and 2026-02-07 .. 2026-06-14) are placed at noon of that day: the adjustment happened
 * sometime that day, so it is known by the day's close (and the timeline shows it on its real
 * date, not the day before), and noon is the unbiased guess for the running epoch's projection.
 */
export function withDateOnlyEpochsAtNoon(epochs: readonly DifficultyEpoch[]): DifficultyEpoch[] {
  return epochs.map((e) =>
    e.startedAt.endsWith('T00:00:00.000Z') && e.epoch > 0
      ? { ...e, startedAt: `${e.startedAt.slice(0, 10)}T12:00:00.000Z` }
      : e,
  );
}

/** Replay-ready history (date-only epochs at noon) from bundled + cached history. */
export function backtestHistory(history: { daily: DailyNetwork[]; epochs: DifficultyEpoch[] }): BacktestHistory {
  return { daily: history.daily, epochs: withDateOnlyEpochsAtNoon(history.epochs) };
}

let bundled: BacktestHistory | undefined;
/** The bundled history alone, replay-ready, read once per process. */
export function bundledHistory(): BacktestHistory {
  bundled ??= backtestHistory(bundledOnlyHistory());
  return bundled;
}

const local = new Map<HistoryCacheSetting, BacktestHistory>();
/**
 * The bundled history followed by what `npm run history -- update` cached after its end
 * (local/history/localHistory.ts; `cache` false: the bundled history alone), read once per process.
 */
export function localBacktestHistory(cache: HistoryCacheSetting): BacktestHistory {
  if (cache === false) return bundledHistory();
  let history = local.get(cache);
  if (!history) {
    history = backtestHistory(localHistory(cache));
    local.set(cache, history);
  }
  return history;
}

export class BacktestRangeError extends Error {
  override name = 'BacktestRangeError';
}

export function runBacktest(options: BacktestOptions): BacktestResult {
  const range = backtestRangeSchema.safeParse({ from: options.from, to: options.to });
  if (!range.success)
    throw new BacktestRangeError(
      range.error.issues.map((i) => `${i.path.join('.') || 'range'}: ${i.message}`).join('; '),
    );
  const history = options.history ?? bundledHistory();
  const allDays = buildReplayDays(history.daily, history.epochs);
  const first = allDays[0]?.date;
  const last = allDays.at(-1)?.date;
  if (first && last && options.from > last) {
    throw new BacktestRangeError(
      `--from ${options.from} is after the end of the bundled history (${first} .. ${last}); give a --from on or before ${last}`,
    );
  }
  if (!first || !last || options.to < first) {
    throw new BacktestRangeError(
      `the bundled history covers ${first ?? '?'} .. ${last ?? '?'}; ${options.from} .. ${options.to} is outside it`,
    );
  }
  const fromIndex = dayIndexOnOrAfter(allDays, options.from);
  const toIndex = dayIndexAfter(allDays, options.to) - 1;
  const warmupIndex = Math.max(0, fromIndex - (options.warmupDays ?? DEFAULT_WARMUP_DAYS));
  const ticks = [...historyTicks(allDays, history.epochs, warmupIndex, toIndex)];
  const lastTick = ticks.at(-1);
  const lastReplayedDate = lastTick ? allDays[lastTick.dayIndex]!.date : allDays[toIndex]!.date;
  // Days after the last replayable one are in the history but lack a figure a snapshot needs (or
  // lie in an epoch the table does not hold): a range of only those would report a reversed span.
  if (lastTick && lastReplayedDate < allDays[fromIndex]!.date)
    throw new BacktestRangeError(
      `the history has no replayable day from ${options.from}: its last day with every figure a snapshot needs ` +
        `(price, hashrate, difficulty, fees, a known epoch) is ${lastReplayedDate}; give a --from on or before ${lastReplayedDate}`,
    );
  const result = replay({
    days: allDays,
    ticks,
    evaluate: options.createEvaluator(history),
    reportFromDayIndex: fromIndex,
    onProgress: options.onProgress ? (done) => options.onProgress!(done, ticks.length) : undefined,
    progressEvery: 100,
  });
  const rangeDays = allDays.slice(fromIndex, toIndex + 1).filter((d) => d.date <= lastReplayedDate);
  const from = allDays[fromIndex]!.date;
  const summary = summarize({
    from,
    to: lastReplayedDate,
    snapshots: result.reportedSnapshots,
    events: result.events,
    warmupEvents: result.warmupEvents,
    days: rangeDays,
  });
  const reportDays: ReportDay[] = rangeDays.map((d, i) => ({
    date: d.date,
    realizedHashpriceUsdPerPhDay: d.realizedHashpriceUsdPerPhDay,
    expectedHashpriceUsdPerPhDay: d.expectedHashpriceUsdPerPhDay,
    sma30Hps: d.sma30Hps,
    sma60Hps: d.sma60Hps,
    capitulating: d.capitulating,
    btcPriceUsd: d.btcPriceUsd,
    fleetShareNegative: result.fleetByDay.get(fromIndex + i)?.shareNegative,
    fleetShareNegativeBand: result.fleetByDay.get(fromIndex + i)?.shareNegativeBand?.(),
    hashrateAtRiskEhs: result.fleetByDay.get(fromIndex + i)?.hashrateAtRiskEhs,
    meanFleetEfficiencyJPerTh: result.fleetByDay.get(fromIndex + i)?.meanEfficiencyJPerTh,
    hashrateHps: d.hashrateHps,
    difficulty: d.difficulty,
  }));
  const adjustments = rangeDays.flatMap((d) =>
    d.adjustments.map((a) => ({ date: d.date, epoch: a.epoch, changePct: a.changePct })),
  );
  const notes: TimelineNote[] = [
    // Signals already active when the range starts (raised during the warm-up).
    ...summary.episodes
      .filter((e) => e.raisedAt < from)
      .map((e) => ({
        day: from,
        text: `${e.signal}${e.subject ? ` [${e.subject}]` : ''} already active (${e.peakSeverity}), raised on ${e.raisedAt} during the warm-up`,
      })),
    ...adjustments
      .filter((a) => a.changePct <= LARGE_ADJUSTMENT_PCT)
      .map((a) => ({ day: a.date, text: `difficulty adjustment ${a.changePct.toFixed(2)}% (epoch ${a.epoch})` })),
  ];
  const report: ReportInput = {
    from,
    to: lastReplayedDate,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    days: reportDays,
    adjustments,
    priceLevelsUsd: options.priceLevelsUsd ?? [],
    fleetShareThresholds: options.fleetShareThresholds,
    hashpriceFloorUsdPerPhDay: options.hashpriceFloorUsdPerPhDay,
    events: result.events,
    notes,
    summary,
    // The series the miner signals of the replay read (the bundled one), as public by the end.
    miners: reportMiners(bundledMinerSeries(), from, lastReplayedDate),
    pendingAtEnd: result.pendingAtEnd,
    halvings: halvingsIn(rangeDays, allDays[fromIndex - 1]),
    sourceNote:
      'Data: Coin Metrics Community Network Data (CC BY-NC 4.0; "Source: Coin Metrics Community Network Data"), ' +
      'difficulty epochs from bitcoinj (Apache-2.0) and Electrum (MIT) checkpoints; see shared/data/history/SOURCES.md. ' +
      'One snapshot per UTC day; realized hashprice = (issuance + fees) x price / hashrate. Fees after the last day of fee data are carried forward.',
  };
  return {
    from,
    to: lastReplayedDate,
    requestedTo: options.to,
    events: result.events,
    notes,
    summary,
    days: rangeDays,
    report,
  };
}

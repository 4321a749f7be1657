/**
 * Out-of-sample check of the closed-loop projection (docs/projection.md): from each start, with the
 * `realized` price path, the projected difficulty at +30, +90 and +180 days against the chain's,
 * beside the baseline every calculator uses (difficulty growing at its trailing 90-day rate); and,
 * with Monte Carlo prices from rolling monthly starts, how often the observed hashprice at +90 days
 * falls inside the p10-p90 band. The response parameters are fitted on starts from August 2021 on
 * (fitResponse below); 2016-2020 is never used to choose them.
 */
import { projectionContext, type ProjectionContext } from '../../shared/data/projectionContext';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { realizedHashpriceOfDay } from '../../shared/domain/hashprice';
import { runProjection, type ProjectionOutput, type ProjectionStart } from '../../shared/domain/projection/closedLoop';
import type { FleetResponseParameters } from '../../shared/domain/projection/fleetResponse';
import {
  dayIndexOf,
  realizedPrices,
  startFromHistory,
  trailingSupplyGrowthPerDay,
  type HistoryIndex,
} from '../../shared/domain/projection/historyStart';
import { bootstrapPricePath, dailyLogReturns, fixedPricePath } from '../../shared/domain/projection/pricePaths';
import { FITTED_RESPONSE, type ResponseModel } from '../../shared/domain/projection/fittedResponse';

export const HORIZONS_DAYS = [30, 90, 180] as const;

export interface Episode {
  name: string;
  start: string;
  set: 'fit' | 'held-out';
}

/** Stress starts: a price fall or a halving within weeks of the start. */
export const STRESS_EPISODES: readonly Episode[] = [
  { name: '2016 halving', start: '2016-06-15', set: 'held-out' },
  { name: '2018 November crash', start: '2018-11-01', set: 'held-out' },
  { name: '2020 March crash', start: '2020-03-01', set: 'held-out' },
  { name: '2020 halving', start: '2020-04-15', set: 'held-out' },
  { name: 'mid-2022 crash', start: '2022-05-15', set: 'fit' },
  { name: 'November 2022 (FTX)', start: '2022-11-01', set: 'fit' },
  { name: '2024 halving', start: '2024-04-01', set: 'fit' },
  { name: 'Q4 2025 fall', start: '2025-10-15', set: 'fit' },
  { name: 'Q1 2026 capitulation', start: '2026-01-15', set: 'fit' },
];

/** Rolling monthly starts: held-out 2016-01..2020-10 (horizons end before the 2021 China ban), fit 2021-08 on. */
export function monthlyStarts(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const date = `${y}-${String(m).padStart(2, '0')}-01`;
    if (date > to) return out;
    out.push(date);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}
export const HELD_OUT_STARTS = monthlyStarts('2016-01-01', '2020-10-01');
export const FIT_STARTS = monthlyStarts('2021-08-01', '2026-06-01');

export type ValidationContext = ProjectionContext;

let context: ValidationContext | undefined;
/** The projection's context over the whole bundled history file. */
export function validationContext(): ValidationContext {
  context ??= projectionContext(loadDailyHistory(), loadDifficultyEpochs());
  return context;
}

/** The chain's difficulty on `date` (the day's mean), or undefined past the history. */
function chainDifficulty(history: HistoryIndex, date: string): number | undefined {
  return history.daily[dayIndexOf(history, date)]?.difficulty;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface StartErrors {
  start: string;
  /** Per horizon: |log(projected / chain)| of the model and of the baseline, or undefined past the history. */
  model: (number | undefined)[];
  baseline: (number | undefined)[];
}

/** Both projections' difficulty errors from one start with realized prices. */
export function difficultyErrors(
  start: string,
  model: ResponseModel,
  ctx = validationContext(),
): StartErrors | undefined {
  const { history } = ctx;
  const from = startFromHistory(history, start);
  const then = chainDifficulty(history, addDays(start, -91));
  const before = chainDifficulty(history, addDays(start, -1));
  if (!from || then === undefined || before === undefined) return undefined;
  const available = HORIZONS_DAYS.filter((h) => chainDifficulty(history, addDays(start, h)) !== undefined);
  if (available.length === 0) return undefined;
  const days = Math.max(...available) + 1;
  const prices = realizedPrices(history, start, days);
  if (!prices) return undefined;
  const run = runProjection({
    start: from,
    horizonDays: days,
    prices: fixedPricePath(prices),
    curve: ctx.curveFor(start),
    response: model.response,
    supplyGrowthPerDay: trailingSupplyGrowthPerDay(history, start, model.supplyWindowDays),
  });
  const baselinePerDay = (before / then) ** (1 / 90);
  const model_: (number | undefined)[] = [];
  const baseline: (number | undefined)[] = [];
  for (const h of HORIZONS_DAYS) {
    const chain = chainDifficulty(history, addDays(start, h));
    if (chain === undefined || h >= days) {
      model_.push(undefined);
      baseline.push(undefined);
      continue;
    }
    model_.push(Math.abs(Math.log(run.figures.difficultyAtStart.p50[h]! / chain)));
    baseline.push(Math.abs(Math.log((before * baselinePerDay ** (h + 1)) / chain)));
  }
  return { start, model: model_, baseline };
}

/** Mean absolute error per horizon over starts, percent (exp of the mean |log error|, minus 1). */
export function meanErrorsPct(rows: readonly StartErrors[], which: 'model' | 'baseline'): (number | undefined)[] {
  return HORIZONS_DAYS.map((_, k) => {
    const xs = rows.map((r) => r[which][k]).filter((x): x is number => x !== undefined);
    if (xs.length === 0) return undefined;
    return (Math.exp(xs.reduce((s, x) => s + x, 0) / xs.length) - 1) * 100;
  });
}

/** The observed realized hashprice of `date` (USD/PH/day), or undefined. */
export function observedHashprice(history: HistoryIndex, date: string): number | undefined {
  const day = history.daily[dayIndexOf(history, date)];
  return day ? (day.sourceHashpriceUsdPerPhDay ?? realizedHashpriceOfDay(day)?.usdPerPhDay) : undefined;
}

/** Trailing window of daily returns the Monte Carlo bootstraps from. */
export const BOOTSTRAP_WINDOW_DAYS = 365;

/**
 * The Monte Carlo projection from a date of the history: prices bootstrapped from the
 * BOOTSTRAP_WINDOW_DAYS before it; undefined when the history lacks a figure the start needs.
 */
export function historyMonteCarlo(
  start: string,
  horizonDays: number,
  options: { paths: number; seed: number; model?: ResponseModel; ctx?: ValidationContext },
): { from: ProjectionStart; output: ProjectionOutput } | undefined {
  const ctx = options.ctx ?? validationContext();
  const model = options.model ?? FITTED_RESPONSE;
  const { history } = ctx;
  const from = startFromHistory(history, start);
  if (!from) return undefined;
  const s = dayIndexOf(history, start);
  const window = history.daily.slice(Math.max(0, s - BOOTSTRAP_WINDOW_DAYS - 1), s).map((d) => d.btcPriceUsd);
  const { paths, seed } = options;
  const output = runProjection({
    start: from,
    horizonDays,
    prices: bootstrapPricePath({ startPriceUsd: from.btcPriceUsd, logReturns: dailyLogReturns(window), paths, seed }),
    curve: ctx.curveFor(start),
    response: model.response,
    supplyGrowthPerDay: trailingSupplyGrowthPerDay(history, start, model.supplyWindowDays),
  });
  return { from, output };
}

/** Whether the observed hashprice at +90 days falls inside the Monte Carlo p10-p90 band from `start`. */
export function bandHolds(
  start: string,
  model: ResponseModel,
  paths: number,
  seed: number,
  ctx = validationContext(),
): boolean | undefined {
  const observed = observedHashprice(ctx.history, addDays(start, 90));
  if (observed === undefined) return undefined;
  const run = historyMonteCarlo(start, 91, { paths, seed, model, ctx })?.output;
  if (!run) return undefined;
  const band = run.figures.hashpriceUsdPerPhDay;
  return observed >= band.p10[90]! && observed <= band.p90[90]!;
}

export type { FleetResponseParameters };
export { FITTED_RESPONSE };

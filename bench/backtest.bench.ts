/**
 * Backtest throughput through the production signal engine:
 * - the full bundled daily history (every day with data, 2009 onwards), target <= 1 s;
 * - synthetic 10-minute series of 1, 2 and 4 years (52,560 snapshots a year), target <= 5 s a
 *   year, scaled linearly, with the snapshot rate for each (it should stay about flat: the cost
 *   grows linearly with the series).
 * The history is loaded and the per-day inputs built before timing (the CLI pays that once, ~0.1 s).
 * Time targets are those of a quiet machine, scaled by the reference workload (bench/reference.ts).
 */
import { reportBench, median } from './report';
import { ReferenceSampler } from './reference';
import { bundledHistory, runBacktest } from '../local/backtest/runBacktest';
import { buildReplayDays, dayIndexOnOrAfter } from '../local/backtest/replayDays';
import { replay } from '../local/backtest/replay';
import { syntheticTicks, TICKS_PER_DAY } from '../local/backtest/syntheticTicks';
import { createProductionEvaluator } from '../local/backtest/productionEvaluator';

const history = bundledHistory();
const firstDay = history.daily[0]!.date;
const lastDay = history.daily.at(-1)!.date;

// Full daily history: best of 3 runs, each a complete backtest (replay, summary, report input).
const fullReference = new ReferenceSampler();
const fullRuns: number[] = [];
let snapshots = 0;
for (let run = 0; run < 3; run += 1) {
  fullReference.sample(1_000);
  const t0 = performance.now();
  const result = runBacktest({
    from: firstDay,
    to: lastDay,
    history,
    createEvaluator: createProductionEvaluator,
    warmupDays: 0,
  });
  fullRuns.push((performance.now() - t0) / 1000);
  snapshots = result.summary.snapshots;
}
console.log(`  full daily history ${firstDay} .. ${lastDay}: ${snapshots} snapshots`);
const fullTarget = fullReference.timeTarget(1, fullRuns);
fullReference.describe('backtest-full-daily');
reportBench({ name: 'backtest-full-daily', value: median(fullRuns), unit: 's', comparison: '<=', target: fullTarget });

// Synthetic 10-minute series on real days from 2021-01-01. The ticks are generated as they are
// replayed (a generator, as a stream of stored snapshots would arrive), so the figure includes
// building each snapshot and the run never holds years of snapshots in memory at once.
const days = buildReplayDays(history.daily, history.epochs);
const start = dayIndexOnOrAfter(days, '2021-01-01');
const TARGET_SECONDS_PER_YEAR = 5;
// Warm-up: a month of ticks, so the first measured size does not pay for JIT compilation alone.
replay({ days, ticks: syntheticTicks(days, history.epochs, start, 30), evaluate: createProductionEvaluator(history) });
for (const years of [1, 2, 4]) {
  // One run per size: its reference sample comes right before it (at most 2 s of it).
  const reference = new ReferenceSampler();
  reference.sample(Math.min(2_000, TARGET_SECONDS_PER_YEAR * years * 1_000));
  const t0 = performance.now();
  const result = replay({
    days,
    ticks: syntheticTicks(days, history.epochs, start, Math.round(365.25 * years)),
    evaluate: createProductionEvaluator(history),
  });
  const seconds = (performance.now() - t0) / 1000;
  const rate = result.snapshots / seconds;
  console.log(`  ${years}y: ${result.snapshots} snapshots (${TICKS_PER_DAY}/day), ${result.events.length} events`);
  reportBench({
    name: `backtest-10min-${years}y`,
    value: seconds,
    unit: 's',
    comparison: '<=',
    target: reference.timeTarget(TARGET_SECONDS_PER_YEAR * years),
  });
  reference.describe(`backtest-10min-${years}y`);
  reportBench({
    name: `backtest-10min-${years}y-rate`,
    value: Math.round(rate),
    unit: 'snapshots/s',
    comparison: '>=',
    target: Math.round(reference.rateTarget((365.25 * TICKS_PER_DAY) / TARGET_SECONDS_PER_YEAR)),
  });
}

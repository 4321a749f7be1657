/**
 * Loading the bundled history: the first (cold) parse in a fresh process is what a Lambda cold start
 * or a test file pays, so that is the figure; the warm median is printed alongside for context.
 * Time targets are those of a quiet machine, scaled by the reference workload (bench/reference.ts).
 */
import { loadDailyHistory } from '../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../shared/data/history/loadDifficultyEpochs';
import { median, reportBench } from './report';
import { ReferenceSampler } from './reference';

function timeMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

// The cold loads come first (they are the figure); their reference is sampled right after them.
const coldDailyMs = timeMs(() => loadDailyHistory());
const coldEpochsMs = timeMs(() => loadDifficultyEpochs());
const cold = new ReferenceSampler();
for (let i = 0; i < 5; i += 1) cold.sample(50);
const warm = new ReferenceSampler();
const warmDaily: number[] = [];
for (let i = 0; i < 15; i += 1) {
  warm.sample(40);
  warmDaily.push(timeMs(() => loadDailyHistory()));
}

reportBench({
  name: 'load_daily_history_cold_ms',
  value: coldDailyMs,
  unit: 'ms',
  comparison: '<=',
  target: cold.timeTarget(100),
});
reportBench({
  name: 'load_daily_history_warm_median_ms',
  value: median(warmDaily),
  unit: 'ms',
  comparison: '<=',
  target: warm.timeTarget(40, warmDaily),
});
reportBench({
  name: 'load_difficulty_epochs_cold_ms',
  value: coldEpochsMs,
  unit: 'ms',
  comparison: '<=',
  target: cold.timeTarget(20),
});
cold.describe('cold loads');
warm.describe('warm loads');

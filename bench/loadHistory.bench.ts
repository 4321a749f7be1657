/**
 * Loading the bundled history: the first (cold) parse in a fresh process is what a Lambda cold start
 * or a test file pays, so that is the figure; the warm median is printed alongside for context.
 */
import { loadDailyHistory } from '../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../shared/data/history/loadDifficultyEpochs';
import { median, reportBench } from './report';

function timeMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const coldDailyMs = timeMs(() => loadDailyHistory());
const coldEpochsMs = timeMs(() => loadDifficultyEpochs());
const warmDaily: number[] = [];
for (let i = 0; i < 15; i += 1) warmDaily.push(timeMs(() => loadDailyHistory()));

reportBench({ name: 'load_daily_history_cold_ms', value: coldDailyMs, unit: 'ms', comparison: '<=', target: 100 });
reportBench({
  name: 'load_daily_history_warm_median_ms',
  value: median(warmDaily),
  unit: 'ms',
  comparison: '<=',
  target: 40,
});
reportBench({ name: 'load_difficulty_epochs_cold_ms', value: coldEpochsMs, unit: 'ms', comparison: '<=', target: 20 });

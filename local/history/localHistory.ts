/**
 * The one reader of history for the local tools: the bundled history (shared/data/history) followed
 * by what `npm run history -- update` cached after its end (historyCache.ts), as one series. The
 * backtest, the calculator's bundled day, the fleet model's replay and the simulation windows all
 * read it; the Lambda bundles keep the embedded bundled-only text (the cache is a local feature).
 *
 * Cached rows at or before the bundled end are ignored (a newer checkout bundles more: its rows
 * win); the rest must continue the bundled series without a gap, or the reader says so.
 */
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { MS_PER_DAY } from '../../shared/domain/units';
import { DEFAULT_HISTORY_CACHE_DIR, HistoryCacheError, readHistoryCache } from './historyCache';

export interface History {
  daily: DailyNetwork[];
  epochs: DifficultyEpoch[];
}

export const nextUtcDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);

/** `bundled` followed by the cache in `cacheDir` (bundled only when the directory holds no cache). */
export function joinHistory(bundled: History, cacheDir: string): History {
  const cache = readHistoryCache(cacheDir);
  if (!cache) return bundled;
  const lastDate = bundled.daily.at(-1)?.date ?? '0000-00-00';
  const lastEpoch = bundled.epochs.at(-1)?.epoch ?? -1;
  const days = cache.days.filter((d) => d.date > lastDate);
  const epochs = cache.epochs.filter((e) => e.epoch > lastEpoch);
  let expectedDate = nextUtcDay(lastDate);
  for (const day of days) {
    if (day.date !== expectedDate)
      throw new HistoryCacheError(
        `the history cache in ${cacheDir} has ${day.date} where ${expectedDate} should follow: run \`npm run history -- update\` again`,
      );
    expectedDate = nextUtcDay(day.date);
  }
  epochs.forEach((e, i) => {
    if (e.epoch !== lastEpoch + 1 + i)
      throw new HistoryCacheError(
        `the history cache in ${cacheDir} has epoch ${e.epoch} where ${lastEpoch + 1 + i} should follow`,
      );
  });
  return { daily: [...bundled.daily, ...days], epochs: [...bundled.epochs, ...epochs] };
}

export function bundledOnlyHistory(): History {
  return { daily: loadDailyHistory(), epochs: loadDifficultyEpochs() };
}

/** Bundled + cached history (the default cache directory unless `cacheDir` is given). */
export function localHistory(cacheDir: string = DEFAULT_HISTORY_CACHE_DIR): History {
  return joinHistory(bundledOnlyHistory(), cacheDir);
}

/**
 * The one reader of history for the local tools: the bundled history (shared/data/history) followed
 * by what `npm run history -- update` cached after its end (historyCache.ts), as one series. The
 * backtest, the calculator's bundled day, the fleet model's replay and the simulation windows all
 * read it; the Lambda bundles keep the embedded bundled-only text (the cache is a local feature).
 *
 * Cached rows at or before the bundled end are ignored (a newer checkout bundles more: its rows
 * win); the rest must continue the bundled series without a gap, or the reader says so.
 *
 * Which cache is read is HASHWATCH_HISTORY_CACHE's (historyCacheSetting): `off` reads the bundled
 * history alone, as the docs' generation and the tests do, so their figures are the same on
 * every machine whatever a developer's `npm run history -- update` cached.
 */
import { bundledDailyFxRates } from '../../shared/data/history/loadDailyFxRates';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import type { Currency, DailyFxRates } from '../../shared/domain/currency';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { MS_PER_DAY } from '../../shared/domain/units';
import { HistoryCacheError, historyCacheSetting, readHistoryCache, type HistoryCacheSetting } from './historyCache';

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
  // The day's rates stay in the cache's own reader (localFxRates): a history row is a DailyNetwork.
  const days = cache.days.filter((d) => d.date > lastDate).map(({ fxPerUsd: _rates, ...day }) => day);
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

/** Bundled + cached history: the cache HASHWATCH_HISTORY_CACHE names unless `cache` is given; none when false. */
export function localHistory(cache: HistoryCacheSetting = historyCacheSetting()): History {
  return cache === false ? bundledOnlyHistory() : joinHistory(bundledOnlyHistory(), cache);
}

/**
 * The per-day exchange rates the local tools convert history with: the bundled ECB reference rates
 * (shared/data/history/fx_daily_ecb.csv) and, for the days the cache added, the rates of mempool's
 * prices of that day the update stored with them. Each day keeps its own rate; a day with neither
 * has none (fxRateOnDay says so), never another day's.
 */
export function localFxRates(
  setting: HistoryCacheSetting = historyCacheSetting(),
  bundled: DailyFxRates = bundledDailyFxRates(),
): DailyFxRates {
  const cache = setting === false ? undefined : readHistoryCache(setting);
  const cached = cache?.days.filter((d) => d.fxPerUsd !== undefined && !bundled.byDate.has(d.date)) ?? [];
  if (!cache || cached.length === 0) return bundled;
  const byDate = new Map<string, Readonly<Partial<Record<Currency, number>>>>(bundled.byDate);
  for (const day of cached) byDate.set(day.date, day.fxPerUsd!);
  return {
    source: `${bundled.source}, and mempool's historical prices from ${cache.manifest.source} (npm run history -- update)`,
    byDate,
  };
}

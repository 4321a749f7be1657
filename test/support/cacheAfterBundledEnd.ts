/**
 * A history cache that continues the REAL bundled history past its end, for the tests that each
 * local consumer sees a cached day (and that the docs and the tests, switched off, do not).
 *
 * No figure after the bundled end (2026-08-21) is held (shared/data/history/SOURCES.md), and none
 * is invented: the cached day is the bundled row of `COPIED_ROW_DATE` (an epoch-476 day with
 * price, blocks, difficulty and hashrate) re-dated to the day after the bundled end, its end
 * height continued from the bundled last day by its own block count (963,498 + 146 = 963,644,
 * still inside epoch 477), and its `source` says so. A real update also caches the epochs after
 * the bundled table's last (474), without which no day after 2026-07-10 can be replayed: 476 at
 * its published difficulty (SOURCES.md), 475 and 477, whose difficulty is not held, at their
 * predecessor's (a change of 0 %), each starting on the day the daily rows' end heights place it
 * (date only, as the bundled 464-474), and each `source` saying so. The tests check only that the
 * day is seen (its date, its height, its price), never what it says about the market. Written
 * through the cache's own writer (openHistoryCache), as `npm run history -- update` writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { openHistoryCache } from '../../local/history/historyCache';
import { bundledOnlyHistory, nextUtcDay } from '../../local/history/localHistory';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { BLOCKS_PER_EPOCH } from '../../shared/domain/units';

/** The bundled row the cached day copies. */
export const COPIED_ROW_DATE = '2026-07-26';
/** Epoch 476's difficulty as published (shared/data/history/SOURCES.md, Corrections). */
const EPOCH_476_DIFFICULTY = 126_231_507_121_868.2;

export interface CachedDayFixture {
  /** The last bundled day. */
  bundledEnd: string;
  /** The cached day: the day after it. */
  day: DailyNetwork;
}

/** The bundled day whose blocks reach `height` (the epoch's start day, by the end heights). */
const dayOfHeight = (daily: readonly DailyNetwork[], height: number): string =>
  daily.find((d) => d.endHeight !== undefined && d.endHeight >= height)!.date;

/** Epochs 475-477 as described above. */
function fixtureEpochs(daily: readonly DailyNetwork[], before: DifficultyEpoch): DifficultyEpoch[] {
  const out: DifficultyEpoch[] = [];
  let previous = before;
  for (const epoch of [475, 476, 477]) {
    const difficulty = epoch === 476 ? EPOCH_476_DIFFICULTY : previous.difficulty;
    const startHeight = epoch * BLOCKS_PER_EPOCH;
    const row: DifficultyEpoch = {
      epoch,
      startHeight,
      startedAt: `${dayOfHeight(daily, startHeight)}T00:00:00.000Z`,
      difficulty,
      changePct: (difficulty / previous.difficulty - 1) * 100,
      source:
        epoch === 476
          ? 'test fixture: the published difficulty of epoch 476'
          : `test fixture: epoch ${epoch - 1}'s difficulty (no figure of epoch ${epoch} is held)`,
    };
    out.push(row);
    previous = row;
  }
  return out;
}

/** Writes the cache into `dir` (a fresh temporary directory) and returns its day. */
export function writeCacheAfterBundledEnd(dir: string): CachedDayFixture {
  const { daily, epochs } = bundledOnlyHistory();
  const last = daily.at(-1)!;
  const copied = daily.find((d) => d.date === COPIED_ROW_DATE)!;
  const day: DailyNetwork = {
    ...copied,
    date: nextUtcDay(last.date),
    endHeight: last.endHeight! + copied.blockCount!,
    source: `test fixture: the bundled row of ${COPIED_ROW_DATE} re-dated (no figure after ${last.date} is held)`,
  };
  const cache = openHistoryCache(dir, 'http://127.0.0.1:9/test-fixture', new Date('2026-12-06T00:00:00Z'));
  for (const epoch of fixtureEpochs(daily, epochs.at(-1)!)) cache.appendEpoch(epoch);
  cache.appendDay(day);
  return { bundledEnd: last.date, day };
}

/** The cache of one test file: its directory, what it holds, and a temporary root beside it. */
export interface CacheAfterBundledEnd {
  root: string;
  dir: string;
  fixture: CachedDayFixture;
}

/**
 * Writes the cache once for the test file (into a fresh temporary directory, removed after it),
 * and undoes any environment a test stubbed (HASHWATCH_HISTORY_CACHE) after each test. The fields
 * are filled before the first test runs.
 */
export function useCacheAfterBundledEnd(prefix: string): CacheAfterBundledEnd {
  const cache = {} as CacheAfterBundledEnd;
  beforeAll(() => {
    cache.root = mkdtempSync(join(tmpdir(), prefix));
    cache.dir = join(cache.root, 'cache');
    cache.fixture = writeCacheAfterBundledEnd(cache.dir);
  });
  afterAll(() => rmSync(cache.root, { recursive: true, force: true }));
  afterEach(() => vi.unstubAllEnvs());
  return cache;
}

/**
 * `npm run history -- update` against mempool's endpoints on loopback (constructed answers past the
 * bundled end, test/support/historyUpstream.ts): the update, its resume, the bad input that stops
 * it at the last good day, the caches it refuses, and the one reader every local tool uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplayServer, type ReplayServer } from '../../../local/devtools/replayServer';
import { HISTORY_CACHE_SCHEMA_VERSION, HistoryCacheError } from '../../../local/history/historyCache';
import { joinHistory, bundledOnlyHistory } from '../../../local/history/localHistory';
import { updateHistory } from '../../../local/history/updateHistory';
import { main } from '../../../local/history/cli';
import { backtestHistory, runBacktest } from '../../../local/backtest/runBacktest';
import { createProductionEvaluator } from '../../../local/backtest/productionEvaluator';
import { FIRST_NEW_DAY, LAST_NEW_DAY, historyUpstreamRoutes } from '../../support/historyUpstream';

const AFTER_LAST_DAY = new Date('2026-09-01T06:00:00Z');
const bundled = bundledOnlyHistory();

let server: ReplayServer;
let root: string;
beforeAll(async () => {
  server = await startReplayServer({
    ...historyUpstreamRoutes('/m'),
    ...historyUpstreamRoutes('/other'),
    // GH/s read as H/s on 2026-08-25 (a unit error).
    ...historyUpstreamRoutes('/unit', {
      day: (d) => (d.date === '2026-08-25' ? { ...d, hashrateHps: d.hashrateHps / 1e9 } : d),
    }),
    // A price three times the day before's on 2026-08-27 (an outlier).
    ...historyUpstreamRoutes('/outlier', {
      day: (d) => (d.date === '2026-08-27' ? { ...d, priceUsd: d.priceUsd * 3 } : d),
    }),
    // 2026-08-28 missing from the series (a gap).
    ...historyUpstreamRoutes('/gap', { day: (d) => (d.date === '2026-08-28' ? undefined : d) }),
  });
  root = mkdtempSync(join(tmpdir(), 'history-update-'));
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const cacheDir = (name: string): string => join(root, name);
const cachedDates = (dir: string): string[] =>
  readFileSync(join(dir, 'days.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { date: string }).date);

describe('npm run history -- update', () => {
  it('fetches every epoch and day after the bundled end, and the reader joins them to the bundled history', async () => {
    const dir = cacheDir('happy');
    const result = await updateHistory({ sourceBaseUrl: `${server.baseUrl}/m`, cacheDir: dir, now: AFTER_LAST_DAY });
    expect(result).toMatchObject({ status: 'updated', epochsStored: 4, daysStored: 10, lastDay: LAST_NEW_DAY });
    expect(cachedDates(dir)[0]).toBe(FIRST_NEW_DAY);

    const history = joinHistory(bundled, dir);
    expect(history.daily.length).toBe(bundled.daily.length + 10);
    expect(history.daily.at(-1)!.date).toBe(LAST_NEW_DAY);
    expect(history.epochs.map((e) => e.epoch).slice(-5)).toEqual([474, 475, 476, 477, 478]);
    // Epoch 476's difficulty is the published one; its change is stated against 475's.
    const e476 = history.epochs.find((e) => e.epoch === 476)!;
    expect(e476.difficulty).toBe(126231507121868.2);
    expect(e476.changePct).toBeCloseTo((126231507121868.2 / 127_400_000_000_000 - 1) * 100, 9);
    // The rows are the backfill's: difficulty from the epoch of the day, blocks estimated.
    const last = history.daily.at(-1)!;
    expect(last.difficulty).toBe(131_600_000_000_000);
    expect(last.blockCount).toBe(144);
    expect(last.source).toMatch(/^backfill:mempool,estimated:blocks\+issuance/);

    // A second run has nothing to fetch.
    const again = await updateHistory({ sourceBaseUrl: `${server.baseUrl}/m`, cacheDir: dir, now: AFTER_LAST_DAY });
    expect(again).toMatchObject({ status: 'up-to-date', daysStored: 0, lastDay: LAST_NEW_DAY });
  });

  it('the backtest replays the joined history past the bundled end', async () => {
    const history = backtestHistory(joinHistory(bundled, cacheDir('happy')));
    const result = runBacktest({
      from: '2026-08-01',
      to: LAST_NEW_DAY,
      history,
      createEvaluator: createProductionEvaluator,
    });
    expect(result.to).toBe(LAST_NEW_DAY);
    expect(result.days.at(-1)!.date).toBe(LAST_NEW_DAY);
  });

  it('resumes an interrupted update after the last whole day, dropping a torn line', async () => {
    const dir = cacheDir('resume');
    const first = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}/m`,
      cacheDir: dir,
      now: new Date('2026-08-27T06:00:00Z'),
    });
    expect(first).toMatchObject({ status: 'updated', daysStored: 5, lastDay: '2026-08-26' });
    // Killed in the middle of writing the next day.
    appendFileSync(join(dir, 'days.jsonl'), '{"date":"2026-08-27","hashrat');
    expect(() => joinHistory(bundled, dir)).toThrow(/incomplete line/);
    const second = await updateHistory({ sourceBaseUrl: `${server.baseUrl}/m`, cacheDir: dir, now: AFTER_LAST_DAY });
    expect(second).toMatchObject({ status: 'updated', epochsStored: 0, daysStored: 5, lastDay: LAST_NEW_DAY });
    expect(cachedDates(dir)).toEqual(cachedDates(cacheDir('happy')));
  });

  it.each([
    ['/unit', '2026-08-25', 'hashrateHps', /outside .*unit error/, 3],
    ['/outlier', '2026-08-27', 'btcPriceUsd', /moves more than 1.5x .*outlier/, 5],
    ['/gap', '2026-08-28', 'hashrateHps', /gives no hashrateHps .*gap/, 6],
  ])('%s: stops at the last good day before %s, naming the field %s', async (prefix, day, field, message, good) => {
    const dir = cacheDir(`bad${prefix.slice(1)}`);
    const result = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}${prefix}`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
    });
    expect(result.status).toBe('stopped');
    expect(result.problem).toMatchObject({ at: day, field });
    expect(result.problem!.message).toMatch(message);
    expect(result.daysStored).toBe(good);
    expect(cachedDates(dir).at(-1)! < day).toBe(true);
    expect(joinHistory(bundled, dir).daily.at(-1)!.date).toBe(result.lastDay);
  });

  it('refuses a cache fetched from another source, and says so', async () => {
    const dir = cacheDir('happy');
    const before = readFileSync(join(dir, 'days.jsonl'), 'utf8');
    await expect(
      updateHistory({ sourceBaseUrl: `${server.baseUrl}/other`, cacheDir: dir, now: AFTER_LAST_DAY }),
    ).rejects.toThrow(new RegExp(`fetched from ${server.baseUrl}/m, not ${server.baseUrl}/other`));
    expect(readFileSync(join(dir, 'days.jsonl'), 'utf8')).toBe(before);
  });

  it('refuses a cache written by a newer schema, to update and to read', async () => {
    const dir = cacheDir('newer');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        schemaVersion: HISTORY_CACHE_SCHEMA_VERSION + 1,
        source: `${server.baseUrl}/m`,
        createdAt: '2026-09-01T00:00:00.000Z',
      }),
    );
    const error = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}/m`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryCacheError);
    expect((error as Error).message).toMatch(/schema version 2, newer than this checkout's 1/);
    expect(() => joinHistory(bundled, dir)).toThrow(/schema version 2/);
  });

  it('the CLI prints the day and field that stopped it and exits 1', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      const code = await main(
        ['update', '--source', `${server.baseUrl}/unit`, '--cache', cacheDir('cli')],
        AFTER_LAST_DAY,
      );
      expect(code).toBe(1);
    } finally {
      console.log = log;
    }
    expect(lines[0]).toMatch(/^update stopped at 2026-08-25, field hashrateHps: /);
    expect(lines[1]).toBe(
      '4 epoch(s) and 3 day(s) stored; the history ends on 2026-08-24, the last good day (nothing after it was written)',
    );
  });
});

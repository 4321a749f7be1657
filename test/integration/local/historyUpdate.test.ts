/**
 * `npm run history -- update` against mempool's endpoints on loopback, answering with responses
 * faithfully rebuilt from the bundled history's own real rows (test/support/historyUpstream.ts: the
 * bundled history is truncated at 2025-11-11 and its next weeks served as new): the update, its
 * resume, the bad input that stops it at the last good day, the caches it refuses, and the one
 * reader every local tool uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplayServer, type ReplayServer } from '../../../local/devtools/replayServer';
import { HISTORY_CACHE_SCHEMA_VERSION, HistoryCacheError } from '../../../local/history/historyCache';
import { joinHistory, bundledOnlyHistory, localFxRates } from '../../../local/history/localHistory';
import { fiatPricesOnDay } from '../../../local/calculator/cliMarket';
import { bundledDailyFxRates } from '../../../shared/data/history/loadDailyFxRates';
import { fxRateOnDay } from '../../../shared/domain/currency';
import { updateHistory } from '../../../local/history/updateHistory';
import { main } from '../../../local/history/cli';
import { backtestHistory, runBacktest } from '../../../local/backtest/runBacktest';
import { createProductionEvaluator } from '../../../local/backtest/productionEvaluator';
import {
  FIRST_NEW_DAY,
  LAST_NEW_DAY,
  TRUNCATED_AT,
  historyUpstreamRoutes,
  servedDays,
  truncatedHistory,
} from '../../support/historyUpstream';

const AFTER_LAST_DAY = new Date('2025-12-11T06:00:00Z');
const full = bundledOnlyHistory();
/** What the update starts from: the bundled history cut at TRUNCATED_AT. */
const bundled = truncatedHistory(full);
const served = servedDays(full);
const NEW_DAYS = served.length;

let server: ReplayServer;
let root: string;
beforeAll(async () => {
  server = await startReplayServer({
    ...historyUpstreamRoutes(full, '/m'),
    ...historyUpstreamRoutes(full, '/other'),
    // GH/s read as H/s on 2025-11-15 (a unit error).
    ...historyUpstreamRoutes(full, '/unit', {
      day: (d) => (d.date === '2025-11-15' ? { ...d, hashrateHps: d.hashrateHps! / 1e9 } : d),
    }),
    // A price three times the day before's on 2025-11-17 (an outlier).
    ...historyUpstreamRoutes(full, '/outlier', {
      day: (d) => (d.date === '2025-11-17' ? { ...d, btcPriceUsd: d.btcPriceUsd! * 3 } : d),
    }),
    // 2025-11-18 missing from the series (a gap).
    ...historyUpstreamRoutes(full, '/gap', { day: (d) => (d.date === '2025-11-18' ? undefined : d) }),
    // Epoch 456 (held by the history) at another difficulty: a source on another chain.
    ...historyUpstreamRoutes(full, '/fork', {
      epochDifficulty: (epoch, difficulty) => (epoch === 456 ? difficulty * 1.01 : difficulty),
    }),
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
  it('fetches every epoch and day after the history end, and the reader joins them to it', async () => {
    const dir = cacheDir('happy');
    const result = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}/m`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
      bundled,
    });
    expect(NEW_DAYS).toBe(29);
    expect(result).toMatchObject({ status: 'updated', epochsStored: 3, daysStored: NEW_DAYS, lastDay: LAST_NEW_DAY });
    expect(cachedDates(dir)[0]).toBe(FIRST_NEW_DAY);

    const history = joinHistory(bundled, dir);
    expect(history.daily.length).toBe(bundled.daily.length + NEW_DAYS);
    expect(bundled.daily.at(-1)!.date).toBe(TRUNCATED_AT);
    expect(history.daily.at(-1)!.date).toBe(LAST_NEW_DAY);
    // The epochs are the bundled table's, start time, height, difficulty and change alike.
    const byEpoch = new Map(full.epochs.map((e) => [e.epoch, e]));
    for (const epoch of history.epochs.slice(-3)) {
      const real = byEpoch.get(epoch.epoch)!;
      expect([epoch.epoch, epoch.startHeight, epoch.difficulty]).toEqual([
        real.epoch,
        real.startHeight,
        real.difficulty,
      ]);
      expect(Date.parse(epoch.startedAt)).toBe(Date.parse(real.startedAt));
      // The table states the change to 6 decimals; the update computes it from the difficulties.
      expect(epoch.changePct).toBeCloseTo(real.changePct!, 5);
    }
    expect(history.epochs.map((e) => e.epoch).slice(-3)).toEqual([458, 459, 460]);
    // The days are the rows they were rebuilt from: hashrate and price as served, the difficulty
    // from the epochs, and the estimated blocks and fees close to the real counts and totals.
    const cached = history.daily.slice(-NEW_DAYS);
    cached.forEach((day, i) => {
      const real = served[i]!;
      expect(day.date).toBe(real.date);
      expect(day.hashrateHps).toBe(real.hashrateHps);
      expect(day.btcPriceUsd).toBe(real.btcPriceUsd);
      expect(day.source).toMatch(/^backfill:mempool,estimated:blocks\+issuance\+fees/);
    });
    // A day inside one epoch has its epoch's difficulty, as the bundled row (2025-11-20: epoch 458).
    const inside = cached.find((d) => d.date === '2025-11-20')!;
    expect(inside.difficulty).toBe(byEpoch.get(458)!.difficulty);
    expect(inside.difficulty).toBeCloseTo(served.find((d) => d.date === '2025-11-20')!.difficulty!, 0);
    const blocks = (days: readonly { blockCount?: number }[]): number => days.reduce((s, d) => s + d.blockCount!, 0);
    const fees = (days: readonly { feesBtc?: number }[]): number => days.reduce((s, d) => s + d.feesBtc!, 0);
    // Blocks estimated from the hashrate give back the real count over the window (the bundled
    // hashrate of these days is difficulty x blocks), and the fees the real total to the satoshi
    // rounding of the buckets (measured: 4,115 blocks both; 87.58758592 against 87.5875856 BTC).
    expect(blocks(cached)).toBe(blocks(served));
    expect(Math.abs(fees(cached) / fees(served) - 1)).toBeLessThan(1e-6);

    // A second run has nothing to fetch.
    const again = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}/m`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
      bundled,
    });
    expect(again).toMatchObject({ status: 'up-to-date', daysStored: 0, lastDay: LAST_NEW_DAY });
  });

  it('stores each day with its own exchange rates, and history in another currency converts each day at its rate', async () => {
    const dir = cacheDir('happy');
    // The bundled ECB table cut where the history was cut: the cached days' rates are then the
    // only ones for them, as for days after the real table's end.
    const ecb = bundledDailyFxRates();
    const truncatedEcb = {
      source: ecb.source,
      byDate: new Map([...ecb.byDate].filter(([date]) => date <= TRUNCATED_AT)),
    };
    const rates = localFxRates(dir, truncatedEcb);
    expect(rates.source).toMatch(/mempool's historical prices from http:\/\/127\.0\.0\.1:\d+\/m/);
    // Thursday 2025-11-20 and Friday 2025-12-05: the day's own rate (mempool's EUR over USD of that
    // day's observation, rebuilt from the ECB's fix of that day), not another day's.
    for (const date of ['2025-11-20', '2025-12-05']) {
      const eur = fxRateOnDay(rates, date, 'EUR');
      expect(eur.ok && eur.rate.perUsd).toBeCloseTo(ecb.byDate.get(date)!.EUR!, 12);
    }
    expect(ecb.byDate.get('2025-11-20')!.EUR).not.toBeCloseTo(ecb.byDate.get('2025-12-05')!.EUR!, 3);
    // Saturday 2025-11-22: no fix that day, so no rate, and the figure says so.
    const saturday = fxRateOnDay(rates, '2025-11-22', 'EUR');
    expect(saturday.ok).toBe(false);
    // The calculator's bundled day prices BTC at that day's rate, and leaves out a day without one.
    const price = served.find((d) => d.date === '2025-11-20')!.btcPriceUsd!;
    expect(fiatPricesOnDay(price, '2025-11-20', rates).EUR).toBeCloseTo(price * ecb.byDate.get('2025-11-20')!.EUR!, 6);
    expect(fiatPricesOnDay(price, '2025-11-22', rates)).toEqual({});
    // Without a cache the bundled table is what the tools read.
    expect(localFxRates(cacheDir('none'), truncatedEcb)).toBe(truncatedEcb);
  });

  it('the backtest replays the joined history past the bundled end', async () => {
    const history = backtestHistory(joinHistory(bundled, cacheDir('happy')));
    const result = runBacktest({
      from: '2025-11-01',
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
      now: new Date('2025-11-17T06:00:00Z'),
      bundled,
    });
    expect(first).toMatchObject({ status: 'updated', daysStored: 5, lastDay: '2025-11-16' });
    // Killed in the middle of writing the next day.
    appendFileSync(join(dir, 'days.jsonl'), '{"date":"2025-11-17","hashrat');
    expect(() => joinHistory(bundled, dir)).toThrow(/incomplete line/);
    const second = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}/m`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
      bundled,
    });
    expect(second).toMatchObject({
      status: 'updated',
      epochsStored: 0,
      daysStored: NEW_DAYS - 5,
      lastDay: LAST_NEW_DAY,
    });
    expect(cachedDates(dir)).toEqual(cachedDates(cacheDir('happy')));
  });

  it.each([
    ['/unit', '2025-11-15', 'hashrateHps', /outside .*unit error/, 3],
    ['/outlier', '2025-11-17', 'btcPriceUsd', /moves more than 1.5x .*outlier/, 5],
    ['/gap', '2025-11-18', 'hashrateHps', /gives no hashrateHps .*gap/, 6],
  ])('%s: stops at the last good day before %s, naming the field %s', async (prefix, day, field, message, good) => {
    const dir = cacheDir(`bad${prefix.slice(1)}`);
    const result = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}${prefix}`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
      bundled,
    });
    expect(result.status).toBe('stopped');
    expect(result.problem).toMatchObject({ at: day, field });
    expect(result.problem!.message).toMatch(message);
    expect(result.daysStored).toBe(good);
    expect(cachedDates(dir).at(-1)! < day).toBe(true);
    expect(joinHistory(bundled, dir).daily.at(-1)!.date).toBe(result.lastDay);
  });

  it('stops at an epoch the history holds at another difficulty (a chain fact), storing nothing', async () => {
    const dir = cacheDir('fork');
    const result = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}/fork`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
      bundled,
    });
    expect(result).toMatchObject({ status: 'stopped', epochsStored: 0, daysStored: 0, lastDay: TRUNCATED_AT });
    expect(result.problem).toMatchObject({ at: 'epoch 456', field: 'difficulty' });
    expect(result.problem!.message).toMatch(/the history holds 146716052770107\.47/);
    expect(joinHistory(bundled, dir).daily.at(-1)!.date).toBe(TRUNCATED_AT);
  });

  it('refuses a cache fetched from another source, and says so', async () => {
    const dir = cacheDir('happy');
    const before = readFileSync(join(dir, 'days.jsonl'), 'utf8');
    await expect(
      updateHistory({ sourceBaseUrl: `${server.baseUrl}/other`, cacheDir: dir, now: AFTER_LAST_DAY, bundled }),
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
        createdAt: '2025-12-11T00:00:00.000Z',
      }),
    );
    const error = await updateHistory({
      sourceBaseUrl: `${server.baseUrl}/m`,
      cacheDir: dir,
      now: AFTER_LAST_DAY,
      bundled,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryCacheError);
    expect((error as Error).message).toMatch(/schema version 2, newer than this checkout's 1/);
    expect(() => joinHistory(bundled, dir)).toThrow(/schema version 2/);
  });

  it('the CLI updates the cache HASHWATCH_HISTORY_CACHE names, and with it off asks for --cache', async () => {
    const errors: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = () => undefined;
    console.error = (line: string) => void errors.push(line);
    try {
      const dir = cacheDir('from-env');
      const env = { HASHWATCH_HISTORY_CACHE: dir };
      expect(await main(['update', '--source', `${server.baseUrl}/m`], AFTER_LAST_DAY, bundled, env)).toBe(0);
      expect(cachedDates(dir).at(-1)).toBe(LAST_NEW_DAY);
      const off = { HASHWATCH_HISTORY_CACHE: 'off' };
      expect(await main(['update', '--source', `${server.baseUrl}/m`], AFTER_LAST_DAY, bundled, off)).toBe(2);
    } finally {
      console.log = log;
      console.error = error;
    }
    expect(errors.at(-1)).toBe(
      'error: HASHWATCH_HISTORY_CACHE=off reads no cache, so there is none to update: give --cache <dir>',
    );
  });

  it('the CLI prints the day and field that stopped it and exits 1', async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      const code = await main(
        ['update', '--source', `${server.baseUrl}/unit`, '--cache', cacheDir('cli')],
        AFTER_LAST_DAY,
        bundled,
      );
      expect(code).toBe(1);
    } finally {
      console.log = log;
    }
    expect(lines[0]).toMatch(/^update stopped at 2025-11-15, field hashrateHps: /);
    expect(lines[1]).toBe(
      '3 epoch(s) and 3 day(s) stored; the history ends on 2025-11-14, the last good day (nothing after it was written)',
    );
  });
});

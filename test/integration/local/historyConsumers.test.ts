/**
 * Every local consumer reads the bundled history and the cache of `npm run history -- update` as
 * one (local/history/localHistory.ts): a day cached after the bundled end is seen by the backtest
 * and its report and CSV, the fleet model's replay, the calculator's offline day and the
 * simulation's chain; `--bundled-only` (or HASHWATCH_HISTORY_CACHE=off, which the tests run under)
 * reads the bundled history alone. The cache is a temporary directory the test points
 * HASHWATCH_HISTORY_CACHE at (test/support/cacheAfterBundledEnd.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main as backtestMain } from '../../../local/backtest/cli';
import { createProductionEvaluator } from '../../../local/backtest/productionEvaluator';
import { localBacktestHistory, runBacktest } from '../../../local/backtest/runBacktest';
import { CliMarketReader, describeOrigin } from '../../../local/calculator/cliMarket';
import { HISTORY_CACHE_ENV } from '../../../local/history/historyCache';
import { SimulatedChain } from '../../../local/sim/simulatedChain';
import { MS_PER_DAY } from '../../../shared/domain/units';
import { useCacheAfterBundledEnd } from '../../support/cacheAfterBundledEnd';

const cache = useCacheAfterBundledEnd('history-consumers-');

/** Runs the backtest CLI in-process, capturing what it prints. */
async function backtestCli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (line: string) => void lines.push(line);
  console.error = (line: string) => void lines.push(line);
  try {
    const code = await backtestMain(argv, { env });
    return { code, out: lines.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}

describe('every local consumer reads the bundled history and the cache as one', () => {
  it('the backtest replays the cached day, and its CSV and report carry it; --bundled-only does not', async () => {
    const csv = join(cache.root, 'daily.csv');
    const report = join(cache.root, 'report.html');
    const args = ['--from', '2026-06-01', '--to', '2026-12-31', '--no-progress'];
    const cached = await backtestCli([...args, '--csv', csv, '--out', report], { [HISTORY_CACHE_ENV]: cache.dir });
    expect(cached.code).toBe(0);
    expect(cached.out).toContain(
      `note: the bundled history with 1 day(s) from the cache in ${cache.dir} ends on ${cache.fixture.day.date}`,
    );
    expect(cached.out).toContain(`Timeline 2026-06-01 .. ${cache.fixture.day.date}`);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(rows.at(-1)!.startsWith(`${cache.fixture.day.date},`)).toBe(true);
    expect(readFileSync(report, 'utf8')).toContain(cache.fixture.day.date);

    // The bundled history alone replays up to 2026-07-10: its table ends with epoch 474, and the
    // blocks after that day are in epoch 475 (SOURCES.md).
    const bundled = await backtestCli([...args, '--no-report', '--bundled-only'], { [HISTORY_CACHE_ENV]: cache.dir });
    expect(bundled.code).toBe(0);
    expect(bundled.out).toContain('note: the bundled history ends on 2026-07-10; the replay stops there');
    const off = await backtestCli([...args, '--no-report'], { [HISTORY_CACHE_ENV]: 'off' });
    expect(off.out).toContain('note: the bundled history ends on 2026-07-10; the replay stops there');
    // A range of only days it cannot replay is refused, not reported as a reversed span.
    const after = await backtestCli(['--from', '2026-08-01', '--no-report'], { [HISTORY_CACHE_ENV]: 'off' });
    expect(after.code).toBe(2);
    expect(after.out).toContain(
      'backtest: the history has no replayable day from 2026-08-01: its last day with every figure a snapshot needs (price, hashrate, difficulty, fees, a known epoch) is 2026-07-10',
    );
    // A directory the variable names must hold a cache: a mistyped path is said, not read as none.
    const missing = join(cache.root, 'no-such-cache');
    const typo = await backtestCli([...args, '--no-report'], { [HISTORY_CACHE_ENV]: missing });
    expect(typo.code).toBe(2);
    expect(typo.out).toContain(`backtest: ${HISTORY_CACHE_ENV} names ${missing}, which holds no history cache`);
    // --bundled-only is a history source as --from-table is: one of them.
    const both = await backtestCli([...args, '--bundled-only', '--from-table'], {});
    expect(both.code).toBe(2);
    expect(both.out).toContain('give --bundled-only or --from-table, not both');
  }, 60_000);

  it("the fleet model's replay prices the cached day's fleet", () => {
    const result = runBacktest({
      from: '2026-08-01',
      to: '2026-12-31',
      history: localBacktestHistory(cache.dir),
      createEvaluator: createProductionEvaluator,
    });
    const day = result.report.days.at(-1)!;
    expect(day.date).toBe(cache.fixture.day.date);
    expect(day.btcPriceUsd).toBe(cache.fixture.day.btcPriceUsd);
    // The fleet over time, run over the joined history, has the day's fleet and its share.
    expect(day.fleetShareNegative).toBeGreaterThanOrEqual(0);
    expect(day.meanFleetEfficiencyJPerTh).toBeGreaterThan(0);
    expect(localBacktestHistory(false).daily.at(-1)!.date).toBe(cache.fixture.bundledEnd);
  });

  it("the calculator's offline day is the cached day, and says it came from the cache", async () => {
    const reader = new CliMarketReader({
      env: { [HISTORY_CACHE_ENV]: cache.dir },
      offline: true,
      now: () => new Date('2026-12-06T12:00:00Z'),
    });
    const snapshot = await reader.latestSnapshot();
    expect(snapshot!.intervalStart).toBe(`${cache.fixture.day.date}T00:00:00.000Z`);
    expect(snapshot!.btcPriceUsd).toBe(cache.fixture.day.btcPriceUsd);
    expect(snapshot!.tipHeight).toBe(cache.fixture.day.endHeight);
    expect(reader.latestKnownHeight()!.source).toBe(`the history cache's last day, ${cache.fixture.day.date}`);
    expect(describeOrigin(reader.origin)).toMatch(
      new RegExp(
        `: the latest day of the history cache, ${cache.fixture.day.date} \\(${cache.dir}, npm run history -- update`,
      ),
    );

    const off = new CliMarketReader({ env: { [HISTORY_CACHE_ENV]: 'off' }, offline: true, now: () => new Date() });
    expect((await off.latestSnapshot())!.intervalStart).toBe(`${cache.fixture.bundledEnd}T00:00:00.000Z`);
    expect(describeOrigin(off.origin)).toContain(
      `the latest bundled day, ${cache.fixture.bundledEnd} (shared/data/history`,
    );
  });

  it("the simulation's chain serves the cached day's blocks and price", () => {
    vi.stubEnv(HISTORY_CACHE_ENV, cache.dir);
    const chain = new SimulatedChain();
    expect(chain.day(cache.fixture.day.date).btcPriceUsd).toBe(cache.fixture.day.btcPriceUsd);
    const endOfDay = Date.parse(`${cache.fixture.day.date}T00:00:00Z`) + MS_PER_DAY - 1;
    expect(chain.tipAt(endOfDay)).toBe(cache.fixture.day.endHeight);
    vi.stubEnv(HISTORY_CACHE_ENV, 'off');
    expect(() => new SimulatedChain().day(cache.fixture.day.date)).toThrow(
      `history lacks blocks or price on ${cache.fixture.day.date}`,
    );
  });
});

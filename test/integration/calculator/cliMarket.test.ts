/**
 * The calc CLI finds today's market by itself (local/calculator/cliMarket.ts), tested without the
 * internet: the live path against the replay server of recorded upstream responses (its base URLs
 * set through HASHWATCH_INGEST_CONFIG, as for the ingest), the offline fallback to the latest
 * bundled day when the sources cannot be reached, --offline, and the tip height estimated when a
 * request gives price, difficulty and fees but no tipHeight.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, replayIngestConfigJson, scenario20260201 } from '../../../local/devtools/recordedScenario';
import { startReplayServer, type ReplayServer } from '../../../local/devtools/replayServer';
import type { CalculatorResponse } from '../../../shared/calculator/price';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const request = JSON.stringify({ machines: [{ model: 'S21', count: 10 }], powerPriceUsdPerKwh: 0.05 });
// The bundled history's last day (shared/data/history/btc_daily_merged.csv, 2026-08-21).
const BUNDLED_LAST_DAY = '2026-08-21';
const BUNDLED_PRICE_USD = 78359.170712256;
const BUNDLED_HEIGHT = 963498;

let replay: ReplayServer;
let closedPort: number;

beforeAll(async () => {
  replay = await startReplayServer(scenario20260201());
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
});
afterAll(async () => {
  await replay?.close();
});

/** The replay server's responses were recorded on 2026-02-01: accept data that old for the test. */
const replayConfig = (): string =>
  JSON.stringify(replayIngestConfigJson(replay.baseUrl, { validation: { maxDataAgeMinutes: 100_000_000 } }));
const unreachableConfig = (): string => JSON.stringify(replayIngestConfigJson(`http://127.0.0.1:${closedPort}`));

function calc(
  args: string[],
  input: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...env,
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    };
    delete childEnv.TABLE_NAME;
    const child = spawn('npm', ['run', '--silent', 'calc', '--', ...args], { cwd: root, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    // The market note wraps at 120 columns: join its continuation lines to match it as one line.
    const unwrap = (text: string): string => text.replace(/\n {8}(?=\S)/g, ' ');
    child.on('close', (code) => resolve({ code, stdout: unwrap(stdout), stderr: unwrap(stderr) }));
    child.stdin.end(input);
  });
}

describe('calc CLI market', () => {
  it('prices on the live figures fetched as the ingest does, and says so', { timeout: 60_000 }, async () => {
    const r = await calc(['--json'], request, { HASHWATCH_INGEST_CONFIG: replayConfig() });
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout) as CalculatorResponse;
    // mempool's recorded /api/v1/prices (USD 78,702), confirmed by the recorded Coinbase spot.
    expect(answer.market.btcPriceUsd).toBe(78_702);
    expect(answer.market.tipHeight).toBe(934_541);
    expect(answer.market.sources).toMatchObject({
      btcPriceUsd: 'snapshot',
      difficulty: 'snapshot',
      tipHeight: 'snapshot',
    });
    expect(r.stderr).toMatch(
      /^Market: live, fetched \d{4}-\d\d-\d\dT[\d:.]+Z as the ingest does \(network: mempool, price: mempool, confirmed by coinbase\)/,
    );
    const table = await calc([], request, { HASHWATCH_INGEST_CONFIG: replayConfig() });
    expect(table.stdout.split('\n')[0]).toMatch(/^Market: live, fetched /);
    expect(table.stdout).toContain('BTC $78,702 (snapshot)');
  });

  it('offline, prices on the latest bundled day and names it with the reason', { timeout: 60_000 }, async () => {
    const r = await calc(['--json'], request, { HASHWATCH_INGEST_CONFIG: unreachableConfig() });
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout) as CalculatorResponse;
    expect(answer.market.btcPriceUsd).toBe(BUNDLED_PRICE_USD);
    expect(answer.market.tipHeight).toBe(BUNDLED_HEIGHT);
    expect(answer.market.snapshot?.intervalStart).toBe(`${BUNDLED_LAST_DAY}T00:00:00.000Z`);
    expect(r.stderr).toContain(`Market: offline, live figures unavailable (http://127.0.0.1:${closedPort}/mempool: `);
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).toContain(`the latest bundled day, ${BUNDLED_LAST_DAY} (shared/data/history`);
  });

  it('--offline does not fetch, even with the sources up', { timeout: 60_000 }, async () => {
    const before = replay.hits(PATHS.tipHeight);
    const r = await calc(['--offline'], request, { HASHWATCH_INGEST_CONFIG: replayConfig() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `Market: offline, --offline: the latest bundled day, ${BUNDLED_LAST_DAY} (shared/data/history; fees per block as of 2026-06-01, the last day with fee data)`,
    );
    expect(replay.hits(PATHS.tipHeight)).toBe(before);
  });

  it(
    'with price, difficulty and fees but no tipHeight, estimates the tip and says so, fetching nothing',
    { timeout: 60_000 },
    async () => {
      const before = replay.hits(PATHS.tipHeight);
      const given = JSON.stringify({
        machines: [{ model: 'S21', count: 10 }],
        powerPriceUsdPerKwh: 0.05,
        market: { btcPriceUsd: 90_000, difficulty: 150e12, feesBtcPerBlock: 0.03 },
      });
      const r = await calc(['--json'], given, { HASHWATCH_INGEST_CONFIG: replayConfig() });
      expect(r.code, r.stderr).toBe(0);
      const answer = JSON.parse(r.stdout) as CalculatorResponse;
      expect(answer.market.sources.tipHeight).toBe('estimated');
      expect(answer.market.tipHeight).toBeGreaterThan(BUNDLED_HEIGHT);
      expect(answer.market.subsidyBtc).toBe(3.125);
      expect(answer.market.tipHeightBasis).toBe(
        `height 963,498 on 2026-08-22 (the bundled history's last day, ${BUNDLED_LAST_DAY}) plus one block per 10 minutes since`,
      );
      expect(r.stderr).toBe('');
      expect(replay.hits(PATHS.tipHeight)).toBe(before);
      const table = await calc([], given, {});
      expect(table.stdout).toContain('(estimated), subsidy 3.125 BTC');
      expect(table.stdout).toMatch(/^Height {4}estimated from height 963,498 on 2026-08-22/m);
    },
  );
});

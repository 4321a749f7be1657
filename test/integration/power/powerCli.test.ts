/**
 * `npm run power -- fetch` against a loopback stand-in of ERCOT (login and NP6-905-CD): the series
 * lands in the cache checked, a second fetch merges without duplicates, a price that disagrees with
 * the cached one for the same interval writes nothing, and a cache of another schema is refused.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../local/power/cli';
import { archiveStandIn, closeStandIns, ercotStandIn } from '../../support/powerStandIns';

const ENV = [
  'HASHWATCH_ERCOT_USERNAME',
  'HASHWATCH_ERCOT_PASSWORD',
  'HASHWATCH_ERCOT_SUBSCRIPTION_KEY',
  'HASHWATCH_ERCOT_API_URL',
  'HASHWATCH_ERCOT_TOKEN_URL',
] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const k of ENV)
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  await closeStandIns();
});

async function pointAt(price?: (h: number, i: number) => number): Promise<void> {
  const { base } = await ercotStandIn(price ? { price } : {});
  process.env.HASHWATCH_ERCOT_USERNAME = 'owner@example.com';
  process.env.HASHWATCH_ERCOT_PASSWORD = 'secret';
  process.env.HASHWATCH_ERCOT_SUBSCRIPTION_KEY = 'key';
  process.env.HASHWATCH_ERCOT_API_URL = base;
  process.env.HASHWATCH_ERCOT_TOKEN_URL = `${base}/token`;
}

const fetchArgs = (cacheDir: string, from = '2026-12-04', to = '2026-12-05') => [
  'fetch',
  '--market',
  'ercot',
  '--point',
  'LZ_WEST',
  '--from',
  from,
  '--to',
  to,
  '--cache-dir',
  cacheDir,
];

describe('npm run power -- fetch', () => {
  it('fetches into the cache, then merges a second fetch without duplicates', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'hw-power-'));
    await pointAt();
    expect(await main(fetchArgs(cacheDir))).toBe(0);
    const path = join(cacheDir, 'ERCOT-LZ_WEST-rt.json');
    const first = JSON.parse(await readFile(path, 'utf8')) as {
      schemaVersion: number;
      prices: Array<{ startIso: string }>;
    };
    expect(first.schemaVersion).toBe(1);
    // The UTC day 2026-12-04 holds the Central day's first 18 hours (06:00Z is midnight CST): 72 intervals.
    expect(out[0]).toMatch(
      /^ERCOT LZ_WEST rt: 72 intervals fetched \(min 11\.00, mean 97\.50, max 184\.00 USD\/MWh\)$/,
    );
    expect(out[1]).toBe(`${path}: 72 intervals (72 new), 0 gap(s)`);
    expect(await main(fetchArgs(cacheDir))).toBe(0);
    expect(out[3]).toBe(`${path}: 72 intervals (0 new), 0 gap(s)`);
  });

  it('a price that disagrees with the cached one for an interval writes nothing and names the interval', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'hw-power-'));
    await pointAt();
    expect(await main(fetchArgs(cacheDir))).toBe(0);
    const path = join(cacheDir, 'ERCOT-LZ_WEST-rt.json');
    const before = await readFile(path, 'utf8');
    await closeStandIns();
    await pointAt((h, i) => h * 10 + i + 0.5);
    expect(await main(fetchArgs(cacheDir))).toBe(1);
    expect(err[0]).toMatch(
      /^error: site "LZ_WEST": prices: two prices for the interval starting 2026-12-04T06:00:00\.000Z/,
    );
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it("--archive reads ERCOT's report archive, with no credentials at all", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'hw-power-'));
    const { base } = await archiveStandIn();
    for (const k of ENV) delete process.env[k];
    process.env.HASHWATCH_ERCOT_ARCHIVE_URL = base;
    try {
      expect(await main([...fetchArgs(cacheDir), '--archive'])).toBe(0);
    } finally {
      delete process.env.HASHWATCH_ERCOT_ARCHIVE_URL;
    }
    expect(out[0]).toBe('ERCOT LZ_WEST rt: 4 intervals fetched (min 31.00, mean 32.50, max 34.00 USD/MWh)');
  });

  it('refuses a cache of another schema version instead of mixing it in', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'hw-power-'));
    const path = join(cacheDir, 'ERCOT-LZ_WEST-rt.json');
    await writeFile(path, JSON.stringify({ schemaVersion: 2, market: 'ERCOT', location: 'LZ_WEST', prices: [] }));
    await pointAt();
    await expect(main(fetchArgs(cacheDir))).rejects.toThrow(/schema version 2, this Hashwatch reads 1; move it away/);
  });

  it('says which credential is missing, and takes none from the command line', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'hw-power-'));
    await pointAt();
    delete process.env.HASHWATCH_ERCOT_PASSWORD;
    expect(await main(fetchArgs(cacheDir))).toBe(2);
    expect(err[0]).toMatch(/^error: HASHWATCH_ERCOT_PASSWORD is not set/);
    expect(await main([...fetchArgs(cacheDir), '--password', 'x'])).toBe(2);
    expect(err[1]).toMatch(/Unknown option '--password'/);
  });

  it('refuses a bad day, a backwards window and an unknown market, naming the option', async () => {
    expect(
      await main(['fetch', '--market', 'ercot', '--point', 'X', '--from', '2026-12-4', '--to', '2026-12-05']),
    ).toBe(2);
    expect(err[0]).toMatch(/--from must be a day YYYY-MM-DD/);
    expect(
      await main(['fetch', '--market', 'ercot', '--point', 'X', '--from', '2026-12-05', '--to', '2026-12-05']),
    ).toBe(2);
    expect(err[1]).toMatch(/--from must be before --to/);
    expect(await main(['fetch', '--market', 'caiso', '--from', '2026-12-04', '--to', '2026-12-05'])).toBe(2);
    expect(err[2]).toMatch(/--market must be ercot, entsoe or feed, not caiso/);
  });
});

/**
 * `npm run power -- ingest`: one round for the market-priced sites of HASHWATCH_COMPUTE_CONFIG into
 * the table named by TABLE_NAME (DynamoDB Local at AWS_ENDPOINT_URL_DYNAMODB, as `npm start`
 * prints it), against an owner's feed on loopback that wants the bearer token the site's
 * Parameter Store name holds: what it prints per site, what it stores, and its exit codes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../local/power/cli';
import { runIngestCommand } from '../../../local/power/ingestCommand';
import { DynamoPowerPriceRepository } from '../../../shared/adapters/dynamo/powerPriceRepository';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { savedEnv } from '../../support/processEnv';
import { closeStandIns, json, POWER_TEST_HTTP_OPTIONS, serve } from '../../support/powerStandIns';

const db = useDynamoLocal();
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const NOW = Date.parse('2026-12-04T18:07:00.000Z');

let table: TestTable;
let restoreEnv: () => void;
beforeEach(async () => {
  table = await db.newTable();
  restoreEnv = savedEnv(['TABLE_NAME', 'AWS_ENDPOINT_URL_DYNAMODB', 'HASHWATCH_COMPUTE_CONFIG']);
});
afterEach(async () => {
  restoreEnv();
  vi.restoreAllMocks();
  await closeStandIns();
});

/** A feed that answers the quarter hours begun by `NOW` at `price`, only with the right bearer token. */
async function feed(price: number, publishedUntilMs = NOW) {
  return serve((req, res) => {
    if (req.headers.authorization !== 'Bearer feed-token-1') return json(res, 401, { message: 'unauthorized' });
    const from = Date.parse(req.url.searchParams.get('from')!);
    const to = Math.min(Date.parse(req.url.searchParams.get('to')!), publishedUntilMs);
    const intervals = [];
    for (let start = Math.ceil(from / (15 * MIN)) * 15 * MIN; start < to; start += 15 * MIN)
      intervals.push({ start: iso(start), end: iso(start + 15 * MIN), price });
    json(res, 200, { location: 'meter-1', unit: 'USD/MWh', intervals });
  });
}

const site = (name: string, url: string, extra: Record<string, unknown> = {}) => ({
  name,
  powerCapacityMw: 5,
  // A fleet hashes at one site: each site has its own.
  fleets: [name],
  powerPrice: {
    type: 'feed',
    url,
    location: 'meter-1',
    expectedUsdPerMwh: 40,
    tokenParameter: '/hashwatch/feed/token',
  },
  ...extra,
});
const fleet = (name: string) => ({ name, machines: [{ model: 'S19 XP', count: 10 }], powerPriceUsdPerKwh: 0.05 });
const configWith = (...sites: Array<{ name: string } & Record<string, unknown>>) =>
  parseComputeConfig({ fleets: sites.map((s) => fleet(s.name)), sites });
const http = { options: POWER_TEST_HTTP_OPTIONS, deps: { sleep: async () => undefined } };

describe('npm run power -- ingest', () => {
  it('stores each market-priced site, reads its token by the parameter name, and says whether it can decide', async () => {
    const live = await feed(42.5);
    const frozen = await feed(39, NOW - 60 * MIN);
    const secretsRead: string[] = [];
    const outcome = await runIngestCommand({
      config: configWith(
        site('live', `${live.base}/prices`),
        site('frozen', `${frozen.base}/prices`, { curtailment: { maxPriceAgeMinutes: 30 } }),
        { name: 'flat', powerCapacityMw: 1, fleets: ['flat'], powerPrice: { type: 'fixed', usdPerKwh: 0.05 } },
      ),
      env: { TABLE_NAME: table.tableName, AWS_ENDPOINT_URL_DYNAMODB: table.endpoint },
      http,
      readSecret: async (name) => {
        secretsRead.push(name);
        return 'feed-token-1';
      },
      nowMs: () => NOW,
    });
    expect(outcome.lines).toEqual([
      'live (feed): 96 stored, 0 unchanged, 0 gap(s); current 42.50 USD/MWh (2026-12-04 18:00-18:15Z)',
      // Its feed stopped at 17:07: the 17:00 interval, ended 52 min ago, is older than its 30 min.
      'frozen (feed): 92 stored, 0 unchanged, 0 gap(s); stale: no price to decide on (the latest ended 52 min ago)',
    ]);
    expect(outcome.exitCode).toBe(1);
    expect(secretsRead).toEqual(['/hashwatch/feed/token', '/hashwatch/feed/token']);
    const store = new DynamoPowerPriceRepository(table.client, table.tableName);
    expect((await store.latest('live'))?.startIso).toBe(iso(NOW - 7 * MIN));
    // The fixed-price site has nothing to fetch.
    expect(await store.latest('flat')).toBeUndefined();

    // Only the site asked for; a wrong token fails that site with the source's words.
    const only = await runIngestCommand({
      config: configWith(site('live', `${live.base}/prices`)),
      env: { TABLE_NAME: table.tableName, AWS_ENDPOINT_URL_DYNAMODB: table.endpoint },
      site: 'live',
      http,
      readSecret: async () => 'wrong-token',
      nowMs: () => NOW + 15 * MIN,
    });
    expect(only.exitCode).toBe(1);
    expect(only.lines[0]).toMatch(/^live \(feed\): failed: site "live": feed.*401/);
    expect(only.lines[0]).toMatch(/; current 42\.50 USD\/MWh \(2026-12-04 18:00-18:15Z\)$/);
  });

  it('refuses without a table, without a market-priced site, or with a site it does not know, in one line, exit 2', async () => {
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
    delete process.env.TABLE_NAME;
    process.env.HASHWATCH_COMPUTE_CONFIG = JSON.stringify({
      fleets: [fleet('live')],
      sites: [site('live', 'http://127.0.0.1:9/prices')],
    });
    expect(await main(['ingest'])).toBe(2);
    process.env.TABLE_NAME = table.tableName;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = table.endpoint;
    expect(await main(['ingest', '--site', 'elsewhere'])).toBe(2);
    process.env.HASHWATCH_COMPUTE_CONFIG = '{"sites":[{"name":"x"}]}';
    expect(await main(['ingest'])).toBe(2);
    expect(err.filter((l) => l.startsWith('error:'))).toEqual([
      'error: TABLE_NAME is not set: the table to store the prices in\nsee npm run power -- --help',
      'error: no market-priced site named "elsewhere" in HASHWATCH_COMPUTE_CONFIG (live)\nsee npm run power -- --help',
      expect.stringMatching(/^error: invalid compute config: sites\.0\./),
    ]);
  });
});

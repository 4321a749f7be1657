/**
 * The power function's handler (functions/power/powerHandler.ts) with the deployed wiring
 * (shared/adapters/power/sitePriceSources.ts) on DynamoDB Local: one round for every fetched site
 * of a compute config, each site's outcome as a structured log line and its metrics (price age,
 * intervals stored, failures by kind), a site's failure kept to that site, and a table failure
 * failing the invocation. The ERCOT stand-in serves ERCOT's documented report shape with the
 * recorded field list (test/support/powerStandIns.ts); its prices are test inputs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPowerHandler,
  decisionPriceAgeMinutes,
  type PowerRoundSummary,
} from '../../../functions/power/powerHandler';
import { DynamoLatestSnapshotReader } from '../../../shared/adapters/dynamo/latestSnapshotReader';
import { DynamoPowerPriceRepository } from '../../../shared/adapters/dynamo/powerPriceRepository';
import { sitePriceSources } from '../../../shared/adapters/power/sitePriceSources';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../../shared/observability/metrics';
import type { SitePriceIngestResult } from '../../../shared/power/ingestSitePowerPrices';
import type { PowerPriceStore } from '../../../shared/power/ports';
import type { IntervalPrice } from '../../../shared/domain/power/intervalPrice';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { deployedRole } from '../../support/iam/iamRole';
import { synthesizedStacks } from '../../support/iam/synthesizedTemplate';
import { roleDynamoClient } from '../../support/iam/roleClients';
import { emfCombinations } from '../../support/ingestHarness';
import { lambdaContext } from '../../support/lambdaContext';
import { closeStandIns, ercotStandIn, POWER_TEST_HTTP_OPTIONS, serve } from '../../support/powerStandIns';
import { ERCOT_SITE } from '../../support/powerSitesConfig';

const db = useDynamoLocal();
// 2026-12-05 05:05Z is 23:05 Central on 2026-12-04, the ERCOT stand-in's delivery day.
const NOW = Date.parse('2026-12-05T05:05:00.000Z');
const http = { options: POWER_TEST_HTTP_OPTIONS, deps: { sleep: async () => undefined } };
const SECRETS: Record<string, string> = {
  '/hashwatch/ercot/username': 'owner@example.com',
  '/hashwatch/ercot/password': 'pw',
  '/hashwatch/ercot/subscription-key': 'key-1',
  '/hashwatch/feed/token': 'feed-token',
};

/** The ERCOT site and an owner's feed with a token, at `feedUrl`. */
const computeWith = (feedUrl: string) => ({
  fleets: ['tx-west', 'meter'].map((name) => ({
    name,
    machines: [{ model: 'S19 XP', count: 10 }],
    powerPriceUsdPerKwh: 0.05,
  })),
  sites: [
    ERCOT_SITE,
    {
      name: 'meter',
      powerCapacityMw: 1,
      fleets: ['meter'],
      powerPrice: {
        type: 'feed',
        url: feedUrl,
        location: 'meter-1',
        expectedUsdPerMwh: 40,
        tokenParameter: '/hashwatch/feed/token',
      },
    },
  ],
});

/** The role's template depends on the sites' parameter names only: synthesized once, not in a test's time. */
const ROLE_CONFIG = { compute: computeWith('https://prices.example.com/v1') };
beforeAll(() => void synthesizedStacks(ROLE_CONFIG), 120_000);

let table: TestTable;
let lines: Record<string, unknown>[];
beforeEach(async () => {
  table = await db.newTable();
  lines = [];
  vi.stubEnv('POWERTOOLS_DEV', 'true');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const capture = (...args: unknown[]): void => {
    for (const arg of args) if (typeof arg === 'string' && arg.startsWith('{')) lines.push(JSON.parse(arg));
  };
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, m).mockImplementation(capture);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await closeStandIns();
});

async function handlerFor(feedBase: string, ercotBase: string, store?: PowerPriceStore) {
  const config = parseComputeConfig(computeWith(`${feedBase}/prices`));
  // The table calls run under the power function's role as the template grants it (the feed's URL
  // is no part of a grant).
  const role = deployedRole('power', { tableName: table.tableName, config: ROLE_CONFIG });
  const powerClient = roleDynamoClient(table.endpoint, role);
  const secretsRead: string[] = [];
  const handler = createPowerHandler({
    sites: sitePriceSources(config.sites, {
      readSecret: async (name) => {
        secretsRead.push(name);
        return SECRETS[name]!;
      },
      http,
      snapshots: new DynamoLatestSnapshotReader(powerClient, table.tableName),
      tableName: table.tableName,
      endpoints: { ercotApiUrl: ercotBase, ercotTokenUrl: `${ercotBase}/token`, ercotArchiveUrl: ercotBase },
    }),
    store: store ?? new DynamoPowerPriceRepository(powerClient, table.tableName),
    logger: new Logger({ serviceName: SERVICE_NAMES.power, logLevel: 'INFO' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.power }),
    nowMs: () => NOW,
  });
  return { handler, secretsRead };
}

const emf = () => lines.filter((l) => '_aws' in l);
const metricValues = (name: string) => emf().flatMap((l) => (name in l ? [[l.site, l.kind, l[name]]] : []));

describe('the power function', () => {
  it('stores the ERCOT site, keeps the feed that answers HTML to its own failure, and reports each site', async () => {
    const ercot = await ercotStandIn();
    const feed = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Maintenance</body></html>');
    });
    const { handler, secretsRead } = await handlerFor(feed.base, ercot.base);
    const summary: PowerRoundSummary = await handler({}, lambdaContext());

    expect(summary.sites.map((s) => [s.site, s.status, s.stale])).toEqual([
      ['tx-west', 'stored', false],
      ['meter', 'failed', true],
    ]);
    expect(summary.sites[0]!.stored).toBe(96);
    expect(summary.sites[1]!.error).toMatchObject({ kind: 'not-data' });
    expect(summary.sites[1]!.error!.message).toContain('site "meter"');
    expect(secretsRead.sort()).toEqual(Object.keys(SECRETS).sort());

    // One structured line per site, at the level its outcome deserves.
    const siteLines = lines.filter((l) => typeof l.message === 'string' && l.message.startsWith('power price site'));
    expect(siteLines.map((l) => [l.message, l.level, l.site])).toEqual([
      ['power price site stored', 'INFO', 'tx-west'],
      ['power price site failed', 'WARN', 'meter'],
    ]);
    expect(siteLines[1]).toMatchObject({ status: 'failed', stored: 0, error: { kind: 'not-data' } });
    expect(JSON.stringify(lines)).not.toMatch(/feed-token|key-1|"pw"/);

    // Metrics per site: intervals stored (0 included), the price age (none for a site never stored),
    // a failure counted by its kind.
    expect(metricValues('PricesStored')).toEqual([
      ['tx-west', undefined, 96],
      ['meter', undefined, 0],
    ]);
    // The stand-in's day holds the interval covering now (05:00-05:15Z): the price in force, age 0.
    expect(metricValues('PriceAgeMinutes')).toEqual([['tx-west', undefined, 0]]);
    expect(metricValues('PriceFetchFailures')).toEqual([['meter', 'not-data', 1]]);
    expect(emfCombinations(emf())).toEqual(
      [
        ['PriceAgeMinutes', { service: 'power', site: 'tx-west' }],
        ['PriceFetchFailures', { service: 'power', site: 'meter', kind: 'not-data' }],
        ['PricesStored', { service: 'power', site: 'meter' }],
        ['PricesStored', { service: 'power', site: 'tx-west' }],
      ]
        .map(([name, dims]) => JSON.stringify([name, dims]))
        .sort(),
    );

    // A second round stores nothing twice.
    lines.length = 0;
    const again = await handler({}, lambdaContext());
    expect(again.sites[0]).toMatchObject({ site: 'tx-west', status: 'stored', stored: 0 });
    expect(metricValues('PricesStored')).toEqual([
      ['tx-west', undefined, 0],
      ['meter', undefined, 0],
    ]);
  });

  it('fails the invocation when the table fails: that is no site’s failure', async () => {
    const ercot = await ercotStandIn();
    const feed = await ercotStandIn();
    const down: PowerPriceStore = {
      putPrices: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
      latest: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
      startingWithin: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
    };
    const { handler } = await handlerFor(feed.base, ercot.base, down);
    await expect(handler({}, lambdaContext())).rejects.toThrow(/ProvisionedThroughputExceeded/);
    expect(metricValues('PriceAgeMinutes')).toEqual([]);
  });

  it('refuses an event that is not an object (the schedule sends {})', async () => {
    const ercot = await ercotStandIn();
    const { handler } = await handlerFor(ercot.base, ercot.base);
    await expect(handler('now please', lambdaContext())).rejects.toThrow();
  });
});

describe('decisionPriceAgeMinutes: the age the price-age alarm watches', () => {
  const base: SitePriceIngestResult = {
    site: 's',
    market: 'ERCOT',
    status: 'stored',
    window: { fromIso: '', toIso: '' },
    stored: 0,
    unchanged: 0,
    differing: [],
    gaps: [],
    stale: false,
  };
  const hour = (startIso: string): IntervalPrice => ({
    startIso,
    endIso: new Date(Date.parse(startIso) + 3_600_000).toISOString(),
    intervalMinutes: 60,
    usdPerMwh: 30,
    source: 'ercot-api-dam',
    market: 'ERCOT',
    location: 'LZ_WEST',
  });

  it('is 0 while a day-ahead hour covers now, though the latest ended hour is 50 minutes old', () => {
    const now = Date.parse('2026-12-04T10:50:00Z');
    expect(
      decisionPriceAgeMinutes({ ...base, current: hour('2026-12-04T10:00:00.000Z'), priceAgeMinutes: 50 }, now),
    ).toBe(0);
  });

  it('is the minutes since the latest ended interval otherwise, and undefined with nothing stored', () => {
    const now = Date.parse('2026-12-04T11:20:00Z');
    expect(
      decisionPriceAgeMinutes({ ...base, current: hour('2026-12-04T10:00:00.000Z'), priceAgeMinutes: 20 }, now),
    ).toBe(20);
    expect(decisionPriceAgeMinutes({ ...base, stale: true, priceAgeMinutes: 80 }, now)).toBe(80);
    expect(decisionPriceAgeMinutes({ ...base, stale: true }, now)).toBeUndefined();
  });
});

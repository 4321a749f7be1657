/**
 * The read API through its Function URL handler (the api function's entry point; the calculator's
 * for POST /) on DynamoDB Local, under their deployed roles (the compute that writes the records
 * under the compute role): real history
 * seeded in the ingest's item shapes, two snapshots computed by the real compute handler (the
 * third negative difficulty adjustment in a row, 2025-12-11, escalates a signal), then every route
 * asked with the exact payload-2.0 event Lambda builds: figures checked by independent arithmetic,
 * currencies, the CSV's header and rows, the cursor, and every refusal (400 naming the parameter,
 * 404, 405 with Allow), none with a stack trace.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { useEntryPointRoles } from '../../support/iam/entryPointRoles';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Entity, keys } from '../../../shared/store/tableKeys';
import type * as ApiEntry from '../../../functions/api/handler';

type ApiModule = typeof ApiEntry;
import { DynamoProfitabilityRepository } from '../../../shared/adapters/dynamo/profitabilityRepository';
import type { ProfitabilityRecord } from '../../../shared/store/profitabilityRecord';
import { readLatest } from '../../../shared/api/latest';
import { signalEventId } from '../../../shared/domain/signals';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { lambdaContext, pipeline, putSnapshot, snapshotAt } from '../../support/computeHarness';
import { AFTER_460, BEFORE_460, tableAround460 } from '../../support/epoch460';
import { asServed, expectServed, roundingSlack, served } from '../../support/servedFigures';

const FLEET = { name: 'Texas S19', machines: [{ model: 'S19 XP', count: 100 }], powerPriceUsdPerKwh: 0.062 };
/** The calculator function's compute config: the fleet on a site with a lease offer, and a second site without one. */
const LAKE_OFFER = { usdPerKwMonth: 130, termYears: 10, capexUsdPerMw: 9_000_000, buildMonths: 12 };
const SITES_CONFIG = {
  fleets: [FLEET, { name: 'Ridge S21', machines: [{ model: 'S21', count: 50 }], powerPriceUsdPerKwh: 0.05 }],
  sites: [
    {
      name: 'Lake',
      powerCapacityMw: 0.5,
      powerPrice: { type: 'fixed', usdPerMwh: 42 },
      fleets: ['Texas S19'],
      leaseOffer: LAKE_OFFER,
    },
    { name: 'Ridge', powerCapacityMw: 0.2, powerPrice: { type: 'fixed', usdPerKwh: 0.05 }, fleets: ['Ridge S21'] },
  ],
};
/** EUR per BTC in the snapshots: 0.92 EUR per USD. */
const EUR_PER_USD = 0.92;

const sns = mockClientUnderRole(SNSClient);
const underDeployedRoles = useEntryPointRoles();
const db = useDynamoLocal();
let table: TestTable;
let record: ProfitabilityRecord;
let apiModule: ApiModule;
/** The calculator's own URL (for what is not the read API's: POST /). */
let invokeCalculator: (
  event: unknown,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
/** A caller with both stack outputs: GET /v1/... on the read API's URL (ApiUrl), the rest on the calculator's (CalculatorUrl). */
let invoke: (event: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

function urlEvent(method: string, path: string, query = '') {
  const params = Object.fromEntries(new URLSearchParams(query));
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    ...(query ? { queryStringParameters: params } : {}),
    headers: { host: 'abc.lambda-url.us-east-1.on.aws' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc',
      domainName: 'abc.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abc',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '11/Dec/2025:04:00:00 +0000',
      timeEpoch: 1765425600000,
    },
    isBase64Encoded: false,
  };
}

const get = (path: string, query = '') => invoke(urlEvent('GET', path, query));
const json = (answer: { body: string }) => JSON.parse(answer.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  sns.on(PublishCommand).resolves({ MessageId: 'msg' });
  table = await tableAround460(db);
  const p = pipeline(table, { config: { fleets: [FLEET] } });
  for (const at of [BEFORE_460, AFTER_460]) {
    const s = snapshotAt(at);
    await putSnapshot(table, { ...s, fiatPrices: { EUR: s.btcPriceUsd * EUR_PER_USD } });
  }
  for (const event of await p.poller.nextEvents()) await p.handler(event, lambdaContext());
  record = (await new DynamoProfitabilityRepository(table.client, table.tableName, 90).get(AFTER_460))!;

  vi.stubEnv('TABLE_NAME', table.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', table.endpoint);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  // The entry points' DynamoDB clients run under the api and calculator roles of the synthesized template.
  underDeployedRoles({ tableName: table.tableName });
  vi.stubEnv('HASHWATCH_COMPUTE_CONFIG', JSON.stringify(SITES_CONFIG));
  const api = await import('../../../functions/api/handler');
  const calculator = await import('../../../functions/calculator/handler');
  apiModule = api;
  const apiContext = lambdaContext('api');
  const calculatorContext = lambdaContext('calculator');
  invokeCalculator = (event) =>
    (calculator.handler as (e: unknown, c: typeof calculatorContext) => Promise<any>)(event, calculatorContext); // eslint-disable-line @typescript-eslint/no-explicit-any
  invoke = (event) =>
    (event as { rawPath: string }).rawPath.startsWith('/v1') ? api.handler(event, apiContext) : invokeCalculator(event);
}, 120_000);

describe('GET /v1/latest', () => {
  it('serves the latest profitability: hashprice per PH/s and per TH/s, in USD, BTC and sats', async () => {
    const answer = await get('/v1/latest');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    const body = json(answer);
    expect(body.currency).toBe('USD');
    expect(body.snapshot.intervalStart).toBe(AFTER_460);
    const usdPerPh = record.hashprice.expectedUsdPerPhDay;
    const btcPerPh = record.hashprice.expectedBtcPerPhDay;
    expect(body.hashprice.expected).toEqual(
      asServed({
        perPhDay: usdPerPh,
        perThDay: usdPerPh / 1000,
        btcPerPhDay: btcPerPh,
        btcPerThDay: btcPerPh / 1000,
        satsPerThDay: (btcPerPh / 1000) * 1e8,
        usdPerPhDay: usdPerPh,
        usdPerThDay: usdPerPh / 1000,
      }),
    );
    // Q4 2025: about $37/PH/day, i.e. 3.7 cents and ~40 sats per TH/s per day.
    expect(body.hashprice.expected.perThDay).toBeGreaterThan(0.036);
    expect(body.hashprice.expected.perThDay).toBeLessThan(0.042);
    expect(body.hashprice.realized.date).toBe('2025-12-10');
    expect(body.breakEven).toHaveLength(record.machines.length);
    const s19xp = body.breakEven.find((m: { id: string }) => m.id === 'antminer-s19-xp');
    expect(s19xp.powerPriceUsdPerKwh).toBe(
      served(
        'powerPriceUsdPerKwh',
        record.machines.find((m) => m.id === 'antminer-s19-xp')!.breakEvenPowerPriceUsdPerKwh,
      ),
    );
    expect(body.fleetShareNegativePct).toBe(served('fleetShareNegativePct', record.fleetShare.shareNegativePct));
    // Its band across the power-price cases, under the backtest CSV's names.
    expect(record.fleetShare.shareNegativeLowPct).toBeDefined();
    expect(body.fleetShareNegativeLowPct).toBe(
      served('fleetShareNegativeLowPct', record.fleetShare.shareNegativeLowPct!),
    );
    expect(body.fleetShareNegativeHighPct).toBe(
      served('fleetShareNegativeHighPct', record.fleetShare.shareNegativeHighPct!),
    );
    expect(body.fleetShareNegativeHighPct).toBeGreaterThan(body.fleetShareNegativeLowPct);
    expect(body.ownerFleets.map((f: { name: string }) => f.name)).toEqual(['Texas S19']);
    expect(body.ownerFleets[0].profitPerDay).toBe(served('profitPerDay', record.ownerFleets[0]!.profitUsdPerDay));
    expect(body.publicMiners.length).toBe(record.publicMiners.length);
    expect(body.publicMiners.length).toBeGreaterThan(0);
  });

  it('converts every money figure with currency=EUR at the snapshot rate, and keeps BTC figures', async () => {
    const usd = json(await get('/v1/latest'));
    const eur = json(await get('/v1/latest', 'currency=eur'));
    expect(eur.currency).toBe('EUR');
    expect(eur.fx).toEqual({ currency: 'EUR', perUsd: expect.closeTo(EUR_PER_USD, 12), asOf: AFTER_460 });
    // Each converted figure is the full-precision USD figure times the rate, at its served precision.
    const h = record.hashprice.expectedUsdPerPhDay;
    expectServed(eur.hashprice.expected.perPhDay, 'perPhDay', h * EUR_PER_USD);
    expectServed(eur.hashprice.expected.perThDay, 'perThDay', (h / 1000) * EUR_PER_USD);
    expect(eur.hashprice.expected.usdPerPhDay).toBe(usd.hashprice.expected.usdPerPhDay);
    expect(eur.hashprice.expected.satsPerThDay).toBe(usd.hashprice.expected.satsPerThDay);
    expectServed(eur.snapshot.btcPrice, 'btcPrice', record.market.btcPriceUsd * EUR_PER_USD);
    expectServed(
      eur.breakEven[0].powerPricePerKwh,
      'powerPricePerKwh',
      record.machines[0]!.breakEvenPowerPriceUsdPerKwh * EUR_PER_USD,
    );
    expectServed(
      eur.ownerFleets[0].revenuePerDay,
      'revenuePerDay',
      record.ownerFleets[0]!.revenueUsdPerDay * EUR_PER_USD,
    );
    expectServed(eur.ownerFleets[0].costPerBtc.allIn, 'allIn', record.ownerFleets[0]!.allInUsdPerBtc! * EUR_PER_USD);
  });

  it('refuses a currency the snapshot has no price in, naming it, and an unknown currency', async () => {
    const jpy = await get('/v1/latest', 'currency=JPY');
    expect(jpy.statusCode).toBe(400);
    expect(json(jpy).error).toMatchObject({
      code: 'CURRENCY_UNAVAILABLE',
      message: expect.stringContaining('No JPY price'),
      issues: [{ field: 'currency', problem: expect.stringContaining('it holds USD, EUR') }],
    });
    const bad = await get('/v1/latest', 'currency=XBT');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.issues).toEqual([
      { field: 'currency', problem: 'must be one of USD, EUR, GBP, CAD, CHF, AUD, JPY (got "XBT")' },
    ]);
    const unknown = await get('/v1/latest', 'currrency=EUR');
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown).error.issues[0].field).toBe('currrency');
  });
});

describe('GET /v1/signals', () => {
  it('lists every state with its evidence and the recent events, newest first', async () => {
    const answer = await get('/v1/signals');
    expect(answer.statusCode).toBe(200);
    const body = json(answer);
    const streak = body.signals.find((s: { signal: string }) => s.signal === 'difficulty-negative-streak');
    expect(streak).toMatchObject({ status: 'active', severity: 'critical', subject: '' });
    expect(streak.lastEvidence.values).toBeDefined();
    const ids = body.events.map((e: { id: string }) => e.id);
    const raised = signalEventId('difficulty-negative-streak', '', 'raised', BEFORE_460);
    const escalated = signalEventId('difficulty-negative-streak', '', 'escalated', AFTER_460);
    expect(ids).toContain(raised);
    expect(ids.indexOf(escalated)).toBeLessThan(ids.indexOf(raised));
    expect(body.events.every((e: { type: string }) => e.type === 'hashwatch.signal.transition')).toBe(true);
    const limited = json(await get('/v1/signals', 'events=1'));
    expect(limited.events).toHaveLength(1);
    expect(limited.events[0].occurredAt).toBe(AFTER_460);
  });

  it('adds the USD evidence figures converted, with currency=EUR', async () => {
    const body = json(await get('/v1/signals', 'currency=EUR'));
    const fleet = body.signals.find((s: { signal: string }) => s.signal === 'fleet-break-even-breach');
    expect(fleet.converted.currency).toBe('EUR');
    const usdFields = Object.entries(fleet.lastEvidence.values as Record<string, unknown>).filter(
      ([name, value]) => name.includes('Usd') && typeof value === 'number',
    );
    expect(usdFields.length).toBeGreaterThan(0);
    // The served USD figure is itself rounded: the converted one may differ by both roundings, no more.
    for (const [name, value] of usdFields) {
      const eurName = name.replace(/Usd/g, 'Eur');
      const usdValue = value as number;
      expectServed(
        fleet.converted.values[eurName],
        eurName,
        usdValue * EUR_PER_USD,
        roundingSlack(name, usdValue) * EUR_PER_USD,
      );
    }
    const bad = await get('/v1/signals', 'events=101');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.issues[0].field).toBe('events');
  });
});

describe('GET /v1/latest on a record stored before the fleet-share band', () => {
  it('says the band is unknown (null), not zero', async () => {
    const { shareNegativeLowPct: _low, shareNegativeHighPct: _high, ...fleetShare } = record.fleetShare;
    const older = { ...record, fleetShare };
    const view = await readLatest(
      {
        latestProfitability: async () => older,
        snapshot: async () => undefined,
        latestSnapshot: async () => undefined,
      },
      'USD',
    );
    expect(view).toMatchObject({
      fleetShareNegativePct: record.fleetShare.shareNegativePct,
      fleetShareNegativeLowPct: null,
      fleetShareNegativeHighPct: null,
    });
  });
});

describe('GET /v1/history', () => {
  // 2025-12-01 (Coin Metrics): price 86,504.64, issuance 415.625 + fees 4.01880956 BTC, hashrate 987,099,825 TH/s.
  const day1UsdPerPh = ((415.625 + 4.01880956) * 86504.6368156049) / (987099824.9824893 / 1000);

  it('serves the daily series as JSON, with independent arithmetic for a day', async () => {
    const answer = await get('/v1/history', 'from=2025-12-01&to=2025-12-10');
    expect(answer.statusCode).toBe(200);
    const body = json(answer);
    expect(body.rows.map((r: { date: string }) => r.date)).toEqual(
      Array.from({ length: 10 }, (_, i) => `2025-12-${String(i + 1).padStart(2, '0')}`),
    );
    const first = body.rows[0];
    expectServed(first.hashpriceUsdPerPhDay, 'hashpriceUsdPerPhDay', day1UsdPerPh);
    expectServed(first.hashpriceUsdPerThDay, 'hashpriceUsdPerThDay', day1UsdPerPh / 1000);
    // Coin Metrics' own figure for the day, USD/TH/day: 0.03677554632182073.
    expect(first.hashpriceUsdPerThDay).toBeCloseTo(0.03677554632182073, 5);
    expectServed(
      first.hashpriceSatsPerThDay,
      'hashpriceSatsPerThDay',
      ((415.625 + 4.01880956) / 987099824.9824893) * 1e8,
    );
    expectServed(first.hashrateEhs, 'hashrateEhs', 0.9870998249824893 * 1000);
    expect(first.difficulty).toBeCloseTo(149301205959699.97, 0);
    expectServed(first.btcPriceUsd, 'btcPriceUsd', 86504.6368156049);
    expect(first.fleetShareNegativePct).toBeGreaterThan(0);
    expect(first.fleetShareNegativePct).toBeLessThan(100);
    // The band across the power-price cases (the backtest CSV's columns): around the central case.
    expect(first.fleetShareNegativeLowPct).toBeLessThanOrEqual(first.fleetShareNegativePct);
    expect(first.fleetShareNegativeHighPct).toBeGreaterThanOrEqual(first.fleetShareNegativePct);
    expect(first.fleetShareNegativeHighPct).toBeGreaterThan(first.fleetShareNegativeLowPct);
    // USD asked: no converted figures, no duplicate names.
    expect(Object.keys(first).filter((k) => /Eur|fx/.test(k))).toEqual([]);
    expect(body.next).toBeNull();
  });

  it('serves CSV: the exact header, one row per day, money in the asked currency', async () => {
    const answer = await get('/v1/history', 'from=2025-12-01&to=2025-12-03&format=csv');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = answer.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date,hashpriceUsdPerPhDay,hashrateEhs,difficulty,btcPriceUsd,fleetShareNegativePct,hashpriceUsdPerThDay,hashpriceSatsPerThDay,fleetShareNegativeLowPct,fleetShareNegativeHighPct',
    );
    expect(lines).toHaveLength(4);
    const header = lines[0]!.split(',');
    const cellOf = (line: string, column: string): string => line.split(',')[header.indexOf(column)]!;
    expect(cellOf(lines[1]!, 'date')).toBe('2025-12-01');
    expect(Number(cellOf(lines[1]!, 'hashpriceUsdPerPhDay'))).toBeCloseTo(day1UsdPerPh, 4);
    expect(Number(cellOf(lines[1]!, 'hashpriceUsdPerThDay'))).toBeCloseTo(day1UsdPerPh / 1000, 6);
    expect(cellOf(lines[1]!, 'difficulty')).toBe('149301205959700');
    expect(cellOf(lines[1]!, 'btcPriceUsd')).toBe('86504.64');
    // The same figures as the JSON row, under the same names.
    const row = json(await get('/v1/history', 'from=2025-12-01&to=2025-12-01')).rows[0];
    for (const column of ['fleetShareNegativePct', 'fleetShareNegativeLowPct', 'fleetShareNegativeHighPct'])
      expectServed(Number(cellOf(lines[1]!, column)), column, row[column], 0.0005);

    const eur = await get('/v1/history', 'from=2025-12-01&to=2025-12-03&format=csv&currency=EUR');
    const eurLines = eur.body.trimEnd().split('\r\n');
    expect(eurLines[0]).toBe(
      'date,hashpriceUsdPerPhDay,hashrateEhs,difficulty,btcPriceUsd,fleetShareNegativePct,hashpriceUsdPerThDay,hashpriceSatsPerThDay,fleetShareNegativeLowPct,fleetShareNegativeHighPct,hashpriceEurPerPhDay,hashpriceEurPerThDay,btcPriceEur,fxEurPerUsd',
    );
    // Each day at its own rate: the ECB's of 2025-12-01 (1.1646 USD per EUR), not the snapshot's.
    const eurHeader = eurLines[0]!.split(',');
    const eurCell = (column: string): string => eurLines[1]!.split(',')[eurHeader.indexOf(column)]!;
    expect(Number(eurCell('hashpriceEurPerPhDay'))).toBeCloseTo(day1UsdPerPh / 1.1646, 4);
    expect(eurCell('fxEurPerUsd')).toBe((1 / 1.1646).toPrecision(8));
  });

  it('pages with a cursor: every day once, in order, across pages', async () => {
    const dates: string[] = [];
    let query = 'from=2025-11-01&to=2025-11-30&limit=7';
    let pages = 0;
    for (;;) {
      const body = json(await get('/v1/history', query));
      pages += 1;
      dates.push(...body.rows.map((r: { date: string }) => r.date));
      if (!body.next) break;
      expect(body.next.path).toMatch(
        /^\/v1\/history\?from=2025-11-01&to=2025-11-30&format=json&currency=USD&limit=7&cursor=/,
      );
      query = body.next.path.split('?')[1];
    }
    expect(pages).toBe(5);
    expect(dates).toEqual(Array.from({ length: 30 }, (_, i) => `2025-11-${String(i + 1).padStart(2, '0')}`));
    const csv = await get('/v1/history', 'from=2025-11-01&to=2025-11-30&limit=7&format=csv');
    expect(csv.headers['x-hashwatch-next-cursor']).toMatch(/^[\w-]+$/);
    expect(csv.headers.link).toMatch(/^<\/v1\/history\?.*cursor=[\w-]+>; rel="next"$/);
  });

  it('answers 400 naming the parameter for every bad query', async () => {
    const cases: [string, string][] = [
      ['to=2025-12-10', 'from'],
      ['from=2025-12-01', 'to'],
      ['from=2025-13-01&to=2025-12-10', 'from'],
      ['from=2025-02-30&to=2025-12-10', 'from'],
      ['from=2025-12-10&to=2025-12-01', 'to'],
      ['from=2010-01-01&to=2025-12-01', 'to'],
      ['from=2025-12-01&to=2025-12-10&format=xml', 'format'],
      ['from=2025-12-01&to=2025-12-10&limit=0', 'limit'],
      ['from=2025-12-01&to=2025-12-10&limit=ten', 'limit'],
      ['from=2025-12-01&to=2025-12-10&cursor=bm9wZQ', 'cursor'],
      ['from=2025-12-01&to=2025-12-10&currency=BTC', 'currency'],
      ['from=2025-12-01&to=2025-12-10&page=2', 'page'],
    ];
    for (const [query, field] of cases) {
      const answer = await get('/v1/history', query);
      expect(answer.statusCode, query).toBe(400);
      const error = json(answer).error;
      expect(error.code, query).toBe('INVALID_REQUEST');
      expect(
        error.issues.map((i: { field: string }) => i.field),
        query,
      ).toContain(field);
      expect(answer.body).not.toMatch(/at .+\.ts:\d+/);
    }
    // A cursor of another range is refused too.
    const other = json(await get('/v1/history', 'from=2025-11-01&to=2025-11-30&limit=7'));
    const cursor = other.next.cursor as string;
    const mismatched = await get('/v1/history', `from=2025-11-01&to=2025-11-29&limit=7&cursor=${cursor}`);
    expect(json(mismatched).error.issues[0].field).toBe('cursor');
  });
});

describe('GET /v1/sites', () => {
  /** The calculator's POST / for the Lake site, on the snapshot's market figures and day: priced independently of the route. */
  async function postedLake(): Promise<ReturnType<typeof json>> {
    const s = snapshotAt(AFTER_460);
    const answer = await invoke({
      ...urlEvent('POST', '/'),
      body: JSON.stringify({
        machines: FLEET.machines,
        powerPriceUsdPerKwh: 0.042,
        poolFeePct: 2,
        uptimePct: 97,
        site: { powerCapacityMw: 0.5 },
        hpcLease: LAKE_OFFER,
        market: {
          btcPriceUsd: s.btcPriceUsd,
          difficulty: s.difficulty,
          feesBtcPerBlock: s.feesBtcPerBlock,
          tipHeight: s.tipHeight,
        },
        scenario: { horizonDays: 1, startDate: AFTER_460.slice(0, 10) },
      }),
    });
    expect(answer.statusCode).toBe(200);
    return json(answer).siteEconomics;
  }

  it("prices each configured site at the latest snapshot with the calculator's own siteEconomics", async () => {
    const answer = await get('/v1/sites');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const body = json(answer);
    expect(body.currency).toBe('USD');
    expect(body.snapshot.intervalStart).toBe(AFTER_460);
    expect(body.sites.map((s: { name: string }) => s.name)).toEqual(['Lake', 'Ridge']);
    const [lake, ridge] = body.sites;
    // The calculator's own object, as the read API serves it (rounded by its policy).
    expect(lake.siteEconomics).toEqual(asServed(await postedLake()));
    expect(lake.siteEconomics.comparison.startDate).toBe('2025-12-11');

    // Independent arithmetic: S19 XP, 21.5 J/TH (140 TH/s, 3,010 W): revenue per MWh = hashprice per
    // TH-day x (1 - 2 % pool fee) / (21.5 x 24 / 10^6 MWh).
    const hashprice = record.hashprice.expectedUsdPerPhDay;
    expectServed(lake.siteEconomics.hashpriceUsdPerPhDay, 'hashpriceUsdPerPhDay', hashprice);
    expectServed(lake.miningRevenuePerMwh, 'miningRevenuePerMwh', ((hashprice / 1000) * 0.98) / ((3010 / 140) * 24e-6));
    expect(lake.miningMarginPerMwh).toBeCloseTo(lake.miningRevenuePerMwh - 42, 9);
    expect(lake.powerPriceUsdPerMwh).toBe(42);
    // The lease: $130/kW-month on 80 % of the site's power, the tenant paying the power.
    expect(lake.leaseRevenuePerMwYear).toBe(130 * 12_000 * 0.8);
    for (const field of [
      'miningNpv',
      'leaseNpv',
      'leaseIrrPct',
      'leasePaybackYears',
      'conversionBreakEvenHashpricePerPhDay',
    ])
      expect(typeof lake[field]).toBe('number');
    expect(lake.leaseNpv).toBe(lake.siteEconomics.leaseNpvUsd);
    expect(lake.referenceDeals.rank).toBeGreaterThanOrEqual(1);
    expect(lake.referenceDeals.rank).toBeLessThanOrEqual(lake.referenceDeals.of);
    expect(lake.leaseOffer).toMatchObject({ ...LAKE_OFFER, itLoadSharePct: 80, powerPassThrough: true });

    // Without an offer: the mining side only, and nulls where the lease would be.
    expect(ridge.powerPriceUsdPerMwh).toBeCloseTo(50, 12);
    expect(ridge.siteEconomics.siteMw).toBe(0.2);
    expect(ridge.leaseOffer).toBeNull();
    for (const field of ['leaseRevenuePerMwYear', 'miningNpv', 'leaseNpv', 'leaseIrrPct', 'referenceDeals'])
      expect(ridge[field]).toBeNull();
  });

  it('converts the money figures with currency=EUR and keeps the USD siteEconomics and ratios', async () => {
    const usd = json(await get('/v1/sites'));
    const eur = json(await get('/v1/sites', 'currency=EUR'));
    expect(eur.fx).toEqual({ currency: 'EUR', perUsd: expect.closeTo(EUR_PER_USD, 12), asOf: AFTER_460 });
    const [u, e] = [usd.sites[0], eur.sites[0]];
    for (const field of [
      'miningRevenuePerMwh',
      'miningMarginPerMwYear',
      'leaseMarginPerMwYear',
      'leaseNpv',
      'conversionBreakEvenHashpricePerPhDay',
    ])
      expectServed(e[field], field, u[field] * EUR_PER_USD, roundingSlack(field, u[field]) * EUR_PER_USD);
    expect(e.powerPricePerMwh).toBeCloseTo(42 * EUR_PER_USD, 9);
    expect(e.leaseIrrPct).toBe(u.leaseIrrPct);
    expect(e.siteEconomics).toEqual(u.siteEconomics);
  });

  it('refuses what the other routes refuse, naming the parameter', async () => {
    const unknown = await get('/v1/sites', 'site=Lake');
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown).error.issues).toEqual([
      { field: 'site', problem: 'is not a parameter of this route (it takes currency)' },
    ]);
    const jpy = await get('/v1/sites', 'currency=JPY');
    expect(jpy.statusCode).toBe(400);
    expect(json(jpy).error).toMatchObject({ code: 'CURRENCY_UNAVAILABLE', issues: [{ field: 'currency' }] });
    const post = await invoke(urlEvent('POST', '/v1/sites'));
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await get('/v1/sites/')).statusCode).toBe(200);
  });
});

describe('routing', () => {
  it('answers 404 for an unknown path and 405 with Allow for a wrong method, never a stack trace', async () => {
    const missing = await get('/v1/nope');
    expect(missing.statusCode).toBe(404);
    expect(json(missing).error.code).toBe('NOT_FOUND');
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const wrong = await invoke(urlEvent(method, '/v1/latest'));
      expect(wrong.statusCode).toBe(405);
      expect(wrong.headers.allow).toBe('GET, HEAD');
      expect(json(wrong).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    const root = await get('/');
    expect(root.statusCode).toBe(405);
    expect(root.headers.allow).toBe('POST');
    expect(json(root).error.code).toBe('METHOD_NOT_ALLOWED');
    const head = await invoke(urlEvent('HEAD', '/v1/latest'));
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    // The calculator stays POST on /.
    const priced = await invoke({
      ...urlEvent('POST', '/'),
      body: JSON.stringify({ machines: [{ model: 'S19 XP', count: 1 }], powerPriceUsdPerKwh: 0.05 }),
    });
    expect(priced.statusCode).toBe(200);
    expect(json(priced).market.snapshot.intervalStart).toBe(AFTER_460);
  });
});

describe('two functions, two URLs (issue #23)', () => {
  it("the calculator's URL no longer serves the read API: GET /v1/... answers 404 naming the api's URL output", async () => {
    for (const path of ['/v1/latest', '/v1/signals', '/v1/sites']) {
      const answer = await invokeCalculator(urlEvent('GET', path));
      expect(answer.statusCode, path).toBe(404);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(json(answer).error).toMatchObject({
        code: 'NOT_FOUND',
        issues: [{ field: '', problem: `path ${path} is unknown` }],
      });
      expect(json(answer).error.message).toContain('ApiUrl');
    }
  });

  it("the read API's URL answers POST / (pricing) 404 naming the calculator's, in the same error shape", async () => {
    const answer = await apiModule.handler(
      { ...urlEvent('POST', '/'), body: JSON.stringify({ machines: [{ model: 'S19 XP', count: 1 }] }) },
      lambdaContext('api'),
    );
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(json(answer).error).toMatchObject({
      code: 'NOT_FOUND',
      issues: [{ field: '', problem: 'path / is unknown' }],
    });
    expect(json(answer).error.message).toContain("calculator's URL");
  });
});

describe('unreadable items (issue #22)', () => {
  it('answers events=0 with the states and no event', async () => {
    const answer = await get('/v1/signals', 'events=0');
    expect(answer.statusCode).toBe(200);
    const body = json(answer);
    expect(body.events).toEqual([]);
    expect(body.signals.length).toBeGreaterThan(0);
  });

  it('skips and logs a state of a signal this build does not know and an unreadable event, as the compute does', async () => {
    const before = json(await get('/v1/signals', 'events=3'));
    const newest = new Date(Date.parse(AFTER_460) + 3_600_000).toISOString();
    for (const item of [
      // A rollback: a state written by a newer release, of a signal this build does not know.
      {
        ...keys.signalState('signal-from-a-newer-release', ''),
        entity: Entity.SignalState,
        signal: 'signal-from-a-newer-release',
        subject: '',
        status: 'active',
        version: 1,
      },
      // The newest two log entries: a document of a newer schema and one that is not JSON.
      { ...keys.eventLogEntry(newest, 'newer-schema'), entity: Entity.EventLogEntry, document: '{"schemaVersion":99}' },
      { ...keys.eventLogEntry(newest, 'not-json'), entity: Entity.EventLogEntry, document: '{"trunc' },
    ])
      await table.client.send(new PutItemCommand({ TableName: table.tableName, Item: marshall(item) }));
    const failures = vi.spyOn(apiModule.metrics, 'addMetric');
    const errors = vi.spyOn(apiModule.logger, 'error');
    try {
      const answer = await get('/v1/signals', 'events=3');
      expect(answer.statusCode).toBe(200);
      const body = json(answer);
      expect(body.signals.map((s: { signal: string }) => s.signal)).not.toContain('signal-from-a-newer-release');
      expect(body.signals).toEqual(before.signals);
      // The two unreadable entries are among the newest three: the one readable event is served.
      expect(body.events).toEqual(before.events.slice(0, 1));
      expect(failures.mock.calls.filter(([name]) => name === 'CalculatorFailed')).toEqual([
        ['CalculatorFailed', 'Count', 0],
      ]);
      // States and events are read concurrently: their lines come in either order.
      const logged = errors.mock.calls.map(([message, detail]) => ({ message, ...(detail as object) }));
      expect(logged).toHaveLength(3);
      expect(logged).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            message: 'unreadable item in the table',
            kind: 'signal-state',
            key: 'SIGNAL/STATE#signal-from-a-newer-release#',
            action: 'skipped (not served)',
          }),
          expect.objectContaining({
            message: 'unreadable item in the table',
            kind: 'signal-event',
            key: `EVENTLOG/EVENT#${newest}#not-json`,
            error: expect.stringContaining('not JSON'),
          }),
          expect.objectContaining({
            message: 'unreadable item in the table',
            kind: 'signal-event',
            key: `EVENTLOG/EVENT#${newest}#newer-schema`,
            error: expect.stringContaining('event schema'),
          }),
        ]),
      );
    } finally {
      failures.mockRestore();
      errors.mockRestore();
    }
  });
});

describe('hardened answers (issue #22)', () => {
  it('bounds and escapes what an error echoes of the request, whatever its size', async () => {
    const huge = 'A'.repeat(100_000);
    for (const [path, query, field] of [
      ['/v1/latest', `currency=${huge}`, 'currency'],
      ['/v1/signals', `events=${huge}`, 'events'],
      ['/v1/history', `from=${huge}&to=2025-12-10`, 'from'],
      ['/v1/latest', `${huge}=1`, huge],
    ] as const) {
      const answer = await get(path, query);
      expect(answer.statusCode).toBe(400);
      expect(answer.body.length).toBeLessThan(2_000);
      const issue = json(answer).error.issues[0];
      expect(issue.field.length).toBeLessThan(200);
      expect(field.startsWith(issue.field.replace(/….*$/, ''))).toBe(true);
      expect(JSON.stringify(issue)).toMatch(/100000 characters/);
    }
    const path = await get(`/v1/${huge}`);
    expect(path.statusCode).toBe(404);
    expect(path.body.length).toBeLessThan(2_000);
    const markup = await get('/v1/latest', `currency=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(markup.statusCode).toBe(400);
    expect(markup.body).not.toMatch(/<script>/);
    expect(json(markup).error.issues[0].problem).toContain('\\u003cscript\\u003e');
  });

  it('refuses __proto__, constructor and prototype with a 400 naming the parameter', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      for (const path of ['/v1/latest', '/v1/signals', '/v1/history']) {
        const answer = await get(path, `${name}=x${path === '/v1/history' ? '&from=2025-12-01&to=2025-12-02' : ''}`);
        expect(answer.statusCode, `${path} ${name}`).toBe(400);
        expect(json(answer).error.code).toBe('INVALID_REQUEST');
        expect(json(answer).error.issues.map((i: { field: string }) => i.field)).toContain(name);
      }
    }
  });

  it('says X-Content-Type-Options: nosniff on every answer', async () => {
    const answers = [
      await get('/v1/latest'),
      await get('/v1/signals'),
      await get('/v1/history', 'from=2025-12-01&to=2025-12-02&format=csv'),
      await get('/v1/latest', 'currency=XBT'),
      await get('/v1/nope'),
      await invoke(urlEvent('DELETE', '/v1/latest')),
      await invoke(urlEvent('HEAD', '/v1/latest')),
      await get('/'),
      await invoke({ ...urlEvent('POST', '/'), body: '{"machines":[]}' }),
      await invoke({
        ...urlEvent('POST', '/'),
        body: JSON.stringify({ machines: [{ model: 'S19 XP', count: 1 }], powerPriceUsdPerKwh: 0.05 }),
      }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 400, 404, 405, 200, 405, 400, 200]);
    for (const answer of answers) expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

/**
 * GET /v1/sites/{id}/curtailment over real HTTP (the local API server and the calculator's own
 * handler and router), on DynamoDB Local under the calculator role: the reconstructed Winter Storm
 * Uri prices stored by the price repository, the backtest's timeline stored as the compute stores
 * it (modeChangeItem), the real daily rollups of February 2021. The savings equal the backtest's
 * (one count), a full day at the cap is checked by hand, a gap is said, and every refusal names
 * its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createApiHandler } from '../../../functions/api/apiHandler';
import { startApiServer, type ApiServer } from '../../../local/run/apiServer';
import {
  DynamoDailyHistoryReader,
  DynamoLatestStateReader,
  DynamoSignalReader,
} from '../../../shared/adapters/dynamo/apiReaders';
import { DynamoCurtailmentTimelineRepository } from '../../../shared/adapters/dynamo/curtailmentTimelineRepository';
import { modeChangeItem } from '../../../shared/store/modeChange';
import { documentClient } from '../../../shared/adapters/dynamo/documentClient';
import { DynamoPowerPriceRepository } from '../../../shared/adapters/dynamo/powerPriceRepository';
import { keys } from '../../../shared/store/tableKeys';
import { createApiRouter } from '../../../shared/api/router';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { resolveCurtailmentSites } from '../../../shared/compute/curtailmentSites';
import { ownerSiteRequests } from '../../../shared/compute/ownerSites';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { bundledMachineCatalog } from '../../../shared/data/bundledData';
import { loadPowerEvents, powerEventPrices } from '../../../shared/data/powerEvents';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../../shared/observability/metrics';
import {
  DEFAULT_BACKTEST_FLEET,
  runCurtailmentBacktest,
  type BacktestRun,
} from '../../../local/power/curtailmentBacktest';
import { seedDaily } from '../../support/computeHarness';
import { REPO_ROOT } from '../../support/importGraph';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { deployedRole } from '../../support/iam/iamRole';
import { roleDynamoClient } from '../../support/iam/roleClients';
import { lambdaContext } from '../../support/lambdaContext';
import { expectServed } from '../../support/servedFigures';

const SITE = 'Uri site';
const CONFIG = parseComputeConfig({
  fleets: [
    { name: 'Texas', machines: DEFAULT_BACKTEST_FLEET, powerPriceUsdPerKwh: 0.04, poolFeePct: 2 },
    { name: 'Lake fleet', machines: [{ model: 'S21', count: 10 }], powerPriceUsdPerKwh: 0.04 },
  ],
  sites: [
    {
      name: SITE,
      powerCapacityMw: 10,
      powerPrice: { type: 'ercot', settlementPoint: 'LZ_WEST', expectedUsdPerMwh: 40 },
      fleets: ['Texas'],
    },
    { name: 'Lake', powerCapacityMw: 1, powerPrice: { type: 'fixed', usdPerMwh: 42 }, fleets: ['Lake fleet'] },
  ],
});
const NOW_MS = Date.parse('2021-02-22T12:00:00.000Z');
const uri = loadPowerEvents().events.find((e) => e.id === 'uri-2021')!;
const prices = powerEventPrices(uri);

const db = useDynamoLocal();
let table: TestTable;
let server: ApiServer;
let backtest: BacktestRun;

beforeAll(async () => {
  table = await db.newTable();
  await seedDaily(table, '2021-02-23', 20);
  await new DynamoPowerPriceRepository(table.client, table.tableName).putPrices(SITE, prices, 2_000_000_000);
  const [site] = resolveCurtailmentSites(CONFIG, bundledMachineCatalog);
  backtest = runCurtailmentBacktest({ site: SITE, prices, classes: site!.classes, timing: 'next-interval' });
  const doc = documentClient(table.client);
  for (const t of backtest.dynamic.transitions)
    await doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: modeChangeItem({
          site: SITE,
          machineClass: t.machineClass,
          mode: t.mode,
          effectiveIso: t.effectiveIso,
          decidedAtIso: t.effectiveIso,
          priceUsdPerMwh: t.priceUsdPerMwh,
          priceIntervalStartIso: new Date(Date.parse(t.effectiveIso) - 15 * 60_000).toISOString(),
          strikeUsdPerMwh: t.strikeUsdPerMwh,
          hashpriceUsdPerPhDay: 100,
          eventId: `evt-${t.machineClass}-${t.effectiveIso}`,
        }),
      }),
    );

  // The read API's code under its deployed role, as handler.ts wires it.
  const apiClient = roleDynamoClient(table.endpoint, deployedRole('api', { tableName: table.tableName }));
  const handler = createApiHandler({
    api: createApiRouter({
      latest: new DynamoLatestStateReader(apiClient, table.tableName),
      signals: new DynamoSignalReader(apiClient, table.tableName),
      history: new DynamoDailyHistoryReader(apiClient, table.tableName),
      globalFleetPoolFeeFraction: 0.02,
      sites: { sites: ownerSiteRequests(CONFIG), lookupModel: catalogModelLookup() },
      curtailment: {
        sites: resolveCurtailmentSites(CONFIG, bundledMachineCatalog),
        timeline: new DynamoCurtailmentTimelineRepository(apiClient, table.tableName),
        prices: new DynamoPowerPriceRepository(apiClient, table.tableName),
      },
      nowMs: () => NOW_MS,
    }),
    logger: new Logger({ serviceName: SERVICE_NAMES.api, logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator }),
  });
  const context = lambdaContext('hashwatch-api-local');
  server = await startApiServer({
    port: 0,
    handler: (event) => handler(event, context),
  });
}, 120_000);
afterAll(async () => server?.close());

const get = async (path: string) => {
  const response = await fetch(`${server.baseUrl}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (body: string) => JSON.parse(body) as Record<string, any>;
const PATH = `/v1/sites/${encodeURIComponent(SITE)}/curtailment`;

describe('GET /v1/sites/{id}/curtailment', () => {
  it('counts the stored timeline as the backtest does, day by day, with the classes and their mode now', async () => {
    const answer = await get(`${PATH}?from=2021-02-13&to=2021-02-21`);
    expect(answer.status).toBe(200);
    const view = json(answer.body);
    const total = backtest.dynamic.total;
    expectServed(view.total.netUsd, 'netUsd', total.netUsd);
    expectServed(view.total.energyNotBoughtUsd, 'energyNotBoughtUsd', total.energyNotBoughtUsd);
    expectServed(view.total.revenueNotMinedUsd, 'revenueNotMinedUsd', total.revenueNotMinedUsd);
    expectServed(view.total.curtailedClassHours, 'curtailedClassHours', total.curtailedClassHours);
    // USD asked: its figures once, under their `Usd` names (no unnamed duplicate in the currency).
    expect(Object.keys(view.total).filter((k) => /^(net|energyNotBought|revenueNotMined)(?!Usd|Mwh)/.test(k))).toEqual(
      [],
    );
    expect(view.daily.map((d: { date: string }) => d.date)).toEqual([
      '2021-02-13',
      '2021-02-14',
      '2021-02-15',
      '2021-02-16',
      '2021-02-17',
      '2021-02-18',
      '2021-02-19',
      '2021-02-20',
      '2021-02-21',
    ]);
    expect(view.monthly.map((m: { month: string }) => m.month)).toEqual(['2021-02']);
    expect(view.countedFrom).toBe('2021-02-13T00:00:00.000Z');
    expect(view.countedUntil).toBe('2021-02-22T00:00:00.000Z');
    // A full UTC day at the $9,000 cap, both classes curtailed throughout: MW x 24 h x $9,000.
    const feb16 = view.daily[3];
    const siteMw = view.classes.reduce(
      (mw: number, c: { efficiencyJPerTh: number; hashrateThs: number }) =>
        mw + (c.efficiencyJPerTh * c.hashrateThs) / 1e6,
      0,
    );
    expect(feb16.curtailedClassHours).toBeCloseTo(48, 9);
    expectServed(feb16.energyNotBoughtUsd, 'energyNotBoughtUsd', siteMw * 24 * 9000);
    expect(feb16.hashpriceOfDay).toBe('2021-02-15');
    // The classes now: the last stored change of each.
    const last = (name: string) => backtest.dynamic.transitions.filter((t) => t.machineClass === name).at(-1)!;
    for (const c of view.classes) {
      expect(c.mode).toBe(last(c.name).mode);
      expect(c.since).toBe(last(c.name).effectiveIso);
    }
    // The series starts 2021-02-13 06:00Z and ends before the window: both are said as gaps.
    expect(view.priceGaps[0]).toEqual({
      fromIso: '2021-02-13T00:00:00.000Z',
      toIso: prices[0]!.startIso,
      hours: 6,
    });
    expect(view.priceGaps.at(-1).toIso).toBe('2021-02-22T00:00:00.000Z');
    expect(view.hashpriceBasis).toMatch(/daily rollups/);
  });

  it('says an hour without prices while curtailed as uncounted, not as zero', async () => {
    const doc = documentClient(table.client);
    const gapStart = Date.parse('2021-02-17T12:00:00.000Z');
    const removed: Record<string, unknown>[] = [];
    for (let q = 0; q < 4; q += 1) {
      const key = keys.powerPrice(SITE, new Date(gapStart + q * 15 * 60_000).toISOString());
      const out = await doc.send(new DeleteCommand({ TableName: table.tableName, Key: key, ReturnValues: 'ALL_OLD' }));
      removed.push(out.Attributes!);
    }
    try {
      const view = json((await get(`${PATH}?from=2021-02-17&to=2021-02-17`)).body);
      expect(view.daily[0].uncounted).toEqual({
        missingPriceHours: 1,
        uncountedCurtailedClassHours: 2,
        uncountedIntervals: 0,
      });
      expect(view.daily[0].curtailedClassHours).toBeCloseTo(46, 9);
      expect(view.priceGaps).toEqual([
        { fromIso: '2021-02-17T12:00:00.000Z', toIso: '2021-02-17T13:00:00.000Z', hours: 1 },
      ]);
    } finally {
      for (const item of removed) await doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
    }
  });

  it('serves CSV: the header, one row per day, the JSON figures', async () => {
    const csv = await get(`${PATH}?from=2021-02-15&to=2021-02-16&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date,curtailedClassHours,energyNotBoughtMwh,energyNotBoughtUsd,revenueNotMinedUsd,netUsd,missingPriceHours,uncountedCurtailedClassHours,uncountedIntervals,hashpriceUsdPerPhDay,hashpriceOfDay',
    );
    const view = json((await get(`${PATH}?from=2021-02-15&to=2021-02-16`)).body);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['2021-02-15', '2021-02-16']);
    expect(lines[2]!.split(',')[5]).toBe(view.daily[1].netUsd.toFixed(2));
    // docs/api.md shows this very answer.
    const docs = readFileSync(join(REPO_ROOT, 'docs/api.md'), 'utf8');
    const block = /<!-- site-curtailment-csv: [^>]+ -->\n```csv\n([\s\S]*?)```/.exec(docs);
    expect(block?.[1], 'the CSV example in docs/api.md').toBe(csv.body.replaceAll('\r\n', '\n'));
  });

  it('answers 404 in the one error shape for an unknown site and for a site on a fixed price', async () => {
    for (const [site, text] of [
      ['Nowhere', /No site Nowhere\. Sites on a market, feed or tariff: Uri site/],
      ['Lake', /fixed power price/],
    ] as const) {
      const answer = await get(`/v1/sites/${site}/curtailment`);
      expect(answer.status).toBe(404);
      const body = json(answer.body);
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toMatch(text);
      expect(body.error.issues).toEqual([expect.objectContaining({ field: 'id' })]);
    }
  });

  it('answers 400 naming the parameter for every bad query', async () => {
    const cases: [string, string][] = [
      ['from=2021-13-01', 'from'],
      ['to=21-02-01', 'to'],
      ['from=2021-02-10&to=2021-02-01', 'to'],
      ['from=2020-01-01&to=2021-02-21', 'to'],
      ['format=xml', 'format'],
      ['currency=XYZ', 'currency'],
      ['cursor=abc', 'cursor'],
    ];
    for (const [query, field] of cases) {
      const answer = await get(`${PATH}?${query}`);
      expect(answer.status, query).toBe(400);
      expect(
        json(answer.body).error.issues.map((i: { field: string }) => i.field),
        query,
      ).toEqual([field]);
    }
    // No snapshot to take a EUR rate from: refused, naming the currency.
    const eur = await get(`${PATH}?currency=EUR`);
    expect(eur.status).toBe(400);
    expect(json(eur.body).error).toMatchObject({ code: 'CURRENCY_UNAVAILABLE', issues: [{ field: 'currency' }] });
  });
});

/**
 * A round of the sites' power price ingest against DynamoDB Local and loopback stand-ins of the
 * sources (an owner's feed in its documented JSON shape, ERCOT's login and real-time report): what
 * is stored, from where the next round starts, a revised price kept out and reported, a bad batch
 * refused whole with the site and field named while another site goes on, and a site left without
 * a fresh price said to be stale.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoPowerPriceRepository } from '../../../shared/adapters/dynamo/powerPriceRepository';
import { ErcotApiSource } from '../../../shared/adapters/power/ercotApiSource';
import { FeedSource } from '../../../shared/adapters/power/feedSource';
import type { PowerHttp } from '../../../shared/adapters/power/powerRequest';
import { ingestSitePowerPrices, POWER_INGEST_DEFAULTS } from '../../../shared/power/ingestSitePowerPrices';
import { localDynamoClient } from '../../../local/devtools/localClient';
import { useDynamoLocal } from '../../support/dynamoTable';
import { startLateAnswerProxy } from '../../support/lateAnswerProxy';
import { closeStandIns, ercotStandIn, json, POWER_TEST_HTTP_OPTIONS, serve } from '../../support/powerStandIns';

const db = useDynamoLocal();
const http: PowerHttp = { options: POWER_TEST_HTTP_OPTIONS, deps: { sleep: async () => undefined } };
afterEach(closeStandIns);

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** A quarter-hour boundary, as the markets' intervals start on. */
const T0 = Date.parse('2026-12-04T18:00:00.000Z');

/**
 * An owner's feed answering `price(startMs)` for every 15-minute interval of the asked window that
 * has started by `publishedUntilMs()` (a real-time feed publishes an interval once it began).
 */
async function feedStandIn(price: (startMs: number) => number, publishedUntilMs: () => number, unit = 'USD/MWh') {
  return serve((req, res) => {
    const from = Date.parse(req.url.searchParams.get('from')!);
    const to = Math.min(Date.parse(req.url.searchParams.get('to')!), publishedUntilMs());
    const intervals = [];
    for (let start = Math.ceil(from / (15 * MIN)) * 15 * MIN; start < to; start += 15 * MIN)
      intervals.push({ start: iso(start), end: iso(start + 15 * MIN), price: price(start) });
    json(res, 200, { location: 'owner-meter', unit, intervals });
  });
}

const feedSource = (site: string, base: string) =>
  new FeedSource({ site, url: `${base}/prices`, location: 'owner-meter', http });

describe('power price ingest: one round per site', () => {
  it('stores the first day, then each round starts where the stored prices end', async () => {
    const table = await db.newTable();
    const store = new DynamoPowerPriceRepository(table.client, table.tableName);
    let nowMs = T0 + 7 * MIN; // 18:07: the 18:00 interval has begun
    const feed = await feedStandIn(
      (start) => 40 + ((start / (15 * MIN)) % 4),
      () => nowMs,
    );
    const site = { source: feedSource('home', feed.base), maxPriceAgeMinutes: 30 };

    const [first] = await ingestSitePowerPrices([site], { store, nowMs: () => nowMs });
    // Intervals starting from 24 h back (18:15 the day before) to 18:00, the one that began: 96.
    expect(first).toMatchObject({ site: 'home', market: 'feed', status: 'stored', stored: 96, unchanged: 0 });
    expect(first!.window.fromIso).toBe(iso(T0 + 7 * MIN - POWER_INGEST_DEFAULTS.firstLookbackHours * 60 * MIN));
    expect(first!.current?.startIso).toBe(iso(T0));
    expect(first!.stale).toBe(false);
    expect(first!.gaps).toEqual([]);

    nowMs = T0 + 37 * MIN; // 18:37: two more intervals began
    const [second] = await ingestSitePowerPrices([site], { store, nowMs: () => nowMs });
    expect(second!.window.fromIso).toBe(iso(T0 + 15 * MIN));
    expect(second).toMatchObject({ status: 'stored', stored: 2, unchanged: 0, stale: false });
    expect(second!.current?.startIso).toBe(iso(T0 + 30 * MIN));
    const stored = await store.startingWithin('home', { fromIso: iso(T0), toIso: iso(T0 + 45 * MIN) });
    expect(stored.map((p) => [p.startIso, p.usdPerMwh, p.source, p.location])).toEqual([
      [iso(T0), 40 + ((T0 / (15 * MIN)) % 4), 'feed-json', 'owner-meter'],
      [iso(T0 + 15 * MIN), 40 + (((T0 + 15 * MIN) / (15 * MIN)) % 4), 'feed-json', 'owner-meter'],
      [iso(T0 + 30 * MIN), 40 + (((T0 + 30 * MIN) / (15 * MIN)) % 4), 'feed-json', 'owner-meter'],
    ]);
    // What the feed was asked: from the end of the latest stored interval, 36 h ahead.
    expect(feed.seen.at(-1)!.url.searchParams.get('from')).toBe(iso(T0 + 15 * MIN));
    expect(feed.seen.at(-1)!.url.searchParams.get('to')).toBe(iso(nowMs + 36 * 60 * MIN));
  });

  it('stores an interval once: the same price again is unchanged (a retried write too), another price is kept out and reported', async () => {
    const table = await db.newTable();
    const price = (usdPerMwh: number) => ({
      startIso: iso(T0),
      endIso: iso(T0 + 15 * MIN),
      intervalMinutes: 15 as const,
      usdPerMwh,
      source: 'feed-json' as const,
      market: 'feed' as const,
      location: 'owner-meter',
    });
    // The first put is applied but its answer withheld past the client's timeout: the SDK retries it.
    const proxy = await startLateAnswerProxy(table.endpoint, {
      withhold: (target) => target === 'DynamoDB_20120810.PutItem',
      count: 1,
    });
    try {
      const late = new DynamoPowerPriceRepository(
        localDynamoClient(proxy.endpoint, { requestTimeoutMs: 500 }),
        table.tableName,
      );
      expect(await late.putPrices('home', [price(55)], 2_000_000_000)).toEqual({
        stored: 0,
        unchanged: 1,
        differing: [],
      });
      expect(proxy.withheld).toBe(1);
    } finally {
      await proxy.close();
    }
    const store = new DynamoPowerPriceRepository(table.client, table.tableName);
    expect(await store.putPrices('home', [price(55)], 2_000_000_000)).toEqual({
      stored: 0,
      unchanged: 1,
      differing: [],
    });
    expect(await store.putPrices('home', [price(61.5)], 2_000_000_000)).toEqual({
      stored: 0,
      unchanged: 0,
      differing: [{ startIso: iso(T0), storedUsdPerMwh: 55, fetchedUsdPerMwh: 61.5 }],
    });
    expect(await store.latest('home')).toEqual(price(55));
    // Another site's interval at the same time is its own.
    expect(await store.putPrices('other', [price(61.5)], 2_000_000_000)).toMatchObject({ stored: 1 });
  });

  it('refuses a batch in the wrong unit whole, naming the site and the field, and goes on with the next site', async () => {
    const table = await db.newTable();
    const store = new DynamoPowerPriceRepository(table.client, table.tableName);
    const nowMs = T0 + 7 * MIN;
    // 4.2 c/kWh sent as if it were USD/kWh: $4,200/MWh passes, then one interval at 12 USD/kWh is $12,000.
    const slipped = await feedStandIn(
      (start) => (start === T0 - 60 * MIN ? 12 : 4.2),
      () => nowMs,
      'USD/kWh',
    );
    const good = await feedStandIn(
      () => 38,
      () => nowMs,
    );
    const results = await ingestSitePowerPrices(
      [
        { source: feedSource('slipped', slipped.base), maxPriceAgeMinutes: 30 },
        { source: feedSource('good', good.base), maxPriceAgeMinutes: 30 },
      ],
      { store, nowMs: () => nowMs },
    );
    expect(results.map((r) => [r.site, r.status, r.stored, r.stale])).toEqual([
      ['slipped', 'failed', 0, true],
      ['good', 'stored', 96, false],
    ]);
    expect(results[0]!.error).toMatchObject({ kind: 'range', field: expect.stringMatching(/^prices\[\d+\]\.price$/) });
    expect(results[0]!.error!.message).toMatch(
      /^site "slipped": prices\[\d+\]\.price: \$12,000\/MWh .* above the market's cap/,
    );
    expect(await store.latest('slipped')).toBeUndefined();
  });

  it('says a site is stale when its latest price ended longer ago than its curtailment terms allow', async () => {
    const table = await db.newTable();
    const store = new DynamoPowerPriceRepository(table.client, table.tableName);
    const publishedUntil = T0 - 60 * MIN; // the feed stopped publishing at 17:00
    const feed = await feedStandIn(
      () => 35,
      () => publishedUntil,
    );
    const site = { source: feedSource('frozen', feed.base), maxPriceAgeMinutes: 30 };
    const [result] = await ingestSitePowerPrices([site], { store, nowMs: () => T0 + 7 * MIN });
    expect(result).toMatchObject({ status: 'stored', stale: true, priceAgeMinutes: 67 });
    expect(result!.current).toBeUndefined();
    // Within the allowed age, the latest ended interval decides.
    const [lenient] = await ingestSitePowerPrices([{ ...site, maxPriceAgeMinutes: 90 }], {
      store,
      nowMs: () => T0 + 7 * MIN,
    });
    expect(lenient).toMatchObject({ stale: false, current: { startIso: iso(T0 - 75 * MIN) } });
  });

  it('after an outage longer than a window asks only the last 72 h, and counts the gap', async () => {
    const table = await db.newTable();
    const store = new DynamoPowerPriceRepository(table.client, table.tableName);
    let nowMs = T0 + 7 * MIN;
    const feed = await feedStandIn(
      () => 30,
      () => nowMs,
    );
    const site = { source: feedSource('home', feed.base), maxPriceAgeMinutes: 30 };
    await ingestSitePowerPrices([site], { store, nowMs: () => nowMs });
    nowMs += 5 * 24 * 60 * MIN; // five days down
    const [after] = await ingestSitePowerPrices([site], { store, nowMs: () => nowMs });
    expect(after!.window.fromIso).toBe(iso(nowMs - 72 * 60 * MIN));
    expect(after!.gaps[0]).toEqual({
      startIso: iso(T0 + 15 * MIN),
      endIso: iso(Math.ceil((nowMs - 72 * 60 * MIN) / (15 * MIN)) * 15 * MIN),
    });
    expect(after!.stale).toBe(false);
  });

  it("reads ERCOT's real-time report through its login and stores the load zone's quarter hours", async () => {
    const table = await db.newTable();
    const store = new DynamoPowerPriceRepository(table.client, table.tableName);
    const { base } = await ercotStandIn();
    const source = new ErcotApiSource({
      site: 'tx-1',
      kind: 'rt',
      settlementPoint: 'LZ_WEST',
      credentials: async () => ({ username: 'owner@example.com', password: 'pw', subscriptionKey: 'key' }),
      http,
      baseUrl: base,
      tokenUrl: `${base}/token`,
    });
    // 2026-12-05 05:05Z is 23:05 Central on 2026-12-04, the stand-in's delivery day.
    const nowMs = Date.parse('2026-12-05T05:05:00.000Z');
    const [result] = await ingestSitePowerPrices([{ source, maxPriceAgeMinutes: 30 }], { store, nowMs: () => nowMs });
    expect(result).toMatchObject({ site: 'tx-1', market: 'ERCOT', status: 'stored', stale: false });
    // Hour ending 24 (23:00-24:00 Central) interval 1 is the one covering now: 24 x 10 + 1.
    expect(result!.current).toMatchObject({
      startIso: '2026-12-05T05:00:00.000Z',
      usdPerMwh: 241,
      source: 'ercot-api-rt',
    });
    expect(result!.stored).toBeGreaterThan(0);
  });
});

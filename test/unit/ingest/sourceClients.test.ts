/**
 * Each provider client against its real recorded responses (replayed on 127.0.0.1), checking the
 * unit traps from the research notes: ms versus s, H/s versus GH/s, satoshi strings, -1 prices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockchainInfoClient } from '../../../shared/adapters/sources/blockchainInfo';
import { CoinbaseClient } from '../../../shared/adapters/sources/coinbase';
import { CoinGeckoClient } from '../../../shared/adapters/sources/coingecko';
import { SourceError } from '../../../shared/adapters/sources/http';
import { KrakenClient } from '../../../shared/adapters/sources/kraken';
import { MempoolClient } from '../../../shared/adapters/sources/mempool';
import { startReplayServer, type ReplayServer } from '../../../local/devtools/replayServer';
import type { SourceCall, SourceContext } from '../../../shared/adapters/sources/sourceClient';
import { readFixture } from '../../support/fakeUpstream';

const http = {
  timeoutMs: 1_000,
  maxAttempts: 1,
  backoffBaseMs: 1,
  backoffMaxMs: 1,
  maxRetryAfterMs: 1_000,
  requestBudgetMs: 20_000,
  maxResponseBytes: 16 * 1024 * 1024,
  userAgent: 'test',
};
const ctxAt = (iso: string, calls: SourceCall[] = []): SourceContext => ({
  http,
  now: () => new Date(iso),
  maxDataAgeMs: 60 * 60_000,
  observe: (c) => calls.push(c),
});

describe('source clients on recorded responses', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer({
      '/m/api/blocks/tip/height': { body: readFixture('mempool/blocks-tip-height.txt'), contentType: 'text/plain' },
      '/m/api/v1/difficulty-adjustment': { body: readFixture('mempool/difficulty-adjustment.json') },
      '/live/api/v1/difficulty-adjustment': {
        body: readFixture('mempool/difficulty-adjustment.live-capture-2026-10-05.json'),
      },
      '/docs/api/v1/difficulty-adjustment': { body: readFixture('mempool/difficulty-adjustment.docs.json') },
      '/m/api/v1/mining/reward-stats/100': { body: readFixture('mempool/reward-stats-100.json') },
      '/m/api/v1/prices': { body: readFixture('mempool/prices.json') },
      '/m/api/v1/mining/hashrate/3m': { body: readFixture('mempool/hashrate-3m.derived-2026-02-01.json') },
      '/m/api/v1/mining/blocks/fees/3d': { body: readFixture('mempool/blocks-fees-3d.derived-2026-02-01.json') },
      '/docs/api/v1/mining/blocks/fees/1w': { body: readFixture('mempool/mining-blocks-fees-1w.docs.json') },
      '/live/api/v1/mining/blocks/fees/3d': {
        body: '[{"avgHeight":934541,"timestamp":1769903851,"avgFees":908027,"USD":78702}]',
      },
      '/ms/api/v1/mining/blocks/fees/3d': { body: '[{"avgHeight":934541,"timestamp":1769903851000,"avgFees":908027}]' },
      '/m/api/v1/historical-price?currency=USD': { body: readFixture('mempool/historical-price-EUR-1500000000.json') },
      '/cb/v2/prices/BTC-USD/spot': { body: readFixture('coinbase/spot-BTC-USD.json') },
      '/kr/0/public/Ticker?pair=XBTUSD': { body: readFixture('kraken/ticker-XBTUSD.docs.json') },
      '/cg/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true': {
        body: readFixture('coingecko/simple-price-bitcoin-usd-all-flags.docs.json'),
      },
      '/cgmin/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true': {
        body: readFixture('coingecko/simple-price-bitcoin-usd.minimal.json'),
      },
      '/bi/stats': { body: readFixture('blockchain-info/stats.json') },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('mempool tip height is a text/plain integer', async () => {
    expect(await new MempoolClient(`${server.baseUrl}/m`, ctxAt('2021-08-01T00:00:00Z')).tipHeight()).toBe(698767);
  });

  it('mempool difficulty-adjustment: estimatedRetargetDate in ms, previousTime in s (backend test vector of 2024-02-11)', async () => {
    const reading = await new MempoolClient(
      `${server.baseUrl}/m`,
      ctxAt('2024-02-11T22:43:00Z'),
    ).difficultyAdjustment();
    expect(reading).toEqual({
      progressPct: 71.97420634920636,
      estimatedChangePct: 8.512745140778843,
      estimatedRetargetAt: '2024-02-15T13:33:21.715Z', // 1708004001715 ms
      remainingBlocks: 565,
      previousChangePct: 7.333505241141637,
      epochStartedAt: '2024-02-02T15:42:06.000Z', // 1706888526 s
      nextRetargetHeight: 830592,
    });
  });

  it('mempool difficulty-adjustment: the live capture of 2026-10-05 parses', async () => {
    const reading = await new MempoolClient(
      `${server.baseUrl}/live`,
      ctxAt('2026-10-05T09:41:44Z'),
    ).difficultyAdjustment();
    expect(reading.nextRetargetHeight).toBe(971712);
    expect(reading.estimatedChangePct).toBe(-1.909509687533617);
  });

  it('mempool difficulty-adjustment: the outdated docs shape (seconds, no previousTime) is refused as a schema error', async () => {
    const calls: SourceCall[] = [];
    const error = await new MempoolClient(`${server.baseUrl}/docs`, ctxAt('2021-07-31T00:00:00Z', calls))
      .difficultyAdjustment()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('schema');
    expect((error as SourceError).message).toMatch(/estimatedRetargetDate: expected unix milliseconds/);
    expect(calls).toMatchObject([{ source: 'mempool', endpoint: 'difficulty-adjustment', ok: false }]);
  });

  it('mempool reward-stats: satoshi strings, mean per block in BTC', async () => {
    const fees = await new MempoolClient(`${server.baseUrl}/m`, ctxAt('2022-05-15T00:00:00Z')).rewardStats(100);
    // 1,311,748,254 sat over blocks 736556..736655
    expect(fees).toEqual({ feesBtcPerBlock: 13.11748254 / 100, windowBlocks: 100, endHeight: 736655 });
  });

  it('mempool prices: USD and every other fiat it offers', async () => {
    const quote = await new MempoolClient(`${server.baseUrl}/m`, ctxAt('2023-12-22T13:40:11Z')).prices();
    expect(quote).toEqual({
      source: 'mempool',
      priceUsd: 43753,
      fiatPrices: { EUR: 40545, GBP: 37528, CAD: 58123, CHF: 37438, AUD: 64499, JPY: 6218915 },
      observedAt: '2023-12-22T13:40:11.000Z',
    });
  });

  it('mempool prices: refused as stale a day later', async () => {
    const error = await new MempoolClient(`${server.baseUrl}/m`, ctxAt('2023-12-23T13:40:11Z'))
      .prices()
      .catch((e: unknown) => e);
    expect((error as SourceError).kind).toBe('stale');
  });

  it('mempool hashrate: H/s, and each timestamp names the midnight that ends its day', async () => {
    const reading = await new MempoolClient(`${server.baseUrl}/m`, ctxAt('2026-02-01T00:10:00Z')).hashrate('3m');
    expect(reading.currentHashrateHps).toBe(8.473037609420554e20);
    expect(reading.daily[0]).toEqual({ date: '2025-11-01', hashrateHps: 1.0727130413846237e21 }); // timestamp 1762041600 = 2025-11-02T00:00Z
    expect(reading.daily.at(-1)?.date).toBe('2026-01-31');
  });

  it('mempool block-fees 3d: one row per block, fees satoshis to BTC, oldest first', async () => {
    const calls: SourceCall[] = [];
    const points = await new MempoolClient(`${server.baseUrl}/m`, ctxAt('2026-02-01T00:10:00Z', calls)).blockFees('3d');
    const raw = JSON.parse(readFixture('mempool/blocks-fees-3d.derived-2026-02-01.json')) as {
      avgHeight: number;
      timestamp: number;
      avgFees: number;
    }[];
    expect(points).toHaveLength(raw.length);
    // the recorded tip block 934541: 908,027 sats of fees at 2026-01-31T23:57:31Z
    expect(points.at(-1)).toEqual({ height: 934541, timeUnixS: 1769903851, feesBtcPerBlock: 0.00908027 });
    expect(points.every((p, i) => i === 0 || p.timeUnixS >= points[i - 1]!.timeUnixS)).toBe(true);
    expect(calls).toEqual([expect.objectContaining({ source: 'mempool', endpoint: 'block-fees', ok: true })]);
  });

  it('mempool block-fees: the docs sample (1w, 5-minute buckets) parses and the live USD field is ignored', async () => {
    const docs = await new MempoolClient(`${server.baseUrl}/docs`, ctxAt('2022-05-10T00:00:00Z')).blockFees('1w');
    expect(docs[0]).toEqual({ height: 735644, timeUnixS: 1652119111, feesBtcPerBlock: 0.2421289 });
    const live = await new MempoolClient(`${server.baseUrl}/live`, ctxAt('2026-02-01T00:10:00Z')).blockFees('3d');
    expect(live).toEqual([{ height: 934541, timeUnixS: 1769903851, feesBtcPerBlock: 0.00908027 }]);
  });

  it('mempool block-fees: milliseconds where seconds belong are refused; a series two days old is stale', async () => {
    const ms = new MempoolClient(`${server.baseUrl}/ms`, ctxAt('2026-02-01T00:10:00Z')).blockFees('3d');
    await expect(ms).rejects.toMatchObject({ kind: 'schema' });
    const stale = new MempoolClient(`${server.baseUrl}/m`, ctxAt('2026-02-04T00:10:00Z')).blockFees('3d');
    await expect(stale).rejects.toMatchObject({ kind: 'stale' });
  });

  it('mempool historical-price: daily USD from the prices array', async () => {
    const prices = await new MempoolClient(`${server.baseUrl}/m`, ctxAt('2026-02-01T00:00:00Z')).historicalPricesUsd();
    expect(prices).toEqual([{ date: '2017-07-13', priceUsd: 2254.9 }]); // time 1499904000
  });

  it('Coinbase: data.amount is a decimal string', async () => {
    expect((await new CoinbaseClient(`${server.baseUrl}/cb`, ctxAt('2024-01-01T00:00:00Z')).price()).priceUsd).toBe(
      64090,
    );
  });

  it('Kraken: result keyed XXBTZUSD, last trade c[0] as a string', async () => {
    expect((await new KrakenClient(`${server.baseUrl}/kr`, ctxAt('2024-01-01T00:00:00Z')).price()).priceUsd).toBe(
      30303.2,
    );
  });

  it('CoinGecko: usd number with last_updated_at in seconds, minimal shape too', async () => {
    const full = await new CoinGeckoClient(`${server.baseUrl}/cg`, ctxAt('2024-03-25T08:50:00Z')).price();
    expect(full).toEqual({
      source: 'coingecko',
      priceUsd: 67187.3358936566,
      fiatPrices: {},
      observedAt: '2024-03-25T08:45:00.000Z',
    });
    const minimal = await new CoinGeckoClient(`${server.baseUrl}/cgmin`, ctxAt('2024-03-25T08:50:00Z')).price();
    expect(minimal.priceUsd).toBe(67187.3358936566);
  });

  it('blockchain.info /stats (2019 capture): GH/s to H/s, fee satoshis over the 24 h blocks, timestamp in ms', async () => {
    const stats = await new BlockchainInfoClient(`${server.baseUrl}/bi`, ctxAt('2019-05-12T08:00:00Z')).stats();
    expect(stats).toEqual({
      observedAt: '2019-05-12T07:35:25.000Z',
      tipHeight: 575644,
      difficulty: 6702169884349,
      hashrateHps: 44977500727.36728 * 1e9, // about 45 EH/s
      feesBtcPerBlock: 116.4843753 / 135,
      windowBlocks: 135,
    });
  });
});

/**
 * The fault matrix: each upstream fault, injected by the local replay server, must leave the stored
 * data unchanged or correct, and show in logs and metrics. Runs the real handler against DynamoDB
 * Local. Expected values come from the recorded responses (shared/data/recorded/SOURCES.md and
 * test/fixtures/upstream/SOURCES.md).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../../local/devtools/replayServer';
import { partitionItems, useDynamoLocal } from '../../support/dynamoTable';
import { configJsonFor, PATHS, readFixture, readJsonFixture, useFakeUpstream } from '../../support/fakeUpstream';
import { loadIngestHandler, type CapturedOutput } from '../../support/ingestHarness';
import type { IngestSummary } from '../../../functions/ingest/handler';

const SEED_NOW = '2026-02-01T00:00:00Z';
/** A cycle before the seed: the running epoch's row is written once two cycles agree (issue #22). */
const FIRST_SEED_NOW = '2026-01-31T23:50:00Z';
const FAULT_NOW = '2026-02-01T00:10:00Z';
const FAULT_SK = 'SNAP#2026-02-01T00:10:00.000Z';
const SEED_SK = 'SNAP#2026-02-01T00:00:00.000Z';

// Independent figures from the recorded responses.
const MEMPOOL_PRICE = 78702;
const COINBASE_PRICE = 78702.39;
const KRAKEN_PRICE = 78702.3855;
const MEMPOOL_HASHRATE = 8.473037609420554e20;
/** The 1w series' last point (timestamp 2026-02-01T00:00Z closes 2026-01-31). */
const MEMPOOL_DAILY_HASHRATE_0131 = 9.674041549245284e20;
const BLOCKCHAIN_INFO_HASHRATE = 964803295017.5231 * 1e9; // GH/s in /stats
const BLOCKCHAIN_INFO_FEES = 302_382_011 / 137 / 1e8; // sats over the 137 blocks of 24 h
const HTML_502 =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';

const hashrateFixture = (): Record<string, unknown> => readJsonFixture('mempool/hashrate-3m.derived-2026-02-01.json');
const pricesFixture = (): Record<string, unknown> => readJsonFixture('mempool/prices.derived-2026-02-01.json');
const body = (value: unknown): FaultRule => ({ fault: { kind: 'body', body: JSON.stringify(value) } });
const down: FaultRule = { fault: { kind: 'status', status: 503 } };

interface Outcome {
  summary: IngestSummary;
  output: CapturedOutput;
  snapshots: Record<string, unknown>[];
  daily: Record<string, unknown>[];
}

describe('ingest under upstream faults', () => {
  const db = useDynamoLocal();
  const upstream = useFakeUpstream();
  beforeEach(() => upstream().clearFaults());

  /**
   * A good snapshot at 00:00 (and at 23:50 before it with `epochStored`, so that the running epoch
   * is stored), then the faults, then the 00:10 cycle.
   */
  async function runWithFaults(
    faults: [string, FaultRule][],
    options: { seed?: boolean; epochStored?: boolean; graceMinutes?: number } = {},
  ): Promise<Outcome> {
    const { tableName, client, endpoint } = await db.newTable();
    const schedule =
      options.graceMinutes !== undefined ? { schedule: { dailyRollupGraceMinutes: options.graceMinutes } } : {};
    const ingest = await loadIngestHandler({
      endpoint,
      tableName,
      config: configJsonFor(upstream().baseUrl, { backfill: { enabled: false }, ...schedule }),
    });
    if (options.epochStored) {
      const first = await ingest.invoke({ now: FIRST_SEED_NOW });
      expect(first.summary.cycle.status).toBe('stored');
    }
    if (options.seed !== false) {
      const seeded = await ingest.invoke({ now: SEED_NOW });
      expect(seeded.summary.cycle.status).toBe('stored');
    }
    upstream().clearFaults();
    for (const [path, rule] of faults) upstream().setFault(path, rule);
    const { summary, output } = await ingest.invoke({ now: FAULT_NOW });
    return {
      summary,
      output,
      snapshots: await partitionItems({ client, tableName }, 'NETWORK'),
      daily: await partitionItems({ client, tableName }, 'DAILY'),
    };
  }

  /** The values the ingest counted under `counter`, one INFO line each, in order. */
  const countedValues = (o: Outcome, counter: string): unknown[] =>
    o.output
      .logs('INFO')
      .filter((l) => l.counter === counter)
      .map((l) => l.value);
  const stored = (o: Outcome): Record<string, unknown> => {
    const item = o.snapshots.find((s) => s.sk === FAULT_SK);
    expect(item, 'the snapshot of the faulty interval').toBeDefined();
    return item as Record<string, unknown>;
  };
  /** Rejected: only the seed remains, untouched, and the rejection is in logs and metrics. */
  const expectRejected = (o: Outcome, reason: RegExp): void => {
    expect(o.summary.cycle.status).toBe('rejected');
    expect(o.snapshots.map((s) => s.sk)).toEqual([SEED_SK]);
    expect(o.snapshots[0]?.hashrateHps).toBe(MEMPOOL_HASHRATE);
    expect(o.summary.cycle.reasons.join(' | ')).toMatch(reason);
    expect(o.output.metric('SnapshotRejected')).toBe(1);
    expect(o.output.metric('SnapshotStored')).toBe(0);
    // the newest stored data is its tip block's age: block 934541 was mined at 23:57:31Z, 749 s
    // before 00:10 (issue #22: the data's age, not the ingest's clock)
    expect(
      o.output
        .logs('INFO')
        .filter((l) => l.message === 'data freshness')
        .map((l) => l.dataFreshnessSeconds),
    ).toEqual([749]);
    const rejection = o.output.logs('WARN').find((l) => l.message === 'snapshot rejected');
    expect(rejection?.reasons).toEqual(o.summary.cycle.reasons);
  };
  const failedCallLogged = (o: Outcome, source: string, kind: string): void => {
    const failure = o.output
      .logs('WARN')
      .find((l) => l.message === 'source call failed' && l.source === source && l.kind === kind);
    expect(failure, `a ${kind} failure of ${source} in the logs`).toBeDefined();
    expect(o.output.sourceCalls(source, 'failed').length).toBeGreaterThanOrEqual(1);
    expect(o.output.metric('SourceFailures')).toBe(o.output.sourceCalls(undefined, 'failed').length);
  };

  it('1. HTTP 500 from mempool prices (every attempt): price from Coinbase, confirmed by Kraken', async () => {
    const o = await runWithFaults([[PATHS.prices, { fault: { kind: 'status', status: 500 } }]]);
    const item = stored(o);
    expect(item.btcPriceUsd).toBe(COINBASE_PRICE);
    expect(item.sources).toMatchObject({
      btcPriceUsd: 'coinbase',
      btcPriceUsdConfirmedBy: 'kraken',
      hashrateHps: 'mempool',
    });
    expect(item.flags).toEqual([]);
    expect(upstream().hits(PATHS.prices)).toBe(2); // maxAttempts 2
    failedCallLogged(o, 'mempool', 'http');
    expect(o.output.counter('FallbackUsed')).toBe(1);
  });

  it('2. HTTP 503 once from difficulty-adjustment: the retry succeeds, nothing falls back', async () => {
    const o = await runWithFaults([[PATHS.difficultyAdjustment, { fault: { kind: 'status', status: 503 }, times: 1 }]]);
    const item = stored(o);
    expect(item.sources).toMatchObject({ epochProgress: 'mempool', difficulty: 'mempool' });
    expect(upstream().hits(PATHS.difficultyAdjustment)).toBe(2);
    expect(o.output.metricValues('SourceFailures')).toEqual([0]);
    expect(o.output.counter('FallbackUsed')).toBe(0);
    const retried = o.output.logs('WARN').find((l) => l.message === 'source call succeeded after retry');
    expect(retried).toMatchObject({ source: 'mempool', endpoint: 'difficulty-adjustment', attempts: 2 });
  });

  it('3. HTTP 429 with Retry-After: 1 once on hashrate: waits, retries, stores mempool data', async () => {
    const o = await runWithFaults([
      [PATHS.hashrateCycle, { fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } }, times: 1 }],
    ]);
    const item = stored(o);
    expect(item.hashrateHps).toBe(MEMPOOL_HASHRATE);
    expect(item.sources).toMatchObject({ hashrateHps: 'mempool' });
    expect(upstream().hits(PATHS.hashrateCycle)).toBe(2);
    // six mempool endpoints per cycle: tip, difficulty-adjustment, hashrate, reward-stats, block-fees, prices
    expect(o.output.sourceCalls('mempool', 'ok')).toHaveLength(6);
    expect(o.output.logs('WARN').find((l) => l.message === 'source call succeeded after retry')).toMatchObject({
      endpoint: 'hashrate',
      attempts: 2,
    });
  });

  it('4. HTTP 429 with a Retry-After beyond the cap: no retry, hashrate and difficulty from blockchain.info', async () => {
    const o = await runWithFaults([
      [PATHS.hashrateCycle, { fault: { kind: 'status', status: 429, headers: { 'retry-after': '3600' } } }],
    ]);
    const item = stored(o);
    expect(upstream().hits(PATHS.hashrateCycle)).toBe(1);
    expect(item.hashrateHps).toBeCloseTo(BLOCKCHAIN_INFO_HASHRATE, -9);
    expect(item.difficulty).toBe(141668107417558.25);
    expect(item.sources).toMatchObject({
      hashrateHps: 'blockchain.info',
      difficulty: 'blockchain.info',
      tipHeight: 'mempool',
    });
    failedCallLogged(o, 'mempool', 'http');
    expect(o.output.counter('FallbackUsed')).toBe(2);
  });

  it('5. timeout on reward-stats: fees per block from blockchain.info', async () => {
    const o = await runWithFaults([[PATHS.rewardStats, { fault: { kind: 'hang' } }]]);
    const item = stored(o);
    expect(item.feesBtcPerBlock).toBeCloseTo(BLOCKCHAIN_INFO_FEES, 12);
    expect(item.feeWindowBlocks).toBe(137);
    expect(item.sources).toMatchObject({ feesBtcPerBlock: 'blockchain.info' });
    failedCallLogged(o, 'mempool', 'timeout');
  });

  it('6. connection reset on tip height: tip from blockchain.info', async () => {
    const o = await runWithFaults([[PATHS.tipHeight, { fault: { kind: 'reset' } }]]);
    const item = stored(o);
    expect(item.tipHeight).toBe(934541);
    expect(item.sources).toMatchObject({ tipHeight: 'blockchain.info' });
    failedCallLogged(o, 'mempool', 'network');
  });

  it('7. truncated JSON from mempool prices: a parse error, price from the fallbacks', async () => {
    const o = await runWithFaults([[PATHS.prices, { fault: { kind: 'truncate' } }]]);
    expect(stored(o).sources).toMatchObject({ btcPriceUsd: 'coinbase' });
    failedCallLogged(o, 'mempool', 'parse');
  });

  it('8. an HTML error page (502 from a proxy) on prices: retried, then the fallbacks', async () => {
    const o = await runWithFaults([
      [PATHS.prices, { fault: { kind: 'status', status: 502, body: HTML_502, contentType: 'text/html' } }],
    ]);
    expect(stored(o).btcPriceUsd).toBe(COINBASE_PRICE);
    failedCallLogged(o, 'mempool', 'http');
  });

  it('8b. an HTML page with status 200 where JSON belongs: a parse error, not data', async () => {
    const o = await runWithFaults([
      [PATHS.hashrateCycle, { fault: { kind: 'body', body: HTML_502, contentType: 'text/html' } }],
    ]);
    expect(stored(o).sources).toMatchObject({ hashrateHps: 'blockchain.info' });
    failedCallLogged(o, 'mempool', 'parse');
  });

  it('9. wrong types (currentHashrate as a string): refused, blockchain.info supplies it', async () => {
    const o = await runWithFaults([
      [PATHS.hashrateCycle, body({ ...hashrateFixture(), currentHashrate: '8.473037609420554e+20' })],
    ]);
    expect(stored(o).sources).toMatchObject({ hashrateHps: 'blockchain.info' });
    failedCallLogged(o, 'mempool', 'schema');
  });

  it('10. missing fields (the outdated docs shape of difficulty-adjustment) on an empty table: rejected, nothing stored', async () => {
    const o = await runWithFaults(
      [
        [
          PATHS.difficultyAdjustment,
          { fault: { kind: 'body', body: readFixture('mempool/difficulty-adjustment.docs.json') } },
        ],
      ],
      { seed: false },
    );
    expect(o.summary.cycle.status).toBe('rejected');
    expect(o.snapshots).toEqual([]);
    expect(o.summary.cycle.reasons.join(' | ')).toMatch(/no source delivered epochProgress/);
    expect(o.output.metric('SnapshotRejected')).toBe(1);
    expect(o.output.logs('WARN').find((l) => l.message === 'snapshot rejected')?.reasons).toEqual(
      o.summary.cycle.reasons,
    );
    failedCallLogged(o, 'mempool', 'schema');
  });

  it('10b. missing fields with the running epoch stored: the epoch progress is computed from the tip and that epoch', async () => {
    const o = await runWithFaults(
      [
        [
          PATHS.difficultyAdjustment,
          { fault: { kind: 'body', body: readFixture('mempool/difficulty-adjustment.docs.json') } },
        ],
      ],
      { epochStored: true },
    );
    const item = stored(o);
    // epoch 463 began with block 933408 at 1769110282 (stored by the seed cycles); tip 934541 at 1769904600:
    // 1133 blocks in 794,318 s, the pace held over the 2015 measured intervals
    const meanIntervalS = (1769904600 - 1769110282) / 1133;
    expect(item.epochProgress).toMatchObject({
      epoch: 463,
      startHeight: 933408,
      remainingBlocks: 883,
      previousChangePct: (141668107417558.25 / 146472570619930.78 - 1) * 100,
    });
    const progress = item.epochProgress as {
      progressPct: number;
      estimatedChangePct: number;
      estimatedRetargetAt: string;
    };
    expect(progress.progressPct).toBeCloseTo((1133 / 2016) * 100, 9);
    expect(progress.estimatedChangePct).toBeCloseTo((1_209_600 / (meanIntervalS * 2015) - 1) * 100, 9);
    expect(Date.parse(progress.estimatedRetargetAt)).toBeCloseTo(1769904600_000 + 883 * meanIntervalS * 1000, -1);
    expect(item.sources).toMatchObject({ epochProgress: 'computed:stored-epoch' });
    expect(o.output.counter('FallbackUsed')).toBe(1);
    failedCallLogged(o, 'mempool', 'schema');
  });

  it('11. out-of-range: a 10x hashrate jump is rejected, not stored', async () => {
    const o = await runWithFaults([
      [PATHS.hashrateCycle, body({ ...hashrateFixture(), currentHashrate: MEMPOOL_HASHRATE * 10 })],
    ]);
    expectRejected(o, /hashrateHps jumped 10\.00x against the last snapshot/);
  });

  it('11b. out-of-range: hashrate in GH/s where H/s belongs fails the sanity bounds', async () => {
    const o = await runWithFaults(
      [[PATHS.hashrateCycle, body({ ...hashrateFixture(), currentHashrate: MEMPOOL_HASHRATE / 1e9 })]],
      { seed: false },
    );
    expect(o.summary.cycle.status).toBe('rejected');
    expect(o.snapshots).toEqual([]);
    expect(o.summary.cycle.reasons.join(' | ')).toMatch(/hashrateHps .* outside sanity bounds/);
    expect(o.output.metric('SnapshotRejected')).toBe(1);
  });

  it('11c. out-of-range: an estimated change beyond the protocol clamp is refused, the estimate computed instead', async () => {
    const adj = readJsonFixture<Record<string, unknown>>('mempool/difficulty-adjustment.derived-2026-02-01.json');
    const o = await runWithFaults([[PATHS.difficultyAdjustment, body({ ...adj, difficultyChange: 512 })]], {
      epochStored: true,
    });
    const item = stored(o);
    expect(item.sources).toMatchObject({ epochProgress: 'computed:stored-epoch' });
    expect((item.epochProgress as { estimatedChangePct: number }).estimatedChangePct).toBeLessThan(0);
    failedCallLogged(o, 'mempool', 'range');
  });

  it('11d. out-of-range: a price 10x the last snapshot, confirmed by nobody, is rejected', async () => {
    const o = await runWithFaults([
      [PATHS.prices, body({ ...pricesFixture(), USD: MEMPOOL_PRICE * 10 })],
      [PATHS.coinbase, down],
      [PATHS.kraken, down],
      [PATHS.coingecko, down],
    ]);
    expectRejected(o, /btcPriceUsd moved 10\.00x against the last snapshot/);
  });

  it('12. stale timestamps: a prices document 3 hours old is refused, the fallbacks price it', async () => {
    const o = await runWithFaults([
      [PATHS.prices, body({ ...pricesFixture(), time: Date.parse(FAULT_NOW) / 1000 - 3 * 3600 })],
    ]);
    expect(stored(o).sources).toMatchObject({ btcPriceUsd: 'coinbase' });
    failedCallLogged(o, 'mempool', 'stale');
  });

  it('12b. stale timestamps: a hashrate series whose last day is a month old is refused', async () => {
    const h = hashrateFixture() as { hashrates: { timestamp: number; avgHashrate: number }[] };
    const old = { ...h, hashrates: h.hashrates.map((p) => ({ ...p, timestamp: p.timestamp - 30 * 86_400 })) };
    const o = await runWithFaults([[PATHS.hashrateCycle, body(old)]]);
    expect(stored(o).sources).toMatchObject({ hashrateHps: 'blockchain.info' });
    failedCallLogged(o, 'mempool', 'stale');
  });

  it('13. two price sources disagree: a third breaks the tie, the disagreement is counted', async () => {
    const o = await runWithFaults([
      [PATHS.coinbase, body({ data: { amount: '86572.63', base: 'BTC', currency: 'USD' } })],
    ]);
    const item = stored(o);
    expect(item.btcPriceUsd).toBe(MEMPOOL_PRICE);
    expect(item.sources).toMatchObject({ btcPriceUsd: 'mempool', btcPriceUsdConfirmedBy: 'kraken' });
    expect(item.flags).toEqual([]);
    expect(countedValues(o, 'PriceSourcesDisagree')).toEqual([1]);
    expect(o.output.logs('WARN').some((l) => l.message === 'price sources disagree')).toBe(true);
  });

  it('13b. price sources disagree with no agreeing pair: stored, but flagged', async () => {
    const o = await runWithFaults([
      [PATHS.coinbase, body({ data: { amount: '86572.63', base: 'BTC', currency: 'USD' } })],
      [PATHS.kraken, body({ error: [], result: { XXBTZUSD: { c: ['94442.86', '0.1'] } } })],
      [PATHS.coingecko, down],
    ]);
    const item = stored(o);
    expect(item.btcPriceUsd).toBe(MEMPOOL_PRICE);
    expect(item.flags).toEqual(['price-sources-disagree']);
    expect(countedValues(o, 'PriceSourcesDisagree')).toEqual([1]);
  });

  it('14. every source down: nothing stored, every failure in the metrics', async () => {
    const all = Object.values(PATHS).map((p): [string, FaultRule] => [p, down]);
    const o = await runWithFaults(all);
    expectRejected(o, /no source delivered/);
    for (const source of ['mempool', 'coinbase', 'kraken', 'coingecko', 'blockchain.info']) {
      expect(o.output.sourceCalls(source, 'failed').length, source).toBeGreaterThanOrEqual(1);
    }
    expect(o.output.sourceCalls(undefined, 'ok')).toEqual([]);
    expect(o.output.metric('SourceFailures')).toBe(o.output.sourceCalls().length);
  });

  it('15. kraken answers HTTP 200 with an error array: a failure, not a price', async () => {
    const o = await runWithFaults([
      [PATHS.prices, down],
      [PATHS.kraken, body({ error: ['EService:Unavailable'], result: {} })],
    ]);
    const item = stored(o);
    expect(item.sources).toMatchObject({ btcPriceUsd: 'coinbase', btcPriceUsdConfirmedBy: 'coingecko' });
    expect(item.btcPriceUsd).toBe(COINBASE_PRICE);
    failedCallLogged(o, 'kraken', 'http');
    expect(KRAKEN_PRICE).toBeCloseTo(COINBASE_PRICE, 1);
  });

  /** The 00:10 cycle on an empty table writes the rollup of 2026-01-31 (no seed: the seed would). */
  const rollupWithoutTotals = (o: Outcome, reason: RegExp): void => {
    stored(o);
    expect(o.summary.cycle.dailyWritten).toEqual(['2026-01-31']);
    const day = o.daily.find((d) => d.date === '2026-01-31');
    expect(day).toMatchObject({
      hashrateHps: MEMPOOL_DAILY_HASHRATE_0131,
      btcPriceUsd: MEMPOOL_PRICE,
      source: 'hashrate:mempool,price:mempool,blocks:unavailable',
    });
    for (const field of ['blockCount', 'issuanceBtc', 'feesBtc', 'endHeight'])
      expect(day, field).not.toHaveProperty(field);
    const warning = o.output.logs('WARN').find((l) => l.message === 'daily rollup without block totals');
    expect(warning).toMatchObject({ date: '2026-01-31' });
    expect(String(warning?.reason)).toMatch(reason);
  };

  it('16. block-fees down (503), grace over: the snapshot and the rollup are stored, the rollup without block totals', async () => {
    const o = await runWithFaults([[PATHS.blockFeesCycle, down]], { seed: false, graceMinutes: 0 });
    rollupWithoutTotals(o, /block-fees request failed/);
    failedCallLogged(o, 'mempool', 'http');
    expect(o.output.metric('SnapshotStored')).toBe(1);
  });

  it('16b. block-fees lists a gap (a block not yet linked to a price): no totals rather than wrong ones', async () => {
    const rows = readJsonFixture<{ avgHeight: number }[]>('mempool/blocks-fees-3d.derived-2026-02-01.json').filter(
      (r) => r.avgHeight !== 934_530,
    );
    const o = await runWithFaults([[PATHS.blockFeesCycle, body(rows)]], { seed: false, graceMinutes: 0 });
    rollupWithoutTotals(o, /height 934530 is listed 0 times/);
  });

  it('16e. block-fees lists a gap within the grace: the snapshot is stored, the rollup waits for a complete list', async () => {
    const rows = readJsonFixture<{ avgHeight: number }[]>('mempool/blocks-fees-3d.derived-2026-02-01.json').filter(
      (r) => r.avgHeight !== 934_530,
    );
    const o = await runWithFaults([[PATHS.blockFeesCycle, body(rows)]], { seed: false });
    stored(o);
    expect(o.summary.cycle.dailyWritten).toEqual([]);
    expect(o.daily).toEqual([]);
    expect(o.output.logs('INFO').find((l) => l.message === 'daily rollup waits for block totals')).toMatchObject({
      date: '2026-01-31',
      reason: 'height 934530 is listed 0 times around 2026-01-31',
    });
  });

  it('16c. block-fees with avgFees as a string: a schema error, the rollup without totals', async () => {
    const rows = readJsonFixture<{ avgFees: number }[]>('mempool/blocks-fees-3d.derived-2026-02-01.json').map((r) => ({
      ...r,
      avgFees: String(r.avgFees),
    }));
    const o = await runWithFaults([[PATHS.blockFeesCycle, body(rows)]], { seed: false, graceMinutes: 0 });
    rollupWithoutTotals(o, /block-fees request failed/);
    failedCallLogged(o, 'mempool', 'schema');
  });

  it('16d. healthy: the rollup of 2026-01-31 carries its 138 blocks (Coin Metrics BlkCnt), issuance and fees', async () => {
    const o = await runWithFaults([], { seed: false });
    const day = o.daily.find((d) => d.date === '2026-01-31');
    expect(day).toMatchObject({
      blockCount: 138,
      endHeight: 934_541,
      issuanceBtc: 138 * 3.125,
      source: 'hashrate:mempool,price:mempool,blocks:mempool',
    });
    expect(o.output.logs('WARN').find((l) => l.message === 'daily rollup without block totals')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { localDynamoClient } from '../../../local/devtools/localClient';
import { partitionItems, useDynamoLocal } from '../../support/dynamoTable';
import {
  configJsonFor,
  PATHS,
  TEST_RETENTION_DAYS,
  readFixture,
  readJsonFixture,
  SCENARIO_NOW,
  useFakeUpstream,
} from '../../support/fakeUpstream';
import { loadIngestHandler } from '../../support/ingestHarness';
import { documentClient } from '../../../shared/adapters/dynamo/documentClient';

async function streamRecords(endpoint: string, tableName: string): Promise<_Record[]> {
  // no role: the test reads the stream itself, to see what the ingest's writes put on it
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const dynamo = localDynamoClient(endpoint);
  try {
    const streamArn = (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
    const shards =
      (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards ?? [];
    const records: _Record[] = [];
    for (const shard of shards) {
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      for (let page = 0; iterator && page < 10; page += 1) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        records.push(...(out.Records ?? []));
        if ((out.Records ?? []).length === 0) break;
        iterator = out.NextShardIterator;
      }
    }
    return records;
  } finally {
    streams.destroy();
    dynamo.destroy();
  }
}

describe('ingest handler on the recorded 2026-02-01 responses', () => {
  const db = useDynamoLocal();
  const upstream = useFakeUpstream();

  it('backfills an empty table, then stores the snapshot a user would expect', async () => {
    // prepare
    const { tableName, client, endpoint } = await db.newTable();
    const ingest = await loadIngestHandler({ endpoint, tableName, config: configJsonFor(upstream().baseUrl) });

    // act
    const { summary, output } = await ingest.invoke({ now: SCENARIO_NOW.toISOString() });

    // assess: the snapshot, field by field, against the recorded responses (independent arithmetic)
    const doc = documentClient(client);
    const item = (
      await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk: 'NETWORK', sk: 'SNAP#2026-02-01T00:10:00.000Z' } }),
      )
    ).Item;
    expect(item).toBeDefined();
    expect(item?.entity).toBe('NetworkSnapshot');
    expect(item?.tipHeight).toBe(Number(readFixture('mempool/blocks-tip-height.derived-2026-02-01.txt')));
    expect(item?.tipHeight).toBe(934541);
    expect(item?.difficulty).toBe(141668107417558.25);
    expect(item?.hashrateHps).toBe(8.473037609420554e20);
    expect(item?.btcPriceUsd).toBe(78702);
    // reward-stats 934398..934541: 312,605,295 sat of fees over 144 blocks
    expect(item?.feesBtcPerBlock).toBeCloseTo(312_605_295 / 144 / 1e8, 12);
    expect(item?.feeWindowBlocks).toBe(144);
    expect(item?.subsidyBtc).toBe(3.125);
    expect(item?.epochProgress).toEqual({
      epoch: 463, // 933408 / 2016
      startHeight: 933_408,
      progressPct: (1133 / 2016) * 100,
      remainingBlocks: 883,
      estimatedChangePct: readJsonFixture<{ difficultyChange: number }>(
        'mempool/difficulty-adjustment.derived-2026-02-01.json',
      ).difficultyChange,
      estimatedRetargetAt: new Date(1770523649225).toISOString(),
      previousChangePct: readJsonFixture<{ previousRetarget: number }>(
        'mempool/difficulty-adjustment.derived-2026-02-01.json',
      ).previousRetarget,
    });
    // The derived price document's other fiats (shared/data/recorded/SOURCES.md), kept as mempool gave them.
    expect(item?.fiatPrices).toEqual({
      EUR: 72406,
      GBP: 61388,
      CAD: 107035,
      CHF: 70045,
      AUD: 120414,
      JPY: 11764375,
    });
    expect(item?.flags).toEqual([]);
    expect(item?.sources).toEqual({
      tipHeight: 'mempool',
      difficulty: 'mempool',
      hashrateHps: 'mempool',
      feesBtcPerBlock: 'mempool',
      epochProgress: 'mempool',
      btcPriceUsd: 'mempool',
      btcPriceUsdConfirmedBy: 'coinbase',
      fiatPrices: 'mempool',
    });
    expect(item?.expiresAt).toBe(Date.parse('2026-02-01T00:10:00Z') / 1000 + TEST_RETENTION_DAYS * 86_400);

    // backfill: every epoch the recorded adjustments list holds, and the ~92 days of hashrate + price
    const epochs = readJsonFixture<number[][]>('mempool/difficulty-adjustments-all.derived.json');
    expect(summary.backfill?.status).toBe('complete');
    // the recorded list lacks epochs 437-451: the bundled history fills them (0..463 = 464 epochs)
    expect(epochs.length).toBe(449);
    expect(summary.backfill?.epochsStored).toBe(464);
    const filled = (await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'EPOCH', sk: 'EPOCH#000440' } })))
      .Item;
    expect(filled).toMatchObject({ startHeight: 440 * 2016, source: 'bitcoinj+electrum-checkpoints' });
    const days = await partitionItems({ client, tableName }, 'DAILY');
    expect(days.length).toBe(92);
    expect(days[0]?.date).toBe('2025-11-01');
    const lastDay = days.at(-1);
    expect(lastDay).toMatchObject({
      date: '2026-01-31',
      entity: 'DailyNetwork',
      hashrateHps: 9.674041549245284e20,
      btcPriceUsd: 78702.38550263,
      difficulty: 141668107417558.25,
    });
    expect(lastDay?.expiresAt).toBeUndefined();
    const epoch463 = (
      await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'EPOCH', sk: 'EPOCH#000463' } }))
    ).Item;
    expect(epoch463).toMatchObject({
      entity: 'DifficultyEpoch',
      startHeight: 933_408,
      startedAt: new Date(1769110282 * 1000).toISOString(),
      difficulty: 141668107417558.25,
    });
    expect(epoch463?.changePct).toBeCloseTo((141668107417558.25 / 146472570619930.78 - 1) * 100, 9);

    // the cycle wrote exactly one item (history came from backfill) and said so in logs and metrics
    expect(summary.cycle.status).toBe('stored');
    expect(summary.cycle.itemsWritten).toBe(1);
    expect(output.metric('SnapshotStored')).toBe(1);
    expect(output.metricValues('SourceFailures')).toEqual([0]);
    // per-source health is one log line per call, with the fields the dashboard's query reads
    expect(output.sourceCalls('mempool', 'ok').length).toBeGreaterThanOrEqual(5);
    expect(output.sourceCalls('coinbase', 'ok')).toHaveLength(1);
    expect(output.sourceCalls(undefined, 'failed')).toEqual([]);
    for (const call of output.sourceCalls()) {
      expect(call).toMatchObject({
        level: 'INFO',
        message: 'source call',
        endpoint: expect.any(String),
        latencyMs: expect.any(Number),
        attempts: 1,
      });
    }
    // The tip block's age (934541, mined at 23:57:31Z), not the ingest's clock (issue #22).
    expect(output.logs('INFO').find((l) => l.message === 'data freshness')?.dataFreshnessSeconds).toBe(749);
    // only metrics of the contract, each with the one dimension `service`
    expect(output.metricCombinations()).toEqual([
      JSON.stringify(['SnapshotStored', { service: 'ingest' }]),
      JSON.stringify(['SourceFailures', { service: 'ingest' }]),
    ]);
    expect(output.logs('INFO').some((l) => l.message === 'snapshot stored')).toBe(true);
  });

  it('stores one item for a rerun in the same interval and for two overlapping invocations', async () => {
    const { tableName, client, endpoint } = await db.newTable();
    const ingest = await loadIngestHandler({
      endpoint,
      tableName,
      config: configJsonFor(upstream().baseUrl, { backfill: { enabled: false } }),
    });
    const [a, b] = await Promise.all([
      ingest.invoke({ now: '2026-02-01T00:10:00Z' }),
      ingest.invoke({ now: '2026-02-01T00:13:00Z' }),
    ]);
    const rerun = await ingest.invoke({ now: '2026-02-01T00:19:59Z' });
    const statuses = [a.summary.cycle.status, b.summary.cycle.status, rerun.summary.cycle.status].sort();
    expect(statuses).toEqual(['duplicate', 'duplicate', 'stored']);
    expect(rerun.output.logs('INFO').find((l) => l.message === 'ingest counter')).toMatchObject({
      counter: 'SnapshotDuplicate',
      value: 1,
    });
    expect(rerun.output.metric('SnapshotStored')).toBe(0);
    const snaps = await partitionItems({ client, tableName }, 'NETWORK');
    expect(snaps.map((i) => i.sk)).toEqual(['SNAP#2026-02-01T00:10:00.000Z']);
    expect(upstream().hits(PATHS.tipHeight)).toBeGreaterThan(0);

    // the stream (what the compute function's filter sees): exactly one INSERT of a NetworkSnapshot
    const records = await streamRecords(endpoint, tableName);
    const snapshotInserts = records.filter(
      (r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.entity?.S === 'NetworkSnapshot',
    );
    expect(snapshotInserts).toHaveLength(1);
    expect(records.filter((r) => r.eventName !== 'INSERT')).toEqual([]);
    // the closed day and the new epoch went in too, under their own entity names
    expect(records.map((r) => r.dynamodb?.NewImage?.entity?.S).sort()).toEqual([
      'DailyNetwork',
      'DifficultyEpoch',
      'NetworkSnapshot',
    ]);
  });
});

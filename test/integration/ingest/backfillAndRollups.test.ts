import { beforeEach, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoNetworkRepository } from '../../../shared/adapters/dynamo/networkRepository';
import { documentClient } from '../../../shared/adapters/dynamo/documentClient';
import { createIngestSources } from '../../../shared/adapters/sources/ingestSources';
import { runBackfill } from '../../../shared/ingest/backfill';
import { runIngestCycle } from '../../../shared/ingest/runIngestCycle';
import { silentTelemetry } from '../../../shared/ingest/telemetry';
import { networkSnapshotSchema } from '../../../shared/domain/networkSnapshot';
import { partitionItems, useDynamoLocal } from '../../support/dynamoTable';
import { configFor, PATHS, readJsonFixture, SCENARIO_NOW, useFakeUpstream } from '../../support/fakeUpstream';

describe('backfill and rollups', () => {
  const db = useDynamoLocal();
  const upstream = useFakeUpstream();
  beforeEach(() => upstream().clearFaults());

  async function setup(now = SCENARIO_NOW, overrides: Record<string, unknown> = {}) {
    const table = await db.newTable();
    const config = configFor(upstream().baseUrl, overrides);
    const repository = new DynamoNetworkRepository(table.client, table.tableName);
    const sources = createIngestSources(config, { now: () => now });
    const doc = documentClient(table.client);
    const count = async (pk: string): Promise<number> =>
      (
        await doc.send(
          new QueryCommand({
            TableName: table.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            Select: 'COUNT',
          }),
        )
      ).Count ?? 0;
    return { config, repository, sources, doc, count, table };
  }

  it('resumes after failing halfway and never duplicates an item', async () => {
    // prepare: the price history endpoint is down during the first run
    const { repository, sources, count } = await setup();
    upstream().setFault(PATHS.historicalPrice, { fault: { kind: 'status', status: 503 } });
    const deps = { sources, repository, telemetry: silentTelemetry, hashratePeriod: '3m', now: SCENARIO_NOW };

    // act 1: epochs land, daily fails
    const first = await runBackfill(deps);
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/HTTP 503/);
    const epochRows = readJsonFixture<unknown[]>('mempool/difficulty-adjustments-all.derived.json').length;
    expect(await count('EPOCH')).toBe(epochRows);
    expect(await count('DAILY')).toBe(0);
    expect((await repository.getBackfillProgress())?.completedSteps).toEqual(['epochs']);

    // act 2: the endpoint is back; the run resumes with the daily step only
    upstream().clearFaults();
    const second = await runBackfill(deps);
    expect(second).toMatchObject({ status: 'complete', epochsStored: 0, daysStored: 92 });
    expect(upstream().hits(PATHS.difficultyAdjustments)).toBe(0);
    expect(await count('EPOCH')).toBe(epochRows);
    expect(await count('DAILY')).toBe(92);

    // act 3: a completed backfill is a no-op
    expect((await runBackfill(deps)).status).toBe('already-complete');
    expect(await count('DAILY')).toBe(92);

    // assess the series: 92 consecutive days, each with hashrate and price, enough for 30/60/90-day windows
    const days = await repository.listDaily();
    expect(days.map((d) => d.date).slice(0, 2)).toEqual(['2025-11-01', '2025-11-02']);
    expect(days.every((d) => d.hashrateHps !== undefined && d.btcPriceUsd !== undefined)).toBe(true);
    // every day carries its estimated blocks, issuance and fees, and says they are estimates
    expect(
      days.every((d) => d.blockCount !== undefined && d.issuanceBtc !== undefined && d.feesBtc !== undefined),
    ).toBe(true);
    expect(new Set(days.map((d) => d.source))).toEqual(
      new Set(['backfill:mempool,estimated:blocks+issuance+fees(3m buckets)']),
    );
    // 2026-01-31 by hand: 9.674041549245284e20 H/s x 86400 s / (141668107417558.25 x 2^32) = 137.4 -> 137 (Coin Metrics: 138)
    const last = days.at(-1)!;
    expect(last.date).toBe('2026-01-31');
    expect((9.674041549245284e20 * 86_400) / (141668107417558.25 * 2 ** 32)).toBeCloseTo(137.37, 2);
    expect(last).toMatchObject({ blockCount: 137, issuanceBtc: 137 * 3.125 });
    const dayMs = days.map((d) => Date.parse(d.date));
    expect(dayMs.slice(1).every((t, i) => t - (dayMs[i] as number) === 86_400_000)).toBe(true);
    // the 1m docs sample's epochs (818496 / 820512 / 822528) match the backfilled ones bit for bit
    const epochs = await repository.listEpochs();
    for (const [time, height, difficulty] of readJsonFixture<[number, number, number, number][]>(
      'mempool/difficulty-adjustments-1m.docs.json',
    )) {
      expect(epochs.find((e) => e.startHeight === height)).toMatchObject({
        difficulty,
        startedAt: new Date(time * 1000).toISOString(),
      });
    }
    // change 820512 -> 822528: 72006146478567.1 / 67305906902031.39 - 1 = +6.983 % (mempool's ratio 1.06983)
    expect(epochs.find((e) => e.epoch === 408)?.changePct).toBeCloseTo(6.983, 2);
  });

  it('writes the closed day with the snapshot, the new epoch once a second cycle agrees, then only the snapshot', async () => {
    // prepare: history ends two days back and the running epoch is not yet stored
    const { config, repository, sources, count } = await setup();
    await repository.putDaily({ date: '2026-01-30', hashrateHps: 9.3e20, source: 'seed' });
    await repository.putEpoch({
      epoch: 462,
      startHeight: 931_392,
      startedAt: '2026-01-08T08:05:43.000Z',
      difficulty: 146472570619930.78,
      source: 'seed',
    });

    // act
    const result = await runIngestCycle({ sources, repository, config, telemetry: silentTelemetry, now: SCENARIO_NOW });

    // assess
    expect(result.status).toBe('stored');
    expect(result.itemsWritten).toBe(2);
    expect(result.dailyWritten).toEqual(['2026-01-31']);
    // The epoch's row waits for a second cycle that agrees on its difficulty (issue #22).
    expect(result.epochWritten).toBeUndefined();
    const second = await runIngestCycle({
      sources,
      repository,
      config,
      telemetry: silentTelemetry,
      now: new Date('2026-02-01T00:20:00Z'),
    });
    expect(second.itemsWritten).toBe(2);
    expect(second.epochWritten).toBe(463);
    const day = (await repository.listDaily('2026-01-31'))[0];
    // the 1w series' last point (timestamp 2026-02-01T00:00Z closes 01-31) and the 00:10 price
    expect(day).toMatchObject({ date: '2026-01-31', hashrateHps: 9.674041549245284e20, btcPriceUsd: 78702 });
    // its blocks: every row of the recorded per-block list timed on 2026-01-31 (138, as Coin Metrics
    // counts; heights 934404-934541), 3.125 BTC each, and their fees summed in satoshis
    const rows = readJsonFixture<{ avgHeight: number; timestamp: number; avgFees: number }[]>(
      'mempool/blocks-fees-3d.derived-2026-02-01.json',
    ).filter(
      (r) =>
        r.timestamp >= Date.parse('2026-01-31T00:00:00Z') / 1000 &&
        r.timestamp < Date.parse('2026-02-01T00:00:00Z') / 1000,
    );
    expect(rows).toHaveLength(138);
    expect(day).toMatchObject({
      blockCount: 138,
      endHeight: 934_541,
      issuanceBtc: 431.25,
      source: 'hashrate:mempool,price:mempool,blocks:mempool',
    });
    expect(day?.feesBtc).toBeCloseTo(rows.reduce((sum, r) => sum + r.avgFees, 0) / 1e8, 10);
    const epoch = await repository.latestEpoch();
    expect(epoch).toMatchObject({
      epoch: 463,
      startHeight: 933_408,
      startedAt: '2026-01-22T19:31:22.000Z',
      difficulty: 141668107417558.25,
    });
    expect(epoch?.changePct).toBeCloseTo((141668107417558.25 / 146472570619930.78 - 1) * 100, 9);

    const next = await runIngestCycle({
      sources,
      repository,
      config,
      telemetry: silentTelemetry,
      now: new Date('2026-02-01T00:30:00Z'),
    });
    expect(next.itemsWritten).toBe(1);
    expect(await count('NETWORK')).toBe(3);
  });

  it('backfill without the fee series: days keep their estimated blocks and issuance, no fees, and say so', async () => {
    const { repository, sources } = await setup();
    upstream().setFault(PATHS.blockFeesBackfill, { fault: { kind: 'status', status: 503 } });
    const result = await runBackfill({
      sources,
      repository,
      telemetry: silentTelemetry,
      hashratePeriod: '3m',
      now: SCENARIO_NOW,
    });
    expect(result).toMatchObject({ status: 'complete', daysStored: 92 });
    const days = await repository.listDaily();
    expect(
      days.every(
        (d) => d.blockCount !== undefined && d.issuanceBtc === d.blockCount * 3.125 && d.feesBtc === undefined,
      ),
    ).toBe(true);
    expect(new Set(days.map((d) => d.source))).toEqual(new Set(['backfill:mempool,estimated:blocks+issuance']));
  });

  it('a rollup waits while the per-block list has a gap, then is written complete by a later cycle', async () => {
    const { config, repository, sources } = await setup();
    await repository.putDaily({ date: '2026-01-30', hashrateHps: 9.3e20, source: 'seed' });
    // 00:10: the last block of the 31st is not listed yet (mempool has not linked a price to it)
    const rows = readJsonFixture<{ avgHeight: number }[]>('mempool/blocks-fees-3d.derived-2026-02-01.json');
    upstream().setFault(PATHS.blockFeesCycle, {
      fault: { kind: 'body', body: JSON.stringify(rows.filter((r) => r.avgHeight !== 934_541)) },
    });
    const first = await runIngestCycle({ sources, repository, config, telemetry: silentTelemetry, now: SCENARIO_NOW });
    expect(first).toMatchObject({ status: 'stored', dailyWritten: [] });
    expect((await repository.latestDaily())?.date).toBe('2026-01-30');

    // 00:20: the list is complete
    upstream().clearFaults();
    const later = new Date('2026-02-01T00:20:00Z');
    const second = await runIngestCycle({
      sources: createIngestSources(config, { now: () => later }),
      repository,
      config,
      telemetry: silentTelemetry,
      now: later,
    });
    expect(second.dailyWritten).toEqual(['2026-01-31']);
    expect(await repository.latestDaily()).toMatchObject({
      date: '2026-01-31',
      blockCount: 138,
      endHeight: 934_541,
      btcPriceUsd: 78702,
    });
  });

  it('gives raw snapshots the configured TTL and never stores an invalid one', async () => {
    const { config, repository, sources, table } = await setup(SCENARIO_NOW, {
      storage: { rawSnapshotRetentionDays: 4000 },
    });
    await runIngestCycle({ sources, repository, config, telemetry: silentTelemetry, now: SCENARIO_NOW });
    const items = await partitionItems(table, 'NETWORK');
    expect(items[0]?.expiresAt).toBe(Date.parse('2026-02-01T00:10:00Z') / 1000 + 4000 * 86_400);

    const good = await repository.latestSnapshot();
    const bad = { ...networkSnapshotSchema.parse(good), intervalStart: '2026-02-01T00:20:00.000Z', hashrateHps: -1 };
    await expect(repository.putSnapshot(bad, 0)).rejects.toThrow(/invalid NetworkSnapshot: hashrateHps/);
    expect(await partitionItems(table, 'NETWORK')).toHaveLength(1);
  });
});

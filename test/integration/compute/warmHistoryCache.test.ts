/**
 * The warm compute's history cache (shared/compute/warmHistoryCache.ts) over the real reader on
 * DynamoDB Local: a warm read returns exactly what a cold read of the table returns, asks only for
 * the newest items, and a backfilled older day shows once the refresh interval has passed.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoNetworkHistoryReader } from '../../../shared/adapters/dynamo/networkHistoryReader';
import { DynamoNetworkRepository } from '../../../shared/adapters/dynamo/networkRepository';
import { HISTORY_REFRESH_MS, WarmHistoryCache } from '../../../shared/compute/warmHistoryCache';
import type { DailyNetwork } from '../../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../../shared/domain/difficultyEpoch';
import { useDynamoLocal } from '../../support/dynamoTable';

const day = (date: string): DailyNetwork => ({
  date,
  hashrateHps: 9e20,
  btcPriceUsd: 90_000,
  blockCount: 144,
  issuanceBtc: 450,
  feesBtc: 3,
  source: 'test',
});
const epoch = (n: number): DifficultyEpoch => ({
  epoch: n,
  startHeight: n * 2016,
  startedAt: new Date(Date.UTC(2025, 0, 1) + n * 14 * 86_400_000).toISOString(),
  difficulty: 1e14 + n,
  source: 'test',
});
const isoDay = (i: number): string => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/** Records the Query requests the client sends (their key conditions and values). */
function recordQueries(client: DynamoDBClient): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') seen.push(args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name: 'recordQueries' },
  );
  return seen;
}

describe('warm history cache (compute)', () => {
  const db = useDynamoLocal();

  it('serves what a cold read serves, asking only for the newest items, and sees a backfill after the refresh', async () => {
    const { client, tableName } = await db.newTable();
    const ingest = new DynamoNetworkRepository(client, tableName);
    for (let i = 0; i < 40; i += 1) if (i !== 10) await ingest.putDaily(day(isoDay(i)));
    for (let n = 400; n < 420; n += 1) await ingest.putEpoch(epoch(n));

    let nowMs = Date.UTC(2025, 1, 10);
    const cold = new DynamoNetworkHistoryReader(client, tableName);
    const queries = recordQueries(client);
    const warm = new WarmHistoryCache(new DynamoNetworkHistoryReader(client, tableName), { nowMs: () => nowMs });

    expect(await warm.dailySince(isoDay(5))).toEqual(await cold.dailySince(isoDay(5)));
    expect(await warm.latestEpochs(8)).toEqual(await cold.latestEpochs(8));

    // A day and an epoch later: the warm reads ask from the newest held item on.
    await ingest.putDaily(day(isoDay(40)));
    await ingest.putEpoch(epoch(420));
    nowMs += 10 * 60_000;
    queries.length = 0;
    const days = await warm.dailySince(isoDay(6));
    const epochs = await warm.latestEpochs(8);
    expect(days).toEqual(await cold.dailySince(isoDay(6)));
    expect(epochs).toEqual(await cold.latestEpochs(8));
    expect(epochs.map((e) => e.epoch)).toEqual([413, 414, 415, 416, 417, 418, 419, 420]);
    expect(days.at(-1)?.date).toBe(isoDay(40));
    const [dailyQuery, epochQuery] = queries;
    expect(dailyQuery?.ExpressionAttributeValues).toMatchObject({ ':from': `DAY#${isoDay(39)}` });
    expect(epochQuery?.Limit).toBe(2);

    // Two epochs at once leave no overlap with what is held: everything is read again.
    await ingest.putEpoch(epoch(421));
    await ingest.putEpoch(epoch(422));
    nowMs += 10 * 60_000;
    expect(await warm.latestEpochs(8)).toEqual(await cold.latestEpochs(8));

    // A backfill fills the gap at day 10: unseen while warm, seen after the refresh interval.
    await ingest.putDaily(day(isoDay(10)));
    nowMs += 10 * 60_000;
    expect((await warm.dailySince(isoDay(6))).map((d) => d.date)).not.toContain(isoDay(10));
    nowMs += HISTORY_REFRESH_MS;
    expect(await warm.dailySince(isoDay(6))).toEqual(await cold.dailySince(isoDay(6)));

    // A clock that went back (an older snapshot replayed) reads everything, as a cold container does.
    nowMs -= 3 * HISTORY_REFRESH_MS;
    queries.length = 0;
    expect(await warm.dailySince(isoDay(2))).toEqual(await cold.dailySince(isoDay(2)));
    expect(queries[0]?.ExpressionAttributeValues).toMatchObject({ ':from': `DAY#${isoDay(2)}` });
  });
});

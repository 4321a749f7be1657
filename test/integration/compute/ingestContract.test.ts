/**
 * The contract between ingest and compute: items written by the ingest's own repository (daily
 * rollups, epochs, a network snapshot) reach the compute handler through the stream and are read
 * back by compute's reader, with hashrates beyond 2^53 intact.
 */
import { describe, expect, it } from 'vitest';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { DynamoNetworkRepository } from '../../../shared/adapters/dynamo/networkRepository';
import { DynamoNetworkHistoryReader } from '../../../shared/adapters/dynamo/networkHistoryReader';
import { DynamoProfitabilityRepository } from '../../../shared/adapters/dynamo/profitabilityRepository';
import { useDynamoLocal } from '../../support/dynamoTable';
import { epochByNumber, historyByDate, lambdaContext, pipeline, snapshotAt } from '../../support/computeHarness';

const sns = mockClientUnderRole(SNSClient);

describe('ingest -> compute contract', () => {
  const db = useDynamoLocal();

  it('computes from what the ingest repository stored', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const table = await db.newTable();
    const ingest = new DynamoNetworkRepository(table.client, table.tableName);
    const days = [...historyByDate.values()].filter((d) => d.date >= '2025-10-01' && d.date < '2025-12-11');
    for (const day of days) await ingest.putDaily(day);
    for (let e = 440; e <= 460; e += 1) await ingest.putEpoch(epochByNumber.get(e)!);
    const snapshot = snapshotAt('2025-12-11T03:50:00.000Z');
    expect(await ingest.putSnapshot(snapshot, Math.floor(Date.parse(snapshot.intervalStart) / 1000) + 86_400)).toBe(
      'stored',
    );

    const reader = new DynamoNetworkHistoryReader(table.client, table.tableName);
    expect(await reader.dailySince('2025-10-01')).toEqual(days);
    expect((await reader.latestEpochs(3)).map((e) => e.epoch)).toEqual([458, 459, 460]);

    const p = pipeline(table);
    const [event] = await p.poller.nextEvents();
    expect(await p.handler(event!, lambdaContext())).toEqual({ batchItemFailures: [] });
    const record = await new DynamoProfitabilityRepository(table.client, table.tableName, 90).get(
      snapshot.intervalStart,
    );
    expect(record?.market).toEqual({
      tipHeight: snapshot.tipHeight,
      difficulty: snapshot.difficulty,
      hashrateHps: snapshot.hashrateHps,
      btcPriceUsd: snapshot.btcPriceUsd,
      feesBtcPerBlock: snapshot.feesBtcPerBlock,
      subsidyBtc: snapshot.subsidyBtc,
    });
    expect(record!.market.hashrateHps).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    // Three drops in a row by then (458, 459, 460): the first evaluation raises straight to critical.
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input.Subject);
    expect(published).toEqual(['[Hashwatch] CRITICAL: 3rd consecutive negative difficulty adjustment (-0.74%)']);
  });
});

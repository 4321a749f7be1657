/**
 * The compute pipeline end to end on DynamoDB Local: real history seeded in the ingest's item
 * shapes, snapshots INSERTed, the table's stream read into the exact DynamoDBStreamEvent Lambda
 * delivers, the real handler called, SNS mocked with exact assertions on every Publish input.
 * Scenario: epoch 460 (2025-12-11T03:47:42Z, -0.74%) was the third negative adjustment in a row.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { DynamoProfitabilityRepository } from '../../../shared/adapters/dynamo/profitabilityRepository';
import { DynamoStreamPoller, localStreamsClient } from '../../../local/devtools/streamPoller';
import { DynamoSignalEventRepository } from '../../../shared/adapters/dynamo/signalEventRepository';
import { DynamoSignalStateRepository } from '../../../shared/adapters/dynamo/signalStateRepository';
import { signalEventId, signalEventSchema } from '../../../shared/domain/signals';
import { useDynamoLocal } from '../../support/dynamoTable';
import { lambdaContext, pipeline, putSnapshot, snapshotAt, TOPIC_ARN } from '../../support/computeHarness';
import { AFTER_460, answerPublishes, BEFORE_460, tableAround460 } from '../../support/epoch460';
import { transitionAttributes } from '../../support/sampleEvent';

const FLEET = {
  name: 'Texas S19',
  machines: [{ model: 'S19 XP', count: 100 }],
  powerPriceUsdPerKwh: 0.062,
  capexUsd: 250_000,
};

const sns = mockClientUnderRole(SNSClient);

describe('compute pipeline: stream -> handler -> DynamoDB + SNS', () => {
  const db = useDynamoLocal();

  beforeEach(() => answerPublishes(sns));
  const seededTable = () => tableAround460(db);

  const publishes = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
  const documentOf = (input: { Message?: string }) =>
    signalEventSchema.parse(JSON.parse(JSON.parse(input.Message!).https));

  it('stores a profitability record per snapshot, with the expected hashprice of independent arithmetic', async () => {
    const table = await seededTable();
    const p = pipeline(table, { config: { fleets: [FLEET] } });
    await putSnapshot(table, snapshotAt(BEFORE_460));
    const [event] = await p.poller.nextEvents();
    expect(await p.handler(event!, lambdaContext())).toEqual({ batchItemFailures: [] });

    const record = await new DynamoProfitabilityRepository(table.client, table.tableName, 90).get(BEFORE_460);
    // 2025-12-11 (Coin Metrics): price 92,623.72, mean difficulty 148,347,367,796,634.94, fees
    // 2.62152377 BTC over 160 blocks; subsidy 3.125 BTC.
    const reward = 3.125 + 2.62152377 / 160;
    const expected = (92623.7198708358 * reward * 86_400 * 1e15) / (148347367796634.94 * 2 ** 32);
    expect(record!.hashprice.expectedUsdPerPhDay).toBeCloseTo(expected, 6);
    expect(record!.hashprice.expectedUsdPerPhDay).toBeGreaterThan(36); // Q4 2025: $36-38/PH/day
    expect(record!.hashprice.expectedUsdPerPhDay).toBeLessThan(42);
    // Realized, from the last closed day (2025-12-10): (484.375 + 2.72107443) x 92,102.93 / 1,150,379,497.85 TH/s x 1000.
    expect(record!.hashprice.realized).toEqual({
      date: '2025-12-10',
      usdPerPhDay: expect.closeTo(((484.375 + 2.72107443) * 92102.9300917592) / (1150379497.8517485 / 1000), 6),
      btcPerPhDay: expect.closeTo((484.375 + 2.72107443) / (1150379497.8517485 / 1000), 12),
    });
    // S19 XP (21.5 J/TH) break-even at this hashprice, pool fee 2%: hp/1000 x 0.98 / (21.5 x 0.024).
    const s19xp = record!.machines.find((m) => m.id === 'antminer-s19-xp')!;
    expect(s19xp.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(
      ((expected / 1000) * 0.98) / (s19xp.efficiencyJPerTh * 0.024),
      9,
    );
    expect(record!.fleetShare.shareNegativePct).toBeGreaterThan(0);
    expect(record!.fleetShare.shareNegativePct).toBeLessThan(100);
    const fleet = record!.ownerFleets[0]!;
    expect(fleet.name).toBe('Texas S19');
    expect(fleet.profitUsdPerDay).toBeCloseTo(
      fleet.revenueUsdPerDay - fleet.powerCostUsdPerDay - fleet.hostingOpexUsdPerDay,
      9,
    );
    expect(record!.indicators.difficultyStreak).toEqual({
      negativeStreak: 2,
      lastEpoch: 459,
      lastChangePct: -1.950596,
    });
    expect(record!.indicators.hashRibbon?.date).toBe('2025-12-10');
    expect(record!.indicators.puell?.multiple).toBeGreaterThan(0);
    expect(record!.indicators.projectedAdjustment.epoch).toBe(459);

    // Riot (reported: 32.2 EH/s at 20.5 J/TH, 4.2 c/kWh): 660.1 MW x 24 h x $42/MWh a day, over
    // its expected BTC a day at this difficulty: 32.2e18 H/s x 86,400 / (D x 2^32) blocks x reward.
    const riot = record!.publicMiners.find((m) => m.ticker === 'RIOT')!;
    const riotPowerUsdPerDay = (32.2e6 * 20.5 * 24 * 0.042) / 1000;
    const riotBtcPerDay = ((32.2e18 * 86_400) / (148347367796634.94 * 2 ** 32)) * reward;
    expect(riot.estimate).toEqual({
      ok: true,
      energyUsdPerBtc: expect.closeTo(riotPowerUsdPerDay / riotBtcPerDay, 3),
      powerMw: expect.closeTo(660.1, 6),
      btcMinedPerDay: expect.closeTo(riotBtcPerDay, 9),
      shareOfNetworkPct: expect.closeTo((32.2e18 / 1179627150376248100000) * 100, 9),
    });
    // Its latest treasury action on 2025-12-11 is the November sale (383 BTC), not the December one.
    expect(riot.latestTreasuryAction).toMatchObject({ date: '2025-11-30', action: 'sold', btc: 383 });
    expect(record!.publicMiners.find((m) => m.ticker === 'WULF')!.estimate).toMatchObject({
      ok: false,
      missing: ['fleetEfficiencyJPerTh'],
    });
  });

  it('raises on the second drop and escalates on the third, each published once with the exact SNS input', async () => {
    const table = await seededTable();
    const p = pipeline(table, { config: { fleets: [FLEET] } });
    await putSnapshot(table, snapshotAt(BEFORE_460));
    await putSnapshot(table, snapshotAt(AFTER_460));
    const events = await p.poller.nextEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.Records).toHaveLength(2);
    expect(await p.handler(events[0]!, lambdaContext())).toEqual({ batchItemFailures: [] });

    const inputs = publishes();
    expect(inputs).toHaveLength(2);
    const raisedId = signalEventId('difficulty-negative-streak', '', 'raised', BEFORE_460);
    const escalatedId = signalEventId('difficulty-negative-streak', '', 'escalated', AFTER_460);
    expect(inputs[0]).toEqual({
      TopicArn: TOPIC_ARN,
      Subject: '[Hashwatch] Warning: 2nd consecutive negative difficulty adjustment (-1.95%)',
      MessageStructure: 'json',
      Message: expect.any(String),
      MessageAttributes: transitionAttributes('difficulty-negative-streak', 'warning', 'raised'),
    });
    expect(inputs[1]).toEqual({
      TopicArn: TOPIC_ARN,
      Subject: '[Hashwatch] CRITICAL: 3rd consecutive negative difficulty adjustment (-0.74%)',
      MessageStructure: 'json',
      Message: expect.any(String),
      MessageAttributes: transitionAttributes('difficulty-negative-streak', 'critical', 'escalated'),
    });
    const message = JSON.parse(inputs[1]!.Message!) as Record<string, string>;
    expect(Object.keys(message).sort()).toEqual(['default', 'email', 'https', 'lambda', 'sqs']);
    expect(message.default).toBe(message.https);
    expect(message.sqs).toBe(message.https);
    expect(message.lambda).toBe(message.https);
    // Epoch table: 458 -2.373248%, 459 -1.950596%, 460 -0.740717% (started 1765424862 s).
    const cumulativePct = ((1 - 0.02373248) * (1 - 0.01950596) * (1 - 0.00740717) - 1) * 100;
    expect(JSON.parse(message.https!)).toEqual({
      schemaVersion: 1,
      type: 'hashwatch.signal.transition',
      id: escalatedId,
      signal: 'difficulty-negative-streak',
      subject: '',
      severity: 'critical',
      transition: 'escalated',
      previousSeverity: 'warning',
      occurredAt: AFTER_460,
      episode: { id: raisedId, startedAt: BEFORE_460 },
      title: '3rd consecutive negative difficulty adjustment (-0.74%)',
      summary: expect.stringContaining('Difficulty has fallen 3 times in a row'),
      evidence: {
        values: {
          negativeStreak: 3,
          previousNegativeStreak: 0,
          lastChangePct: -0.740717,
          streakChangesPct: '-2.37,-1.95,-0.74',
          cumulativeStreakChangePct: expect.closeTo(cumulativePct, 9),
          lastEpoch: 460,
          lastAdjustmentAt: new Date(1765424862 * 1000).toISOString(),
        },
        thresholds: { warningStreak: 2, criticalStreak: 3 },
      },
      // Additive (#23 point 2): the event's figures as data, for receivers to lay out.
      figures: expect.arrayContaining([
        { name: 'Cumulative change over the streak', value: expect.closeTo(cumulativePct, 9), unit: 'pct' },
      ]),
    });
    expect(message.email).toContain('- Adjustments in the streak: -2.37%, -1.95%, -0.74%');
    expect(message.email).toContain(`Cumulative change over the streak: ${cumulativePct.toFixed(2)}%`);
    expect(message.email).toContain(`Event id: ${escalatedId}`);
    expect(documentOf(inputs[0]!).id).toBe(raisedId);

    // Recorded: both events published, with SNS's message ids; the outbox is empty.
    const eventsRepo = new DynamoSignalEventRepository(table.client, table.tableName);
    expect(await eventsRepo.get(raisedId)).toMatchObject({ status: 'published', messageId: 'msg-1', attempts: 1 });
    expect(await eventsRepo.get(escalatedId)).toMatchObject({ status: 'published', messageId: 'msg-2', attempts: 1 });
    expect(await eventsRepo.listPending(10)).toEqual([]);
    const states = await new DynamoSignalStateRepository(table.client, table.tableName).list();
    // The compute's own writes (profitability record, states, events, outbox entries and their
    // updates and deletes) are in the stream too, but the mapping's filter never hands them back.
    expect(await p.poller.nextEvents()).toEqual([]);
    const unfiltered = new DynamoStreamPoller({
      client: localStreamsClient(table.endpoint),
      streamArn: table.streamArn,
      filter: () => true,
    });
    const written = (await unfiltered.nextEvents()).flatMap((e) =>
      e.Records.map((r) => r.dynamodb?.NewImage?.entity?.S ?? `${r.eventName}`),
    );
    expect(new Set(written)).toEqual(
      new Set([
        'DailyNetwork',
        'DifficultyEpoch',
        'NetworkSnapshot',
        'ProfitabilitySnapshot',
        'SignalState',
        'SignalEvent',
        'OutboxEntry',
        'EventLogEntry',
        'REMOVE',
      ]),
    );
    expect(states.get('difficulty-negative-streak#')).toMatchObject({
      version: 2,
      state: {
        status: 'active',
        severity: 'critical',
        activeSince: BEFORE_460,
        episodeId: raisedId,
        evaluatedAt: AFTER_460,
      },
    });
  });

  it('the same stream batch delivered twice publishes nothing more', async () => {
    const table = await seededTable();
    const p = pipeline(table);
    await putSnapshot(table, snapshotAt(BEFORE_460));
    await putSnapshot(table, snapshotAt(AFTER_460));
    const [event] = await p.poller.nextEvents();
    await p.handler(event!, lambdaContext('first'));
    const statesAfterFirst = await new DynamoSignalStateRepository(table.client, table.tableName).list();
    expect(await p.handler(event!, lambdaContext('second'))).toEqual({ batchItemFailures: [] });
    expect(publishes().map((i) => i.MessageAttributes?.transition?.StringValue)).toEqual(['raised', 'escalated']);
    // Versions unchanged: the replay was recognised and committed nothing.
    expect(await new DynamoSignalStateRepository(table.client, table.tableName).list()).toEqual(statesAfterFirst);

    // A full replay of the stream from its start (a new poller at TRIM_HORIZON) changes nothing either.
    const replay = pipeline(table);
    const report = await replay.poller.deliver((e) => replay.handler(e, lambdaContext('replay')));
    expect(report).toMatchObject({ delivered: 2, failedInvocations: 0 });
    expect(publishes()).toHaveLength(2);
  });

  it('a failed publish is reported, kept in the outbox and published on the retry, once', async () => {
    const table = await seededTable();
    sns.reset();
    sns
      .on(PublishCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' }))
      .resolves({ MessageId: 'msg-retry' });
    const p = pipeline(table);
    await putSnapshot(table, snapshotAt(BEFORE_460));
    const [event] = await p.poller.nextEvents();
    const sequenceNumber = event!.Records[0]!.dynamodb!.SequenceNumber!;
    expect(await p.handler(event!, lambdaContext('fails'))).toEqual({
      batchItemFailures: [{ itemIdentifier: sequenceNumber }],
    });

    const raisedId = signalEventId('difficulty-negative-streak', '', 'raised', BEFORE_460);
    const eventsRepo = new DynamoSignalEventRepository(table.client, table.tableName);
    expect(await eventsRepo.get(raisedId)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'ThrottledException: Rate exceeded',
    });
    expect(await eventsRepo.listPending(10)).toEqual([{ eventId: raisedId, occurredAt: BEFORE_460 }]);

    // Lambda retries the reported record: the decision is already recorded, the publish is retried.
    expect(await p.handler(event!, lambdaContext('retry'))).toEqual({ batchItemFailures: [] });
    const inputs = publishes();
    expect(inputs).toHaveLength(2);
    expect(inputs[1]).toEqual(inputs[0]); // the very same message, not a re-evaluated one
    expect(documentOf(inputs[1]!).id).toBe(raisedId);
    expect(await eventsRepo.get(raisedId)).toMatchObject({ status: 'published', messageId: 'msg-retry', attempts: 2 });
    expect(await eventsRepo.listPending(10)).toEqual([]);
  });

  it('a crash between the write and the publish loses nothing: the claim expires and the next compute publishes once', async () => {
    const table = await seededTable();
    let nowMs = Date.parse('2025-12-11T03:41:00Z');
    const crashing = pipeline(table, {
      nowMs: () => nowMs,
      publishLeaseMs: 60_000,
      sink: {
        // The process dies while publishing: nothing after this line runs (no release, no mark).
        publish: () => new Promise(() => undefined),
      },
    });
    await putSnapshot(table, snapshotAt(BEFORE_460));
    const [first] = await crashing.poller.nextEvents();
    const died = crashing.handler(first!, lambdaContext('dies'));
    const raisedId = signalEventId('difficulty-negative-streak', '', 'raised', BEFORE_460);
    const eventsRepo = new DynamoSignalEventRepository(table.client, table.tableName);
    await expect.poll(async () => (await eventsRepo.get(raisedId))?.status, { timeout: 10_000 }).toBe('publishing');
    void died; // never settles: the "crashed" invocation

    // Lambda retries the record inside the lease: the event is someone else's, so nothing is published yet.
    const p = pipeline(table, { nowMs: () => nowMs, publishLeaseMs: 60_000 });
    await p.handler(first!, lambdaContext('retry-in-lease'));
    expect(publishes()).toHaveLength(0);

    // After the lease, the next snapshot's compute takes the event over and publishes it once.
    nowMs += 120_000;
    await putSnapshot(table, snapshotAt(AFTER_460));
    const next = await p.poller.nextEvents();
    for (const e of next) await p.handler(e, lambdaContext('after-lease'));
    expect(publishes().map((i) => documentOf(i).id)).toEqual([
      raisedId,
      signalEventId('difficulty-negative-streak', '', 'escalated', AFTER_460),
    ]);
    expect(await eventsRepo.get(raisedId)).toMatchObject({ status: 'published', attempts: 2 });
  });

  it('concurrent computes on the same snapshot record and publish each event once', async () => {
    const table = await seededTable();
    const computes = Array.from({ length: 4 }, () => pipeline(table));
    await putSnapshot(table, snapshotAt(BEFORE_460));
    const [event] = await computes[0]!.poller.nextEvents();
    // Force the race: the four computes each read the signal states, and none may write before all
    // four have read (a barrier on the first read of each), so all four decide on the same version.
    const originalList = DynamoSignalStateRepository.prototype.list;
    let firstReads = 0;
    let openBarrier: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (openBarrier = resolve));
    const list = vi.spyOn(DynamoSignalStateRepository.prototype, 'list').mockImplementation(async function (
      this: DynamoSignalStateRepository,
    ) {
      const states = await originalList.call(this);
      if (firstReads < computes.length) {
        firstReads += 1;
        if (firstReads === computes.length) openBarrier();
        await barrier;
      }
      return states;
    });
    const commit = vi.spyOn(DynamoSignalStateRepository.prototype, 'commit');
    const results = await Promise.all(computes.map((c, i) => c.handler(event!, lambdaContext(`c${i}`))));
    const outcomes = await Promise.all(commit.mock.results.map((r) => r.value as Promise<string>));
    const commits = commit.mock.calls.map(([change]) => change);
    list.mockRestore();
    commit.mockRestore();
    // Every state was committed by exactly one compute; the other three met a version conflict,
    // re-read, found the decision made, and committed nothing more.
    const committedByState = new Map<string, number>();
    commits.forEach((change, i) => {
      if (outcomes[i] === 'committed')
        committedByState.set(
          change.state.signal + change.state.subject,
          (committedByState.get(change.state.signal + change.state.subject) ?? 0) + 1,
        );
    });
    expect(committedByState.size).toBeGreaterThan(0);
    expect([...committedByState.values()].every((n) => n === 1)).toBe(true);
    expect(outcomes.filter((o) => o === 'conflict').length).toBe(3 * committedByState.size);
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ batchItemFailures: [] })));
    expect(publishes().map((i) => documentOf(i).id)).toEqual([
      signalEventId('difficulty-negative-streak', '', 'raised', BEFORE_460),
    ]);
    const states = await new DynamoSignalStateRepository(table.client, table.tableName).list();
    expect(states.get('difficulty-negative-streak#')?.version).toBe(1);
  });

  it('two computes racing on consecutive snapshots still give one event per transition', async () => {
    const table = await seededTable();
    const a = pipeline(table);
    const b = pipeline(table, { batchSize: 1 });
    await putSnapshot(table, snapshotAt(BEFORE_460));
    await putSnapshot(table, snapshotAt(AFTER_460));
    const [one, two] = await b.poller.nextEvents();
    const responses = await Promise.all([
      a.handler(two!, lambdaContext('a')),
      b.handler(one!, lambdaContext('b')),
      a.handler(one!, lambdaContext('a2')),
    ]);
    responses.push(await b.handler(two!, lambdaContext('b2')));
    expect(responses).toEqual(Array.from({ length: 4 }, () => ({ batchItemFailures: [] })));
    const ids = publishes().map((i) => documentOf(i).id);
    expect(new Set(ids).size).toBe(ids.length);
    // Whichever order they ran in, the final state is critical and no transition was published twice.
    const states = await new DynamoSignalStateRepository(table.client, table.tableName).list();
    expect(states.get('difficulty-negative-streak#')?.state).toMatchObject({
      status: 'active',
      severity: 'critical',
      evaluatedAt: AFTER_460,
    });
  });

  it('reports a poison record without blocking the records behind it', async () => {
    const table = await seededTable();
    const p = pipeline(table);
    await putSnapshot(table, snapshotAt(BEFORE_460));
    // A NetworkSnapshot item the ingest would never write: negative difficulty.
    await putSnapshot(table, { ...snapshotAt('2025-12-11T03:45:00.000Z'), difficulty: -1 });
    await putSnapshot(table, snapshotAt(AFTER_460));
    const [event] = await p.poller.nextEvents();
    expect(event!.Records).toHaveLength(3);
    const poisonSequence = event!.Records[1]!.dynamodb!.SequenceNumber!;
    expect(await p.handler(event!, lambdaContext())).toEqual({
      batchItemFailures: [{ itemIdentifier: poisonSequence }],
    });
    // The records behind the poison one were processed: both transitions published.
    expect(publishes().map((i) => i.MessageAttributes?.transition?.StringValue)).toEqual(['raised', 'escalated']);
    const profits = new DynamoProfitabilityRepository(table.client, table.tableName, 90);
    expect(await profits.get(AFTER_460)).toBeDefined();
    expect(await profits.get('2025-12-11T03:45:00.000Z')).toBeUndefined();

    // Through the poller (Lambda's retry semantics): the poison record is retried, then discarded.
    const retrying = pipeline(table, { maxRetryAttempts: 1 });
    const report = await retrying.poller.deliver((e) => retrying.handler(e, lambdaContext()));
    expect(report.discarded.map((r) => r.dynamodb?.SequenceNumber)).toEqual([poisonSequence]);
    expect(publishes()).toHaveLength(2);
  });
});

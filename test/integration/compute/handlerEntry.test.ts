/**
 * The deployed entry point (functions/compute/handler.ts, what the infra bundles) wired from the
 * environment exactly as in Lambda, against DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB) and a
 * mocked SNS, its clients under the compute role; and its metrics, under the names the alarms and dashboard use.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { useEntryPointRoles } from '../../support/iam/entryPointRoles';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { SIGNAL_IDS, signalEventId } from '../../../shared/domain/signals';
import { useDynamoLocal } from '../../support/dynamoTable';
import { savedEnv } from '../../support/processEnv';
import { DynamoStreamPoller, localStreamsClient } from '../../../local/devtools/streamPoller';
import { SCHEDULED_DRAIN_EVENT } from '../../../shared/compute/scheduledDrainEvent';
import { lambdaContext, pipeline, putSnapshot, seedDaily, seedEpochs, snapshotAt } from '../../support/computeHarness';

const sns = mockClientUnderRole(SNSClient);
const underDeployedRoles = useEntryPointRoles();
const ENV_KEYS = [
  'POWERTOOLS_LOG_LEVEL',
  'TABLE_NAME',
  'TOPIC_ARN',
  'HASHWATCH_COMPUTE_CONFIG',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];

describe('compute entry point and metrics', () => {
  const db = useDynamoLocal();
  const restoreEnv = savedEnv(ENV_KEYS);

  afterEach(() => {
    restoreEnv();
    vi.restoreAllMocks();
    vi.resetModules();
    sns.reset();
  });

  async function tableWithSnapshot() {
    const table = await db.newTable();
    await seedDaily(table, '2025-12-11', 400);
    await seedEpochs(table, 400, 460);
    await putSnapshot(table, snapshotAt('2025-12-11T03:40:00.000Z'));
    return table;
  }

  it('runs from its environment: TABLE_NAME, TOPIC_ARN, HASHWATCH_COMPUTE_CONFIG', async () => {
    const table = await tableWithSnapshot();
    Object.assign(process.env, {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      TABLE_NAME: table.tableName,
      TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:alerts',
      HASHWATCH_COMPUTE_CONFIG: JSON.stringify({
        signals: { 'difficulty-negative-streak': { warningStreak: 2, criticalStreak: 2 } },
      }),
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    underDeployedRoles({ tableName: table.tableName, alertsTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts' });
    const { handler } = await import('../../../functions/compute/handler');
    const poller = new DynamoStreamPoller({ client: localStreamsClient(table.endpoint), streamArn: table.streamArn });
    const [event] = await poller.nextEvents();
    expect(await handler(event!, lambdaContext())).toEqual({ batchItemFailures: [] });
    const calls = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(calls.map((i) => [i.TopicArn, i.Subject, i.MessageAttributes?.severity?.StringValue])).toEqual([
      [
        'arn:aws:sns:eu-west-1:123456789012:alerts',
        '[Hashwatch] CRITICAL: 2nd consecutive negative difficulty adjustment (-1.95%)',
        'critical',
      ],
    ]);
  });

  it('fails its cold start on bad config, naming the field', async () => {
    Object.assign(process.env, {
      TABLE_NAME: 't',
      TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
      HASHWATCH_COMPUTE_CONFIG: JSON.stringify({
        signals: { 'fleet-share-negative': { warningPct: 25, criticalPct: 20 } },
      }),
      AWS_REGION: 'us-east-1',
    });
    await expect(import('../../../functions/compute/handler')).rejects.toThrow(
      /signals\.fleet-share-negative\.criticalPct: criticalPct must be >= warningPct/,
    );
    vi.resetModules();
    process.env.HASHWATCH_COMPUTE_CONFIG = JSON.stringify({
      fleets: [{ name: 'A', machines: [{ model: 'S19 XPP', count: 1 }], powerPriceUsdPerKwh: 0.05 }],
    });
    await expect(import('../../../functions/compute/handler')).rejects.toThrow(
      /fleets\.0\.machines\.0\.model: unknown machine model "S19 XPP"; closest: .*S19 XP/,
    );
  });

  it('emits HashpriceUsdPerPhDay, FleetShareNegativePct, ActiveSignals, PublishFailures, RecordFailures and OutboxPendingAgeSeconds, no dimension of its own', async () => {
    const table = await tableWithSnapshot();
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const added: { name: string; unit: string; value: number; dimensions: Record<string, string> }[] = [];
    const dimensionsOf = new WeakMap<Metrics, Record<string, string>>();
    vi.spyOn(Metrics.prototype, 'addDimension').mockImplementation(function (
      this: Metrics,
      name: string,
      value: string,
    ) {
      dimensionsOf.set(this, { ...(dimensionsOf.get(this) ?? {}), [name]: value });
      return this;
    });
    vi.spyOn(Metrics.prototype, 'addMetric').mockImplementation(function (this: Metrics, name, unit, value) {
      added.push({ name, unit, value, dimensions: dimensionsOf.get(this) ?? {} });
      return this;
    });
    const p = pipeline(table);
    const [event] = await p.poller.nextEvents();
    await p.handler(event!, lambdaContext());
    const byName = (name: string) => added.filter((m) => m.name === name);
    // 2025-12-11: price 92,623.72, difficulty 148,347,367,796,634.94, 3.125 + 2.62152377/160 BTC a block.
    const hashprice = (92623.7198708358 * (3.125 + 2.62152377 / 160) * 86_400 * 1e15) / (148347367796634.94 * 2 ** 32);
    expect(byName('HashpriceUsdPerPhDay')).toEqual([
      { name: 'HashpriceUsdPerPhDay', unit: 'None', value: expect.closeTo(hashprice, 9), dimensions: {} },
    ]);
    expect(byName('FleetShareNegativePct')).toHaveLength(1);
    expect(byName('PublishFailures')).toEqual([{ name: 'PublishFailures', unit: 'Count', value: 0, dimensions: {} }]);
    expect(byName('RecordFailures')).toEqual([{ name: 'RecordFailures', unit: 'Count', value: 0, dimensions: {} }]);
    // The one event was published: nothing waits.
    expect(byName('OutboxPendingAgeSeconds')).toEqual([
      { name: 'OutboxPendingAgeSeconds', unit: 'Seconds', value: 0, dimensions: {} },
    ]);
    // one signal (the difficulty streak) is active: counted, and named in the log line
    expect(byName('ActiveSignals')).toEqual([{ name: 'ActiveSignals', unit: 'Count', value: 1, dimensions: {} }]);
    expect(added.map((m) => m.name).sort()).toEqual([
      'ActiveSignals',
      'FleetShareNegativePct',
      'HashpriceUsdPerPhDay',
      'OutboxPendingAgeSeconds',
      'PublishFailures',
      'RecordFailures',
    ]);
    expect(SIGNAL_IDS).toContain('difficulty-negative-streak');
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(JSON.parse(JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!).sqs).id).toBe(
      signalEventId('difficulty-negative-streak', '', 'raised', '2025-12-11T03:40:00.000Z'),
    );
  });

  it('counts failed records, and the scheduled drain publishes what waits without a new snapshot, reporting its age', async () => {
    const table = await tableWithSnapshot();
    const added: { name: string; value: number }[] = [];
    vi.spyOn(Metrics.prototype, 'addMetric').mockImplementation(function (this: Metrics, name, _unit, value) {
      added.push({ name, value });
      return this;
    });
    const decidedAt = Date.parse('2025-12-11T03:40:00.000Z');
    let nowMs = decidedAt + 60_000;
    const p = pipeline(table, { nowMs: () => nowMs });
    // SNS is down: the record fails (retried by Lambda), the event waits in the outbox.
    sns.on(PublishCommand).rejects(Object.assign(new Error('down'), { name: 'InternalErrorException' }));
    const [event] = await p.poller.nextEvents();
    const response = await p.handler(event!, lambdaContext());
    expect(response.batchItemFailures).toHaveLength(1);
    expect(added.filter((m) => m.name === 'RecordFailures').map((m) => m.value)).toEqual([1]);
    expect(added.filter((m) => m.name === 'OutboxPendingAgeSeconds').map((m) => m.value)).toEqual([60]);

    // Twenty minutes on, no new snapshot, SNS still down: the drain fails, reports the age, does not throw.
    nowMs = decidedAt + 20 * 60_000;
    added.length = 0;
    expect(await p.handler(SCHEDULED_DRAIN_EVENT, lambdaContext())).toEqual({
      published: 0,
      failed: 1,
      oldestPendingAt: '2025-12-11T03:40:00.000Z',
    });
    expect(added).toEqual([
      { name: 'PublishFailures', value: 1 },
      { name: 'OutboxPendingAgeSeconds', value: 1200 },
    ]);

    // SNS is back: the next scheduled drain publishes it, and the outbox is empty.
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    nowMs += 5 * 60_000;
    added.length = 0;
    expect(await p.handler(SCHEDULED_DRAIN_EVENT, lambdaContext())).toEqual({
      published: 1,
      failed: 0,
      oldestPendingAt: null,
    });
    expect(added).toEqual([
      { name: 'PublishFailures', value: 0 },
      { name: 'OutboxPendingAgeSeconds', value: 0 },
    ]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);

    // Anything else than a stream batch or the schedule's exact event is refused, naming the field.
    await expect(p.handler({ drain: 'manual' } as never, lambdaContext())).rejects.toThrow(/drain/);
  });
});

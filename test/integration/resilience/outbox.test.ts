/**
 * Issue #15, defects 3 and 7: the outbox keeps alerts flowing past items this build cannot read,
 * past a failing compute, and in order past a dead worker's claim. DynamoDB Local, the real handler,
 * the table's stream, SNS mocked with the exact inputs asserted.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { DynamoSignalEventRepository } from '../../../shared/adapters/dynamo/signalEventRepository';
import { Entity, keys } from '../../../shared/store/tableKeys';
import { computeSnapshot } from '../../../shared/compute/computeSnapshot';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { signalEventId, signalEventSchema } from '../../../shared/domain/signals';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { computeDependencies, lambdaContext, pipeline, putSnapshot, snapshotAt } from '../../support/computeHarness';
import { AFTER_460, answerPublishes, BEFORE_460, tableAround460 } from '../../support/epoch460';

const raisedId = signalEventId('difficulty-negative-streak', '', 'raised', BEFORE_460);
const escalatedId = signalEventId('difficulty-negative-streak', '', 'escalated', AFTER_460);

const sns = mockClientUnderRole(SNSClient);
const publishedIds = (): string[] =>
  sns
    .commandCalls(PublishCommand)
    .map((c) => signalEventSchema.parse(JSON.parse(JSON.parse(c.args[0].input.Message!).https)).id);

async function putRaw(table: TestTable, item: Record<string, unknown>): Promise<void> {
  await table.client.send(
    new PutItemCommand({ TableName: table.tableName, Item: marshall(item, { removeUndefinedValues: true }) }),
  );
}

/** A signal state item as a hand edit or another release left it: stored shape, any signal, any status. */
async function putStateItem(table: TestTable, signal: string, fields: { status: string; version: number }) {
  await putRaw(table, {
    ...keys.signalState(signal as never, ''),
    entity: Entity.SignalState,
    signal,
    subject: '',
    ...fields,
  });
}

/** The first compute (the snapshot before epoch 460, through the stream) fails no record and raises the streak. */
async function expectFirstComputeRaises(table: TestTable): Promise<void> {
  const p = pipeline(table);
  await putSnapshot(table, snapshotAt(BEFORE_460));
  const [event] = await p.poller.nextEvents();
  expect(await p.handler(event!, lambdaContext())).toEqual({ batchItemFailures: [] });
  expect(publishedIds()).toEqual([raisedId]);
}

describe('outbox resilience (issue #15)', () => {
  const db = useDynamoLocal();
  beforeEach(() => answerPublishes(sns));
  const seededTable = () => tableAround460(db);

  it('defect 3: a state item with a signal id this build does not know does not stop the compute', async () => {
    const table = await seededTable();
    await putStateItem(table, 'signal-from-a-newer-release', { status: 'active', version: 3 });
    await expectFirstComputeRaises(table);
  });

  it('defect 3: a corrupt state of a known signal is reset and rewritten, not a poison for every record', async () => {
    const table = await seededTable();
    await putStateItem(table, 'difficulty-negative-streak', { status: 'edited-by-hand', version: 7 });
    await expectFirstComputeRaises(table);
  });

  it('defect 3: a pending event whose document fails the schema is set aside; the ones behind it are published', async () => {
    const table = await seededTable();
    const badId = '00000000-0000-8000-8000-000000000bad';
    const occurredAt = '2025-12-10T00:00:00.000Z';
    await putRaw(table, {
      ...keys.signalEvent(badId),
      entity: Entity.SignalEvent,
      eventId: badId,
      occurredAt,
      status: 'pending',
      attempts: 0,
      document: '{"schemaVersion":99,"id":"not what this build reads"}',
    });
    await putRaw(table, {
      ...keys.outboxEntry(occurredAt, badId),
      entity: Entity.OutboxEntry,
      eventId: badId,
      occurredAt,
    });
    await expectFirstComputeRaises(table);
    const repo = new DynamoSignalEventRepository(table.client, table.tableName);
    expect(await repo.listPending(10)).toEqual([]);
    // Kept, not lost: the item stays, marked, with the reason.
    expect(await repo.getStatus(badId)).toMatchObject({
      status: 'unpublishable',
      lastError: expect.stringMatching(/document/),
    });
  });

  it('defect 3: a compute that fails still drains what is already committed', async () => {
    const table = await seededTable();
    const p = pipeline(table, { sink: { publish: () => Promise.reject(new Error('SNS down')) } });
    await putSnapshot(table, snapshotAt(BEFORE_460));
    const [event] = await p.poller.nextEvents();
    await p.handler(event!, lambdaContext('sns-down'));
    expect(publishedIds()).toEqual([]);

    // SNS is healthy again, but this compute fails (DynamoDB trouble reading the history).
    const { deps } = computeDependencies(table, parseComputeConfig({}));
    deps.history = {
      dailySince: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
      latestEpochs: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
    };
    await expect(computeSnapshot(snapshotAt(AFTER_460), deps)).rejects.toThrow(/ProvisionedThroughput/);
    expect(publishedIds()).toEqual([raisedId]);
  });

  it('defect 7: a dead worker\u2019s claim holds the later transitions back, so they are published in order', async () => {
    const table = await seededTable();
    let nowMs = Date.parse('2025-12-11T03:41:00Z');
    const crashing = pipeline(table, {
      nowMs: () => nowMs,
      publishLeaseMs: 60_000,
      sink: { publish: () => new Promise(() => undefined) },
    });
    await putSnapshot(table, snapshotAt(BEFORE_460));
    const [first] = await crashing.poller.nextEvents();
    void crashing.handler(first!, lambdaContext('dies'));
    const repo = new DynamoSignalEventRepository(table.client, table.tableName);
    await expect.poll(async () => (await repo.get(raisedId))?.status, { timeout: 10_000 }).toBe('publishing');

    // The next snapshot inside the dead worker's lease: its escalation must wait for the raise.
    nowMs += 10_000;
    const p = pipeline(table, { nowMs: () => nowMs, publishLeaseMs: 60_000 });
    await putSnapshot(table, snapshotAt(AFTER_460));
    for (const e of await p.poller.nextEvents()) await p.handler(e, lambdaContext('in-lease'));
    expect(publishedIds()).toEqual([]);
    expect((await repo.listPending(10)).map((e) => e.eventId)).toEqual([raisedId, escalatedId]);

    nowMs += 120_000;
    await putSnapshot(table, snapshotAt('2025-12-11T04:00:00.000Z'));
    for (const e of await p.poller.nextEvents()) await p.handler(e, lambdaContext('after-lease'));
    expect(publishedIds()).toEqual([raisedId, escalatedId]);
  });

  it('issue #22: with GetItem revoked, the drain stops at the held event it cannot read, reports it, and publishes in order after the lease', async () => {
    const table = await seededTable();
    let nowMs = Date.parse('2025-12-11T03:41:00Z');
    const crashing = pipeline(table, {
      nowMs: () => nowMs,
      publishLeaseMs: 60_000,
      sink: { publish: () => new Promise(() => undefined) },
    });
    await putSnapshot(table, snapshotAt(BEFORE_460));
    const [first] = await crashing.poller.nextEvents();
    void crashing.handler(first!, lambdaContext('dies'));
    const repo = new DynamoSignalEventRepository(table.client, table.tableName);
    await expect.poll(async () => (await repo.get(raisedId))?.status, { timeout: 10_000 }).toBe('publishing');

    // The compute role without GetItem: the held raise's status cannot be read.
    const p = pipeline(table, { nowMs: () => nowMs, publishLeaseMs: 60_000 });
    p.role.revoke('dynamodb:GetItem');
    p.role.expectDenials('dynamodb:GetItem');
    const failures = vi.spyOn(p.metrics, 'addMetric');
    nowMs += 10_000;
    await putSnapshot(table, snapshotAt(AFTER_460));
    const results = [];
    for (const e of await p.poller.nextEvents()) results.push(await p.handler(e, lambdaContext('in-lease')));
    // Not silent: the record fails (the stream retries it), the publish-failure metric counts it.
    expect(results.flatMap((r) => r.batchItemFailures)).not.toEqual([]);
    expect(
      failures.mock.calls.filter(([name, , value]) => name === 'PublishFailures' && Number(value) > 0),
    ).not.toEqual([]);
    expect(p.role.denials().map((d) => d.action)).toContain('dynamodb:GetItem');
    // Not lost and not overtaken: both still wait, the raise first, nothing published.
    expect(publishedIds()).toEqual([]);
    expect((await repo.listPending(10)).map((e) => e.eventId)).toEqual([raisedId, escalatedId]);
    expect((await repo.get(raisedId))?.status).toBe('publishing');

    // After the dead worker's lease the claim itself succeeds (no GetItem needed): in order.
    nowMs += 120_000;
    await putSnapshot(table, snapshotAt('2025-12-11T04:00:00.000Z'));
    for (const e of await p.poller.nextEvents()) await p.handler(e, lambdaContext('after-lease'));
    expect(publishedIds()).toEqual([raisedId, escalatedId]);
  });
});

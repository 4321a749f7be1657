import { describe, expect, it } from 'vitest';
import { PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { useDynamoLocal } from '../../support/dynamoTable';
import { DynamoStreamPoller, localStreamsClient } from '../../../local/devtools/streamPoller';

describe('DynamoStreamPoller', () => {
  const db = useDynamoLocal();

  async function setup(batchSize?: number, maxRetryAttempts?: number) {
    const table = await db.newTable();
    const streams = localStreamsClient(table.endpoint);
    const poller = new DynamoStreamPoller({
      client: streams,
      streamArn: table.streamArn,
      region: 'eu-west-1',
      ...(batchSize ? { batchSize } : {}),
      ...(maxRetryAttempts !== undefined ? { maxRetryAttempts } : {}),
    });
    const put = (sk: string, entity: string, extra: Record<string, AttributeValue> = {}) =>
      table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: { pk: { S: 'NETWORK' }, sk: { S: sk }, entity: { S: entity }, ...extra },
        }),
      );
    return { table, poller, put };
  }

  it('turns an INSERT of a network snapshot into the exact record Lambda delivers', async () => {
    const { table, poller, put } = await setup();
    await put('SNAP#2026-01-01T00:00:00.000Z', 'NetworkSnapshot', {
      difficulty: { N: '148200000000000' },
      blob: { B: new Uint8Array([1, 2, 3]) },
      fiatPrices: { M: {} },
      flags: { L: [] },
      nested: { M: { eur: { N: '80000.5' }, none: { NULL: true }, ok: { BOOL: true } } },
    });
    const events = await poller.nextEvents();
    expect(events).toHaveLength(1);
    const record = events[0]!.Records[0]!;
    expect(Object.keys(record).sort()).toEqual([
      'awsRegion',
      'dynamodb',
      'eventID',
      'eventName',
      'eventSource',
      'eventSourceARN',
      'eventVersion',
    ]);
    expect(record).toMatchObject({
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: table.streamArn,
    });
    expect(typeof record.eventID).toBe('string');
    const ddb = record.dynamodb!;
    expect(ddb.Keys).toEqual({ pk: { S: 'NETWORK' }, sk: { S: 'SNAP#2026-01-01T00:00:00.000Z' } });
    expect(ddb.NewImage).toEqual({
      pk: { S: 'NETWORK' },
      sk: { S: 'SNAP#2026-01-01T00:00:00.000Z' },
      entity: { S: 'NetworkSnapshot' },
      difficulty: { N: '148200000000000' },
      blob: { B: 'AQID' },
      fiatPrices: { M: {} },
      flags: { L: [] },
      nested: { M: { eur: { N: '80000.5' }, none: { NULL: true }, ok: { BOOL: true } } },
    });
    expect(ddb.StreamViewType).toBe('NEW_IMAGE');
    expect(typeof ddb.SequenceNumber).toBe('string');
    expect(ddb.SizeBytes).toBeGreaterThan(0);
    // Epoch seconds, as Lambda gives it (not a Date, not milliseconds: 1e10 s is the year 2286).
    expect(typeof ddb.ApproximateCreationDateTime).toBe('number');
    expect(Number.isInteger(ddb.ApproximateCreationDateTime)).toBe(true);
    expect(ddb.ApproximateCreationDateTime).toBeGreaterThan(1e9);
    expect(ddb.ApproximateCreationDateTime).toBeLessThan(1e10);
    // A second read sees nothing new.
    expect(await poller.nextEvents()).toEqual([]);
  });

  it('applies the event source filter: only INSERTs of NetworkSnapshot items pass', async () => {
    const { table, poller, put } = await setup();
    await put('SNAP#a', 'NetworkSnapshot');
    await put('SNAP#b', 'ProfitabilitySnapshot');
    await put('SNAP#c', 'SignalEvent');
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: 'NETWORK' }, sk: { S: 'SNAP#a' } },
        UpdateExpression: 'SET flagged = :t',
        ExpressionAttributeValues: { ':t': { S: 'yes' } },
      }),
    );
    await put('SNAP#d', 'NetworkSnapshot');
    const events = await poller.nextEvents();
    const sks = events.flatMap((e) => e.Records.map((r) => r.dynamodb?.Keys?.sk?.S));
    expect(sks).toEqual(['SNAP#a', 'SNAP#d']);
  });

  it('cuts batches of batchSize in stream order', async () => {
    const { poller, put } = await setup(2);
    for (const sk of ['SNAP#1', 'SNAP#2', 'SNAP#3', 'SNAP#4', 'SNAP#5']) await put(sk, 'NetworkSnapshot');
    const events = await poller.nextEvents();
    expect(events.map((e) => e.Records.map((r) => r.dynamodb?.Keys?.sk?.S))).toEqual([
      ['SNAP#1', 'SNAP#2'],
      ['SNAP#3', 'SNAP#4'],
      ['SNAP#5'],
    ]);
  });

  it('lean polling delivers the same records in the same order with fewer requests', async () => {
    const { table, put } = await setup();
    const requests = { thorough: 0, lean: 0 };
    const pollerOf = (polling: 'thorough' | 'lean') => {
      const client = localStreamsClient(table.endpoint);
      client.middlewareStack.add(
        (next) => (args) => {
          requests[polling] += 1;
          return next(args);
        },
        { step: 'initialize', name: 'countRequests' },
      );
      return new DynamoStreamPoller({ client, streamArn: table.streamArn, polling });
    };
    const thorough = pollerOf('thorough');
    const lean = pollerOf('lean');
    const keysOf = (events: DynamoDBStreamEvent[]) =>
      events.flatMap((e) => e.Records.map((r) => r.dynamodb?.Keys?.sk?.S));
    const seen = { thorough: [] as unknown[], lean: [] as unknown[] };
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < 3; i += 1) await put(`SNAP#${round}-${i}`, 'NetworkSnapshot');
      seen.thorough.push(...keysOf(await thorough.nextEvents()));
      seen.lean.push(...keysOf(await lean.nextEvents()));
    }
    expect(seen.lean).toHaveLength(15);
    expect(seen.lean).toEqual(seen.thorough);
    // Thorough: DescribeStream and two GetRecords per poll; lean: one GetRecords after the first.
    expect(requests.lean).toBeLessThan(requests.thorough / 2);
  });

  it('retries from the first reported failure and discards a record that keeps failing', async () => {
    const { poller, put } = await setup(3, 1);
    for (const sk of ['SNAP#1', 'SNAP#2', 'SNAP#3', 'SNAP#4']) await put(sk, 'NetworkSnapshot');
    const seen: string[][] = [];
    const handler = async (event: DynamoDBStreamEvent) => {
      seen.push(event.Records.map((r) => r.dynamodb!.Keys!.sk!.S!));
      const poison = event.Records.find((r) => r.dynamodb?.Keys?.sk?.S === 'SNAP#2');
      return { batchItemFailures: poison ? [{ itemIdentifier: poison.dynamodb!.SequenceNumber! }] : [] };
    };
    const report = await poller.deliver(handler);
    expect(seen).toEqual([
      ['SNAP#1', 'SNAP#2', 'SNAP#3'],
      ['SNAP#2', 'SNAP#3', 'SNAP#4'],
      ['SNAP#3', 'SNAP#4'],
    ]);
    expect(report.discarded.map((r) => r.dynamodb?.Keys?.sk?.S)).toEqual(['SNAP#2']);
    expect(report).toMatchObject({ invocations: 3, delivered: 3, failedInvocations: 2 });
  });

  it('treats a thrown handler error as a failure of the whole batch', async () => {
    const { poller, put } = await setup(10, 0);
    await put('SNAP#1', 'NetworkSnapshot');
    await put('SNAP#2', 'NetworkSnapshot');
    let calls = 0;
    const report = await poller.deliver(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
    });
    // maxRetryAttempts 0: the head is discarded after the first failure, the rest redelivered.
    expect(report.discarded.map((r) => r.dynamodb?.Keys?.sk?.S)).toEqual(['SNAP#1']);
    expect(report.delivered).toBe(1);
  });
});

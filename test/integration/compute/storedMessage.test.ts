/**
 * An event is rendered once: the message (subject, text, details) decided with the transition is
 * stored on the event item, and the outbox drain publishes exactly what was stored, never a fresh
 * rendering. An event item written by an older build (no stored message) still publishes, with the
 * message rendered from its document: the same e-mail that build would have sent.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../../shared/adapters/dynamo/documentClient';
import { DynamoSignalEventRepository, newEventItems } from '../../../shared/adapters/dynamo/signalEventRepository';
import { DynamoSignalStateRepository } from '../../../shared/adapters/dynamo/signalStateRepository';
import { drainOutbox } from '../../../shared/compute/computeSnapshot';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import {
  buildSignalInput,
  emailText,
  evaluateSignals,
  type RenderedEvent,
  type SignalState,
} from '../../../shared/domain/signals';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { computeDependencies } from '../../support/computeHarness';
import { roleDynamoClient } from '../../support/iam/roleClients';
import { startLateAnswerProxy } from '../../support/lateAnswerProxy';

const sns = mockClientUnderRole(SNSClient);
const db = useDynamoLocal();

// Judged on the live price (judgedOn: {}): the input here is one snapshot, with no daily closes.
const config = parseComputeConfig({
  signals: { 'price-level': { raiseDwellHours: 0, levelsUsd: [74_500], judgedOn: {} } },
});

/** One price-level raise, decided and rendered by the engine, with the state it moves to. */
function decidedRaise(): RenderedEvent & { state: SignalState } {
  const input = buildSignalInput({ decidedAt: '2026-02-06T12:00:00.000Z', btcPriceUsd: 70_000, daily: [], epochs: [] });
  const result = evaluateSignals(input, new Map(), config.signals);
  expect(result.rendered.map((r) => r.document.signal)).toEqual(['price-level']);
  return { ...result.rendered[0]!, state: result.states[0]! };
}

const drainDeps = (table: TestTable) => computeDependencies(table, config).deps;

const published = () =>
  sns.commandCalls(PublishCommand).map((c) => {
    const input = c.args[0].input;
    return { subject: input.Subject, email: (JSON.parse(input.Message!) as { email: string }).email };
  });

describe('the stored message is what gets published', () => {
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  });

  it('renders the message when the transition is decided, stores it, and publishes it as stored', async () => {
    const table = await db.newTable();
    const decided = decidedRaise();
    expect(decided.message.subject).toBe(`[Hashwatch] Warning: ${decided.document.title}`);
    expect(decided.message.text).toBe(emailText(decided.document));
    expect(decided.message.details.length).toBeGreaterThan(0);
    // A stored message that differs from what the detector would say today (a later build
    // rewording it) proves the drain sends the stored one and does not render again.
    const stored: RenderedEvent = {
      document: decided.document,
      message: { ...decided.message, text: `${decided.message.text}\n(as decided)` },
    };
    const states = new DynamoSignalStateRepository(table.client, table.tableName);
    expect(await states.commit({ state: decided.state, expectedVersion: 0, event: stored })).toBe('committed');

    const item = await new DynamoSignalEventRepository(table.client, table.tableName).get(decided.document.id);
    expect(item?.message).toEqual(stored.message);

    const drain = await drainOutbox(drainDeps(table));
    expect(drain.published.map((e) => e.id)).toEqual([decided.document.id]);
    expect(published()).toEqual([{ subject: stored.message.subject, email: stored.message.text }]);
  });

  it('publishes an event item written without a message (an older build) with the message rendered from its document', async () => {
    const table = await db.newTable();
    const decided = decidedRaise();
    const { eventItem, outboxItem } = newEventItems(decided);
    const { message: _message, ...legacyItem } = eventItem;
    const doc = documentClient(table.client);
    await doc.send(new PutCommand({ TableName: table.tableName, Item: legacyItem }));
    await doc.send(new PutCommand({ TableName: table.tableName, Item: outboxItem }));

    const read = await new DynamoSignalEventRepository(table.client, table.tableName).get(decided.document.id);
    expect(read?.message).toEqual(decided.message);

    const drain = await drainOutbox(drainDeps(table));
    expect(drain.published.map((e) => e.id)).toEqual([decided.document.id]);
    expect(published()).toEqual([{ subject: decided.message.subject, email: emailText(decided.document) }]);
  });
});

describe("the drain's claim", () => {
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  });

  it("a claim the table applied but answered after the request timeout is the drain's own: the event is published now, not after the lease", async () => {
    const table = await db.newTable();
    const decided = decidedRaise();
    const states = new DynamoSignalStateRepository(table.client, table.tableName);
    expect(await states.commit({ state: decided.state, expectedVersion: 0, event: decided })).toBe('committed');
    const proxy = await startLateAnswerProxy(table.endpoint, {
      withhold: (target) => target === 'DynamoDB_20120810.UpdateItem',
      count: 1,
    });
    try {
      const { deps, role } = computeDependencies(table, config);
      const outbox = new DynamoSignalEventRepository(
        roleDynamoClient(proxy.endpoint, role, { requestTimeoutMs: 500 }),
        table.tableName,
      );
      const drain = await drainOutbox({ ...deps, outbox });
      expect(proxy.withheld).toBe(1);
      expect(drain).toMatchObject({ published: [expect.objectContaining({ id: decided.document.id })], failed: [] });
      expect(published()).toHaveLength(1);
      const item = await new DynamoSignalEventRepository(table.client, table.tableName).get(decided.document.id);
      expect(item?.status).toBe('published');
    } finally {
      await proxy.close();
    }
  });
});

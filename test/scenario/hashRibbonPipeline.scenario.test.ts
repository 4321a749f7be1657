/**
 * Summer 2022 through the whole pipeline: one snapshot a day (00:10Z, from the real daily
 * history) INSERTed into DynamoDB Local, the stream delivered to the real handler in Lambda-sized
 * batches, SNS mocked. A subscriber filtering on the `signal` attribute gets one capitulation
 * alert in June and one recovery by late August, and never the same event twice.
 */
import { describe, expect, it } from 'vitest';
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { mockClientUnderRole } from '../support/iam/mockedUnderRole';
import { signalEventSchema } from '../../shared/domain/signals';
import { useDynamoLocal } from '../support/dynamoTable';
import { lambdaContext, pipeline, putSnapshot, seedDaily, seedEpochs, snapshotAt } from '../support/computeHarness';

const sns = mockClientUnderRole(SNSClient);

/** An SNS filter policy of exact string matches on message attributes (what we document). */
function matchesFilterPolicy(input: PublishCommandInput, policy: Record<string, string[]>): boolean {
  return Object.entries(policy).every(([name, allowed]) =>
    allowed.includes(input.MessageAttributes?.[name]?.StringValue ?? ''),
  );
}

describe('hash-ribbon-capitulation through the pipeline, summer 2022', () => {
  const db = useDynamoLocal();

  it('one capitulation alert in June, one recovery by late August', { timeout: 120_000 }, async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const table = await db.newTable();
    await seedDaily(table, '2022-09-06', 470);
    await seedEpochs(table, 320, 360);
    const p = pipeline(table);
    for (let t = Date.parse('2022-05-25T00:10:00Z'); t <= Date.parse('2022-09-05T00:10:00Z'); t += 86_400_000) {
      await putSnapshot(table, snapshotAt(new Date(t).toISOString()));
    }
    const report = await p.poller.deliver((event) => p.handler(event, lambdaContext()));
    expect(report).toMatchObject({ delivered: 104, failedInvocations: 0, discarded: [] });

    const all = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    const ids = all.map((i) => signalEventSchema.parse(JSON.parse(JSON.parse(i.Message!).sqs)).id);
    expect(new Set(ids).size).toBe(ids.length);

    const ribbon = all
      .filter((i) => matchesFilterPolicy(i, { signal: ['hash-ribbon-capitulation'] }))
      .map((i) => signalEventSchema.parse(JSON.parse(JSON.parse(i.Message!).sqs)));
    expect(ribbon.map((e) => [e.transition, e.severity])).toEqual([
      ['raised', 'warning'],
      ['cleared', 'warning'],
    ]);
    expect(ribbon[0]!.occurredAt.slice(0, 7)).toBe('2022-06');
    expect(ribbon[1]!.occurredAt >= '2022-08-19' && ribbon[1]!.occurredAt < '2022-09-01').toBe(true);
    // A subscriber that wants only critical alerts would not have been woken by this episode.
    expect(
      all.filter((i) => matchesFilterPolicy(i, { signal: ['hash-ribbon-capitulation'], severity: ['critical'] })),
    ).toEqual([]);
  });
});

/**
 * With an SNS topic configured, the local run publishes there instead of the local sink: the same
 * PublishCommand the deployed compute sends (SNS mocked: the only mock the project allows).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocal } from '../../../local/run/localRun';
import { createLocalPipeline, startReplayUpstream } from '../../../local/run/pipeline';
import { signalEventSchema } from '../../../shared/domain/signals';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:hashwatch-alerts';
// no role: the local run publishes with the developer's own credentials, not a deployed function's role
const sns = mockClient(SNSClient);
let dir: string | undefined;
afterAll(async () => {
  sns.restore();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('local run with HASHWATCH_SNS_TOPIC_ARN', () => {
  it('publishes each event to the topic, as the deployed compute does, and nothing to the local sink', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    dir = await mkdtemp(join(tmpdir(), 'hashwatch-sns-'));
    const eventsPath = join(dir, 'events.jsonl');
    const upstream = await startReplayUpstream();
    const lines: string[] = [];
    try {
      await runLocal({
        intervalMs: 10,
        maxCycles: 1,
        signal: new AbortController().signal,
        write: (l) => lines.push(l),
        createPipeline: (table) =>
          createLocalPipeline({
            table,
            upstreamBaseUrl: upstream.baseUrl,
            replay: { recordedAt: upstream.recordedAt, intervalMinutes: 10 },
            eventsPath,
            snsTopicArn: TOPIC,
            write: (l) => lines.push(l),
          }),
      });
    } finally {
      await upstream.close();
    }
    const calls = sns.commandCalls(PublishCommand);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const input = call.args[0].input;
      expect(input.TopicArn).toBe(TOPIC);
      expect(input.MessageStructure).toBe('json');
      expect(input.Subject!.length).toBeLessThan(100);
      const message = JSON.parse(input.Message!) as Record<string, string>;
      expect(Object.keys(message).sort()).toEqual(['default', 'email', 'https', 'lambda', 'sqs']);
      const event = signalEventSchema.parse(JSON.parse(message.https!));
      expect(message.default).toBe(message.https);
      expect(input.MessageAttributes).toEqual({
        signal: { DataType: 'String', StringValue: event.signal },
        severity: { DataType: 'String', StringValue: event.severity },
        transition: { DataType: 'String', StringValue: event.transition },
      });
    }
    // the status still shows what happened; the local sink wrote nothing
    expect(lines.find((l) => l.includes('Events this cycle'))).toMatch(
      new RegExp(`Events this cycle +${calls.length}$`),
    );
    await expect(stat(eventsPath)).rejects.toThrow();
    expect(lines).toContain('DynamoDB Local stopped');
  }, 120_000);
});

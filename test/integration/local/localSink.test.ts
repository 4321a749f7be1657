import { describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { createLocalSink } from '../../../local/sink/localSink';
import { LOCAL_TOPIC_ARN } from '../../../local/sink/snsHttpEnvelope';
import { transitionAttributes } from '../../support/sampleEvent';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function webhookReceiver(status = 200): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// A publish input shaped as docs/design.md §4 says the compute function sends it: MessageStructure json,
// a readable default/email text, a JSON document for HTTPS subscribers, and the three attributes.
const document = {
  schemaVersion: 1,
  eventId: 'evt-1',
  signal: 'hash-ribbon-capitulation',
  transition: 'raised',
  severity: 'warning',
};
const publish: PublishCommandInput = {
  TopicArn: 'arn:aws:sns:eu-west-1:123456789012:hashwatch-alerts',
  Subject: 'Hash ribbon capitulation started',
  MessageStructure: 'json',
  Message: JSON.stringify({
    default: 'Hash ribbon capitulation started (30d SMA below 60d SMA)',
    https: JSON.stringify(document),
  }),
  MessageAttributes: transitionAttributes('hash-ribbon-capitulation', 'warning', 'raised'),
};

describe('local sink', () => {
  it('posts exactly the SNS HTTP notification envelope to the webhook, with the SNS headers', async () => {
    const hook = await webhookReceiver();
    const lines: string[] = [];
    try {
      const sink = createLocalSink({
        webhookUrl: hook.url,
        write: (l) => lines.push(l),
        now: () => new Date('2024-05-01T00:10:00.000Z'),
      });
      await sink.publish(publish);
      expect(hook.received).toHaveLength(1);
      const { headers, body } = hook.received[0]!;
      const envelope = JSON.parse(body) as Record<string, unknown>;
      // Field list: AWS SNS developer guide, "HTTP/HTTPS notification JSON format".
      expect(Object.keys(envelope).sort()).toEqual(
        [
          'Message',
          'MessageAttributes',
          'MessageId',
          'Signature',
          'SignatureVersion',
          'SigningCertURL',
          'Subject',
          'Timestamp',
          'TopicArn',
          'Type',
          'UnsubscribeURL',
        ].sort(),
      );
      expect(envelope.Type).toBe('Notification');
      expect(envelope.TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:hashwatch-alerts');
      expect(envelope.Subject).toBe('Hash ribbon capitulation started');
      expect(envelope.Timestamp).toBe('2024-05-01T00:10:00.000Z');
      expect(envelope.SignatureVersion).toBe('1');
      expect(envelope.MessageId).toMatch(/^[0-9a-f-]{36}$/);
      // An HTTPS subscriber of a MessageStructure=json publish receives the "https" value.
      expect(JSON.parse(envelope.Message as string)).toEqual(document);
      expect(envelope.MessageAttributes).toEqual({
        signal: { Type: 'String', Value: 'hash-ribbon-capitulation' },
        severity: { Type: 'String', Value: 'warning' },
        transition: { Type: 'String', Value: 'raised' },
      });
      expect(headers['x-amz-sns-message-type']).toBe('Notification');
      expect(headers['x-amz-sns-message-id']).toBe(envelope.MessageId);
      expect(headers['x-amz-sns-topic-arn']).toBe(envelope.TopicArn);
      expect(headers['content-type']).toBe('text/plain; charset=UTF-8');
      expect(lines).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('falls back to the "default" message and the local topic when no https key or topic is given', async () => {
    const hook = await webhookReceiver();
    try {
      const sink = createLocalSink({ webhookUrl: hook.url, write: () => undefined });
      const { TopicArn: _t, ...noTopic } = publish;
      await sink.publish({ ...noTopic, Message: JSON.stringify({ default: JSON.stringify(document) }) });
      const envelope = JSON.parse(hook.received[0]!.body) as Record<string, unknown>;
      expect(envelope.TopicArn).toBe(LOCAL_TOPIC_ARN);
      expect(JSON.parse(envelope.Message as string)).toEqual(document);
    } finally {
      await hook.close();
    }
  });

  it('writes one readable console line and one JSON document per line to the JSON-lines file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hashwatch-sink-'));
    try {
      const lines: string[] = [];
      const path = join(dir, 'nested', 'events.jsonl');
      const sink = createLocalSink({
        jsonlPath: path,
        write: (l) => lines.push(l),
        now: () => new Date('2022-06-10T12:00:00Z'),
      });
      await sink.publish(publish);
      await sink.publish({
        ...publish,
        MessageAttributes: { ...publish.MessageAttributes, transition: { DataType: 'String', StringValue: 'cleared' } },
      });
      const fileLines = (await readFile(path, 'utf8')).trimEnd().split('\n');
      expect(fileLines.map((l) => JSON.parse(l) as unknown)).toEqual([document, document]);
      expect(lines[0]).toContain('2022-06-10 12:00Z');
      expect(lines[0]).toContain('raised');
      expect(lines[0]).toContain('hash-ribbon-capitulation');
      expect(lines[0]).toContain('Hash ribbon capitulation started');
      expect(lines[1]).toContain('cleared');
      // A document that says when it was decided is shown at that time, not at delivery.
      const decided = { ...document, occurredAt: '2024-07-23T00:00:00.000Z' };
      await sink.publish({ ...publish, Message: JSON.stringify({ default: 'x', https: JSON.stringify(decided) }) });
      expect(lines[2]).toMatch(/^2024-07-23 00:00Z /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says so plainly when the webhook refuses or cannot be reached, without losing the event', async () => {
    const hook = await webhookReceiver(500);
    const lines: string[] = [];
    try {
      const sink = createLocalSink({ webhookUrl: hook.url, write: (l) => lines.push(l) });
      await sink.publish(publish);
      expect(lines.some((l) => l.includes('answered HTTP 500'))).toBe(true);
    } finally {
      await hook.close();
    }
    const dead = createLocalSink({ webhookUrl: hook.url, write: (l) => lines.push(l), webhookTimeoutMs: 2_000 });
    await dead.publish(publish);
    expect(lines.some((l) => l.includes('unreachable'))).toBe(true);
  });
});

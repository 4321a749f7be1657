/**
 * The notifier's handler against DynamoDB Local (the delivery ledger) and local fakes of the chat
 * APIs on 127.0.0.1 that check each documented request: every channel's exact request, the 429
 * answers with each API's own wait, back-off on 5xx, the once-per-channel rule under SNS
 * redelivery and Lambda retries, the deadline, an unknown outcome, filters, and secrets that
 * never reach the logs. Waits are recorded, not slept: the tests assert the exact wait asked for.
 * The notifier's clients (the ledger's DynamoDB, Parameter Store) run under the notifier role of
 * the synthesized template; Parameter Store is mocked, each request judged by that role first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHmac } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { deployedRole, type IamRole } from '../../support/iam/iamRole';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { roleDynamoClient, roleSsmClient } from '../../support/iam/roleClients';
import type { Context } from 'aws-lambda';
import { createNotifierHandler } from '../../../functions/notifier/notifierHandler';
import { DynamoDeliveryLedger } from '../../../shared/adapters/dynamo/deliveryLedger';
import { keys } from '../../../shared/store/tableKeys';
import { signalEventId } from '../../../shared/domain/signals/eventDocument';
import { ParameterStoreSecrets } from '../../../shared/adapters/ssm/parameterStoreSecrets';
import {
  channelKey,
  notificationChannelSchema,
  type NotificationChannelConfig,
} from '../../../shared/notify/channelConfig';
import {
  DeliveryFailedError,
  DeliveryInProgressError,
  DeliveryOutcomeUnknownError,
} from '../../../shared/notify/deliverEvent';
import { fetchTransport } from '../../../shared/notify/httpTransport';
import type { SecretReader } from '../../../shared/notify/secrets';
import { RETRY_POLICY } from '../../../shared/notify/sendWithRetry';
import { startFakeChatApis, type FakeChatApis } from '../../support/fakeChatApis';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { lambdaContext } from '../../support/lambdaContext';
import { startLateAnswerProxy } from '../../support/lateAnswerProxy';
import { sampleEvent, snsEventOf } from '../../support/sampleEvent';

const db = useDynamoLocal();
const BOT_TOKEN = '7012345678:AAH-test-token-never-logged_0123456789';
const SIGNING_SECRET = 'whsec-test-secret-never-logged-0123';

let fake: FakeChatApis;
let table: TestTable;
let role: IamRole;
let stdout: string[];
beforeEach(async () => {
  fake = await startFakeChatApis();
  fake.expectTelegramToken(BOT_TOKEN);
  table = await db.newTable();
  role = deployedRole('notifier', { tableName: table.tableName });
  // Everything the logger writes (info to stdout, errors to stderr), to look for secrets in.
  stdout = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stdout.push(String(chunk));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  expect(fake.violations).toEqual([]);
  await fake.close();
});

function channel(input: Record<string, unknown>): NotificationChannelConfig {
  return notificationChannelSchema('allowed').parse(input);
}
const telegram = (extra: Record<string, unknown> = {}) =>
  channel({ type: 'telegram', chatId: -1001234567890, botToken: BOT_TOKEN, apiBaseUrl: fake.baseUrl, ...extra });
const discord = () => channel({ type: 'discord', webhookUrl: `${fake.baseUrl}/api/webhooks/42/discord-secret-token` });
const slack = () => channel({ type: 'slack', webhookUrl: `${fake.baseUrl}/services/T0/B0/slack-secret-path` });
const webhook = () =>
  channel({ type: 'webhook', url: `${fake.baseUrl}/hooks/hashwatch`, signingSecret: SIGNING_SECRET });

interface Harness {
  invoke(
    config: NotificationChannelConfig,
    event?: ReturnType<typeof sampleEvent>,
    remainingMs?: number,
  ): Promise<unknown>;
  sleeps: number[];
}

function harness(
  channels: NotificationChannelConfig[],
  options: {
    secrets?: SecretReader;
    sleep?: (ms: number) => Promise<void>;
    requestTimeoutMs?: number;
    /** The ledger's table through another endpoint (a proxy), with its own SDK request budget. */
    ledger?: { endpoint: string; requestTimeoutMs: number };
  } = {},
): Harness {
  const sleeps: number[] = [];
  const handler = createNotifierHandler({
    channels,
    logger: new Logger({ serviceName: 'notifier', logLevel: 'DEBUG' }),
    deps: {
      ledger: new DynamoDeliveryLedger(
        options.ledger
          ? roleDynamoClient(options.ledger.endpoint, role, { requestTimeoutMs: options.ledger.requestTimeoutMs })
          : roleDynamoClient(table.endpoint, role),
        table.tableName,
      ),
      secrets: options.secrets,
      transport: fetchTransport,
      now: () => new Date(),
      sleep: async (ms) => {
        sleeps.push(ms);
        await options.sleep?.(ms);
      },
      random: () => 0.5,
      policy: { ...RETRY_POLICY, requestTimeoutMs: options.requestTimeoutMs ?? RETRY_POLICY.requestTimeoutMs },
    },
  });
  return {
    sleeps,
    invoke(config, event = sampleEvent(), remainingMs = 30_000) {
      const base = lambdaContext('hashwatch-notifier');
      const context: Context = {
        ...base,
        invokedFunctionArn: `${base.invokedFunctionArn}:${channelKey(config)}`,
        getRemainingTimeInMillis: () => remainingMs,
      };
      return handler(snsEventOf(event), context);
    },
  };
}

async function record(eventId: string, config: NotificationChannelConfig): Promise<Record<string, unknown>> {
  const out = await table.client.send(
    new GetItemCommand({
      TableName: table.tableName,
      Key: {
        pk: { S: keys.notificationDelivery(eventId, channelKey(config)).pk },
        sk: { S: channelKey(config) },
      },
    }),
  );
  return out.Item ? unmarshall(out.Item) : {};
}

const event = sampleEvent();
/** Another event (the streak's escalation): its own id. */
const laterEvent = sampleEvent({
  id: signalEventId('difficulty-negative-streak', '', 'escalated', '2026-02-05T12:00:00.000Z'),
  severity: 'critical',
  transition: 'escalated',
  previousSeverity: 'warning',
  occurredAt: '2026-02-05T12:00:00.000Z',
});

describe('notifier: each channel gets its documented request', () => {
  it('Telegram: POST /bot<token>/sendMessage with chat_id and HTML text naming the figures and the event id', async () => {
    const config = telegram();
    const h = harness([config]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'delivered', attempts: 1, receipt: 'message_id 1' }]);
    expect(fake.delivered).toHaveLength(1);
    const [request] = fake.delivered;
    expect(request!.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    const body = request!.json as Record<string, unknown>;
    expect(body).toMatchObject({ chat_id: -1001234567890, parse_mode: 'HTML', disable_notification: false });
    const text = body.text as string;
    expect(text).toContain('<b>Warning: 2nd consecutive negative difficulty adjustment (-3.28%)</b>');
    expect(text).toContain('• Cumulative change over the streak: -4.45%');
    expect(text).toContain(`Event id: <code>${event.id}</code>`);
    expect(await record(event.id, config)).toMatchObject({ status: 'delivered', attempts: 1, detail: 'message_id 1' });
  });

  it('Discord: POST to the webhook with ?wait=true and one embed (colour, figures as fields, event id in the footer)', async () => {
    const config = discord();
    const h = harness([config]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'delivered', attempts: 1, receipt: 'message 1000001' }]);
    const [request] = fake.delivered;
    expect(request!.path).toBe('/api/webhooks/42/discord-secret-token');
    expect(request!.query.get('wait')).toBe('true');
    const body = request!.json as { embeds: Array<Record<string, unknown>>; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]).toMatchObject({
      title: 'Warning: 2nd consecutive negative difficulty adjustment (-3.28%)',
      color: 0xf29900,
      footer: { text: `Event id ${event.id}` },
      timestamp: event.occurredAt,
    });
    expect(body.embeds[0]!.fields).toContainEqual({
      name: 'Cumulative change over the streak',
      value: '-4.45%',
      inline: false,
    });
  });

  it('Slack: POST to the incoming webhook with text and blocks (header, summary, figures, event id)', async () => {
    const config = slack();
    const h = harness([config]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'delivered', attempts: 1 }]);
    const body = fake.delivered[0]!.json as { text: string; blocks: Array<Record<string, unknown>> };
    expect(fake.delivered[0]!.path).toBe('/services/T0/B0/slack-secret-path');
    expect(body.text).toContain('Warning: 2nd consecutive negative difficulty adjustment');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'context']);
    expect(JSON.stringify(body.blocks[2])).toContain('*Cumulative change over the streak*\\n-4.45%');
    expect(JSON.stringify(body.blocks[4])).toContain(event.id);
  });

  it('signed webhook: the event document as the body, HMAC-SHA256 over "<t>.<body>" in Hashwatch-Signature', async () => {
    const config = webhook();
    const h = harness([config]);
    const before = Math.floor(Date.now() / 1000);
    await h.invoke(config);
    const [request] = fake.delivered;
    expect(JSON.parse(request!.body)).toEqual(event);
    expect(request!.headers['hashwatch-event-id']).toBe(event.id);
    expect(request!.headers['x-amz-sns-message-type']).toBeUndefined();
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request!.headers['hashwatch-signature']));
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(before);
    expect(match![2]).toBe(createHmac('sha256', SIGNING_SECRET).update(`${match![1]}.${request!.body}`).digest('hex'));
  });
});

describe('notifier: rate limits and retries', () => {
  it('Telegram 429: waits exactly parameters.retry_after, then delivers', async () => {
    const config = telegram();
    fake.fault('telegram', { kind: 'rate-limit', retryAfterSeconds: 3 });
    const h = harness([config]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'delivered', attempts: 2, receipt: 'message_id 1' }]);
    expect(h.sleeps).toEqual([3000]);
    expect(fake.received).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
  });

  it("Discord 429: waits the body's retry_after (fractional seconds)", async () => {
    const config = discord();
    fake.fault('discord', { kind: 'rate-limit', retryAfterSeconds: 0.25 });
    const h = harness([config]);
    await h.invoke(config);
    expect(h.sleeps).toEqual([250]);
    expect(fake.delivered).toHaveLength(1);
  });

  it('Slack and webhook 429: wait the Retry-After header', async () => {
    const s = slack();
    const w = webhook();
    fake.fault('slack', { kind: 'rate-limit', retryAfterSeconds: 2 });
    fake.fault('webhook', { kind: 'rate-limit', retryAfterSeconds: 1 });
    const h = harness([s, w]);
    await h.invoke(s);
    await h.invoke(w);
    expect(h.sleeps).toEqual([2000, 1000]);
    expect(fake.delivered.map((r) => r.api)).toEqual(['slack', 'webhook']);
  });

  it('5xx: retried with exponential back-off (half to all of 1 s, 2 s, ...)', async () => {
    const config = webhook();
    fake.fault('webhook', { kind: 'status', status: 503 }, { kind: 'status', status: 502 });
    const h = harness([config]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'delivered', attempts: 3 }]);
    // random() = 0.5: 500 + 250, then 1000 + 500.
    expect(h.sleeps).toEqual([750, 1500]);
  });

  it('a wait beyond the deadline is not slept: the invocation fails for Lambda to retry, and the retry delivers', async () => {
    const config = telegram();
    fake.fault('telegram', { kind: 'rate-limit', retryAfterSeconds: 120 });
    const h = harness([config]);
    await expect(h.invoke(config)).rejects.toThrow(DeliveryFailedError);
    expect(h.sleeps).toEqual([]);
    expect(await record(event.id, config)).toMatchObject({ status: 'failed' });
    // Lambda's retry a minute later: the pair is claimed again and posted once.
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'delivered', attempts: 1, receipt: 'message_id 1' }]);
    expect(fake.delivered).toHaveLength(1);
  });

  it('a rejection (401 Unauthorized) is not retried and ends the invocation in error', async () => {
    const config = telegram();
    fake.fault('telegram', {
      kind: 'status',
      status: 401,
      body: JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }),
    });
    const h = harness([config]);
    await expect(h.invoke(config)).rejects.toThrow(/HTTP 401: Unauthorized/);
    expect(fake.received).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });
});

describe('notifier: once per event and channel', () => {
  it('a redelivered SNS message never posts twice to the same channel', async () => {
    const config = discord();
    const h = harness([config]);
    await expect(h.invoke(config)).resolves.toEqual([expect.objectContaining({ status: 'delivered' })]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'duplicate' }]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'duplicate' }]);
    expect(fake.delivered).toHaveLength(1);
    expect(await record(event.id, config)).toMatchObject({ status: 'delivered', claims: 1 });
  });

  it('two copies at the same time: one posts, the other leaves it to Lambda to retry', async () => {
    const config = slack();
    const h = harness([config]);
    const results = await Promise.allSettled([h.invoke(config), h.invoke(config)]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(DeliveryInProgressError);
    expect(fake.delivered).toHaveLength(1);
    // Lambda's retry of the second copy finds it delivered.
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'duplicate' }]);
  });

  it("a claim the table applied but answered after the request timeout is still this invocation's: the SDK's retry finds its own claim, and the alert goes out once", async () => {
    const config = discord();
    const proxy = await startLateAnswerProxy(table.endpoint, {
      withhold: (target) => target === 'DynamoDB_20120810.UpdateItem',
      count: 1,
    });
    try {
      const h = harness([config], { ledger: { endpoint: proxy.endpoint, requestTimeoutMs: 500 } });
      await expect(h.invoke(config)).resolves.toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
      // The claim was sent twice (the first applied, its answer withheld), then settled once.
      expect(proxy.withheld).toBe(1);
      expect(proxy.targets).toEqual(Array.from({ length: 3 }, () => 'DynamoDB_20120810.UpdateItem'));
      expect(fake.delivered).toHaveLength(1);
      expect(await record(event.id, config)).toMatchObject({ status: 'delivered', claims: 1 });
      await expect(h.invoke(config)).resolves.toEqual([{ status: 'duplicate' }]);
    } finally {
      await proxy.close();
    }
  });

  it('the same event to two channels posts once to each', async () => {
    const a = discord();
    const b = slack();
    const h = harness([a, b]);
    await h.invoke(a);
    await h.invoke(b);
    await h.invoke(a);
    await h.invoke(b);
    expect(fake.delivered.map((r) => r.api)).toEqual(['discord', 'slack']);
  });

  it('a request that may have arrived (no answer in time) is never posted again: the event goes to the DLQ', async () => {
    const config = telegram();
    fake.fault('telegram', { kind: 'hang' });
    const h = harness([config], { requestTimeoutMs: 300 });
    await expect(h.invoke(config)).rejects.toThrow(DeliveryOutcomeUnknownError);
    expect(await record(event.id, config)).toMatchObject({ status: 'unknown' });
    await expect(h.invoke(config)).rejects.toThrow(/may already be in .*check the channel/);
    expect(fake.received).toHaveLength(1);
    expect(fake.delivered).toHaveLength(0);
  });

  it('a failing channel never holds up another (each invocation serves one channel)', async () => {
    const slow = telegram();
    const quick = discord();
    fake.fault('telegram', { kind: 'rate-limit', retryAfterSeconds: 5 });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const h = harness([slow, quick], { sleep: () => released });
    const waiting = h.invoke(slow);
    await expect(h.invoke(quick)).resolves.toEqual([expect.objectContaining({ status: 'delivered' })]);
    expect(fake.delivered.map((r) => r.api)).toEqual(['discord']);
    release();
    await waiting;
    expect(fake.delivered.map((r) => r.api)).toEqual(['discord', 'telegram']);
  });
});

describe('notifier: filters, invocation and secrets', () => {
  it("holds back an event outside the channel's filter (as the SNS filter policy does)", async () => {
    const config = telegram({ filter: { minSeverity: 'critical' } });
    const h = harness([config]);
    await expect(h.invoke(config)).resolves.toEqual([{ status: 'filtered' }]);
    await expect(h.invoke(config, sampleEvent({ severity: 'critical' }))).resolves.toEqual([
      expect.objectContaining({ status: 'delivered' }),
    ]);
    expect(fake.delivered).toHaveLength(1);
  });

  it('refuses an invocation that is not through a channel alias', async () => {
    const config = slack();
    const handler = createNotifierHandler({
      channels: [config],
      logger: new Logger({ serviceName: 'notifier' }),
      deps: {
        ledger: new DynamoDeliveryLedger(roleDynamoClient(table.endpoint, role), table.tableName),
        transport: fetchTransport,
        now: () => new Date(),
        sleep: async () => undefined,
        random: () => 0.5,
      },
    });
    await expect(handler(snsEventOf(event), lambdaContext('hashwatch-notifier'))).rejects.toThrow(
      /not through a channel alias \(configured: slack-[0-9a-f]{10}\)/,
    );
    expect(fake.received).toHaveLength(0);
  });

  it('reads secrets from Parameter Store with decryption, once per cold start, and never logs them', async () => {
    const ssm = mockClientUnderRole(SSMClient);
    const discordUrl = `${fake.baseUrl}/api/webhooks/42/discord-secret-token`;
    ssm.on(GetParameterCommand, { Name: '/hashwatch/telegram/bot-token', WithDecryption: true }).resolves({
      Parameter: { Name: '/hashwatch/telegram/bot-token', Type: 'SecureString', Value: BOT_TOKEN },
    });
    ssm.on(GetParameterCommand, { Name: '/hashwatch/discord/webhook-url', WithDecryption: true }).resolves({
      Parameter: { Name: '/hashwatch/discord/webhook-url', Type: 'SecureString', Value: discordUrl },
    });
    try {
      const tg = channel({
        type: 'telegram',
        chatId: '@hashwatch_alerts',
        botTokenParameter: '/hashwatch/telegram/bot-token',
        apiBaseUrl: fake.baseUrl,
      });
      const dc = channel({ type: 'discord', webhookUrlParameter: '/hashwatch/discord/webhook-url' });
      const h = harness([tg, dc], { secrets: new ParameterStoreSecrets(roleSsmClient(role)) });
      fake.fault('telegram', { kind: 'status', status: 500 });
      await h.invoke(tg);
      await h.invoke(tg, laterEvent);
      await h.invoke(dc);
      expect(fake.delivered.map((r) => r.api)).toEqual(['telegram', 'telegram', 'discord']);
      expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([
        { Name: '/hashwatch/telegram/bot-token', WithDecryption: true },
        { Name: '/hashwatch/discord/webhook-url', WithDecryption: true },
      ]);
      const logs = stdout.join('');
      expect(logs).toContain('delivered');
      expect(logs).toContain('delivery attempt failed; retrying');
      for (const secret of [BOT_TOKEN, 'discord-secret-token', discordUrl]) expect(logs).not.toContain(secret);
    } finally {
      ssm.restore();
    }
  });

  it('a parameter holding something unusable fails naming the parameter, not the value', async () => {
    const ssm = mockClientUnderRole(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'http://example.com/not-discord-secret' } });
    try {
      const dc = channel({ type: 'discord', webhookUrlParameter: '/hashwatch/discord/webhook-url' });
      const h = harness([dc], { secrets: new ParameterStoreSecrets(roleSsmClient(role)) });
      const error = (await h.invoke(dc).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(DeliveryFailedError);
      expect(error.message).toContain('SSM parameter /hashwatch/discord/webhook-url is unusable');
      expect(error.message).not.toContain('not-discord-secret');
      expect(stdout.join('')).not.toContain('not-discord-secret');
    } finally {
      ssm.restore();
    }
  });

  it('a parameter the notifier role may not read fails like AWS (AccessDeniedException), the mock never reached', async () => {
    const ssm = mockClientUnderRole(SSMClient);
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: `${fake.baseUrl}/api/webhooks/42/discord-secret-token` } });
    role.expectDenials('ssm:GetParameter');
    try {
      // Not a parameter of the deployed config: the role grants ssm:GetParameter on its channels' parameters only.
      const dc = channel({ type: 'discord', webhookUrlParameter: '/another-app/discord/webhook-url' });
      const h = harness([dc], { secrets: new ParameterStoreSecrets(roleSsmClient(role)) });
      const error = (await h.invoke(dc).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(DeliveryFailedError);
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toMatch(
        /AccessDeniedException|not authorized to perform: ssm:GetParameter/,
      );
      expect(ssm.commandCalls(GetParameterCommand)).toEqual([]);
      expect(role.denials().map((r) => [r.action, r.resource])).toEqual([
        ['ssm:GetParameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/another-app/discord/webhook-url'],
      ]);
      expect(fake.received).toHaveLength(0);
    } finally {
      ssm.restore();
    }
  });

  it('failures never log a secret either', async () => {
    const config = telegram();
    fake.fault('telegram', {
      kind: 'status',
      status: 400,
      body: '{"ok":false,"description":"Bad Request: chat not found"}',
    });
    const h = harness([config]);
    await expect(h.invoke(config)).rejects.toThrow(/chat not found/);
    const logs = stdout.join('');
    expect(logs).toContain('delivery failed');
    expect(logs).not.toContain(BOT_TOKEN);
  });
});

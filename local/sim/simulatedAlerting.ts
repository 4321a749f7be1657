/**
 * The alerting half of the pipeline in the simulation (issue #22): what the compute publishes
 * reaches the real notifier handler (functions/notifier/notifierHandler.ts) the way AWS drives it,
 * and the notifier posts to local fakes of the chat APIs on 127.0.0.1 (local/devtools/fakeChatApis.ts,
 * which check every documented request: Telegram, Discord, Slack and the signed webhook).
 *
 * - SNS: the compute publishes through its own SNS client and the real adapter (SnsEventSink), so
 *   the publish passes the compute role's policy (functionRoles.ts) like any other call; the
 *   topic is an HTTP endpoint on 127.0.0.1 the client is pointed at: it reads the Publish request
 *   as SNS receives it (the Query protocol's form), keeps it, and answers SNS's XML (a MessageId,
 *   or the outage's InternalError).
 * - One subscription per channel, as infra/constructs/notifications.ts makes them: each message is
 *   the exact Lambda event of the publish (local/sink/snsLambdaEvent.ts), invoked through the
 *   channel's alias. Lambda's asynchronous invocation: two retries about 1 and 2 minutes later,
 *   then the on-failure destination (the notification failure queue, alarmed). Every failed
 *   invocation is a Lambda error: the notifier's failure metric (it emits no custom metric).
 * - The notifier has its own DynamoDB client (its role: the delivery ledger's UpdateItem), inline
 *   secrets (the simulation has no Parameter Store), and a virtual clock: back-off and 429 waits
 *   are recorded, never slept; only a hanging channel costs real time (its request timeout).
 * - The operator, as docs/notifications.md tells them: once the failure queue's alarm has fired
 *   and its cause is over, each event in it is published again (every channel receives it; those
 *   that have it drop the copy). An event whose outcome is unknown (a request that timed out) is
 *   first looked for in the channel: found, it is done; not found, its delivery record is deleted
 *   so that the notifier may post it.
 */
import { DeleteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { snsClient } from '../../shared/adapters/aws/snsClient';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { createNotifierHandler, type NotifierHandler } from '../../functions/notifier/notifierHandler';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamo/deliveryLedger';
import { keys } from '../../shared/store/tableKeys';
import { signalEventSchema, type SignalEvent } from '../../shared/domain/signals/eventDocument';
import { channelKey, notificationChannelSchema } from '../../shared/notify/channelConfig';
import { EVENT_ID_HEADER } from '../../shared/notify/channels/webhook';
import { fetchTransport } from '../../shared/notify/httpTransport';
import { RETRY_POLICY } from '../../shared/notify/sendWithRetry';
import { startFakeChatApis, type FakeChatApis, type ReceivedRequest } from '../devtools/fakeChatApis';
import { lambdaContext } from '../devtools/lambdaContext';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localDynamoClient } from '../devtools/localClient';
import { snsLambdaEvent } from '../sink/snsLambdaEvent';
import { messageForProtocol } from '../sink/snsHttpEnvelope';
import type { AttachRole, GrantRevocations } from './functionRoles';

export type ChatApi = ReceivedRequest['api'];
export const CHAT_APIS: readonly ChatApi[] = ['telegram', 'discord', 'slack', 'webhook'];
/** How a failing channel fails: 5xx answers (retried), or requests that never get an answer (outcome unknown). */
export type ChannelFailure = '5xx' | 'timeout';

export const SIM_TOPIC_ARN = `arn:aws:sns:${LOCAL_REGION}:000000000000:hashwatch-sim-alerts`;
const NOTIFIER_FUNCTION = 'hashwatch-notifier-sim';
/** The notifier's timeout (infra NOTIFIER_SETTINGS, 90 s): what an invocation has left at its start. */
const NOTIFIER_TIMEOUT_MS = 90_000;
/** Lambda's asynchronous retries of a failed invocation: about 1 and 2 minutes apart. */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];
/** A request the channel never answers is given up after this (real time: the only real wait). */
const SIM_REQUEST_TIMEOUT_MS = 1_000;
const BOT_TOKEN = '7012345678:AAH-simulated-token_0123456789';
const SIGNING_SECRET = 'whsec-simulated-signing-secret-0123';

export interface PublishedRecord {
  cycle: number;
  event: SignalEvent;
}

/** One failed invocation of a channel's alias (a Lambda error). */
export interface NotifierError {
  cycle: number;
  channel: ChatApi;
  eventId: string;
  errorType: string;
}

/** What the on-failure destination keeps: the event (as its publish) and the last error. */
interface FailedDelivery {
  cycle: number;
  channel: ChatApi;
  eventId: string;
  input: PublishCommandInput;
  errorType: string;
}

interface TopicMessage {
  input: PublishCommandInput;
  messageId: string;
  eventId: string;
}

export interface AlertingReport {
  /** Published by the compute (what SNS accepted from it), in order. */
  published: PublishedRecord[];
  /** Accepted publishes per event id (more than 1 is a duplicate alert). */
  acceptedCount: Map<string, number>;
  /** Per channel, the event ids the chat API accepted, in arrival order. */
  delivered: Map<ChatApi, string[]>;
  /** Requests a fake refused as off-contract, and accepted requests naming no published event. */
  deliveryProblems: string[];
  notifierErrors: NotifierError[];
  /** Events the operator published again from the failure queue, and those still in it at the end. */
  redriven: number;
  stillInFailureQueue: number;
}

export class SimulatedAlerting {
  /** The compute's SNS client (give it to SnsEventSink). */
  readonly sns: SNSClient;
  readonly topicArn = SIM_TOPIC_ARN;
  /** SNS refuses publishes (the sns-outage fault). */
  outage = false;
  cycle = 0;
  private readonly published: PublishedRecord[] = [];
  private readonly accepted = new Map<string, number>();
  private readonly pending: TopicMessage[] = [];
  private readonly failureQueue: FailedDelivery[] = [];
  private readonly notifierErrors: NotifierError[] = [];
  private readonly handlers = new Map<ChatApi, { key: string; handler: NotifierHandler }>();
  private readonly notifierDynamo: DynamoDBClient;
  private readonly operatorDynamo: DynamoDBClient;
  private clockMs = 0;
  private messages = 0;
  private redriven = 0;

  private constructor(
    private readonly fake: FakeChatApis,
    private readonly topic: Server,
    topicEndpoint: string,
    private readonly options: SimulatedAlertingOptions,
  ) {
    const { attachRole, revocations } = options;
    this.sns = snsClient({
      owner: 'compute',
      endpoint: topicEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      // The outage's 500 is the compute's to handle (the outbox retries), without the SDK's real-time back-off.
      maxAttempts: 1,
      // A dead process sends nothing (the crash fault).
      middleware: (client) =>
        client.middlewareStack.add(
          ((next: (args: unknown) => Promise<unknown>) => (args: unknown) =>
            options.publisherDead()
              ? Promise.reject(new Error('the process died before publishing'))
              : next(args)) as never,
          { step: 'initialize', name: 'simulatedCrashBeforePublish' } as never,
        ),
    });
    const standIns = { tableName: options.tableName, topicArn: SIM_TOPIC_ARN };
    attachRole?.(this.sns, 'compute', standIns);
    revocations.install(this.sns, 'compute');

    this.notifierDynamo = localDynamoClient(options.dynamoEndpoint);
    attachRole?.(this.notifierDynamo, 'notifier', standIns);
    revocations.install(this.notifierDynamo, 'notifier');
    // The operator acts with their own (administrator's) credentials.
    this.operatorDynamo = localDynamoClient(options.dynamoEndpoint);

    const base = fake.baseUrl;
    const configs: Record<ChatApi, unknown> = {
      telegram: { type: 'telegram', chatId: -1001234567890, botToken: BOT_TOKEN, apiBaseUrl: base },
      discord: { type: 'discord', webhookUrl: `${base}/api/webhooks/42/simulated-discord-token` },
      slack: { type: 'slack', webhookUrl: `${base}/services/T0/B0/simulated-slack-secret` },
      webhook: { type: 'webhook', url: `${base}/hooks/hashwatch`, signingSecret: SIGNING_SECRET },
    };
    const channels = CHAT_APIS.map((api) => notificationChannelSchema('allowed').parse(configs[api]));
    const deps = {
      ledger: new DynamoDeliveryLedger(this.notifierDynamo, options.tableName),
      transport: fetchTransport,
      now: () => new Date(this.clockMs),
      sleep: (ms: number) => {
        this.clockMs += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
      policy: { ...RETRY_POLICY, requestTimeoutMs: SIM_REQUEST_TIMEOUT_MS },
    };
    // One handler per alias, as each alias runs in instances of its own.
    CHAT_APIS.forEach((api, i) => {
      const logger = new Logger({ serviceName: 'notifier', logLevel: 'SILENT' });
      this.handlers.set(api, {
        key: channelKey(channels[i]!),
        handler: createNotifierHandler({ channels, deps, logger }),
      });
    });
  }

  static async start(options: SimulatedAlertingOptions): Promise<SimulatedAlerting> {
    const fake = await startFakeChatApis();
    fake.expectTelegramToken(BOT_TOKEN);
    fake.expectWebhookSecret(SIGNING_SECRET);
    // The topic's endpoint on 127.0.0.1; it answers through the instance built below.
    const built: { alerting?: SimulatedAlerting } = {};
    const topic = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const answer = built.alerting!.accept(body);
        res.writeHead(answer.statusCode, answer.headers).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => topic.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(topic.address() as AddressInfo).port}`;
    built.alerting = new SimulatedAlerting(fake, topic, endpoint, options);
    return built.alerting;
  }

  /** The topic: keeps what the compute publishes, or refuses it as SNS does in an outage. */
  private accept(body: string): { statusCode: number; headers: Record<string, string>; body: string } {
    const answer = (statusCode: number, xml: string) => ({
      statusCode,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': `sim-request-${this.messages}` },
      body: xml,
    });
    const form = new URLSearchParams(body);
    if (form.get('Action') !== 'Publish')
      return answer(
        400,
        `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>the simulated topic serves Publish only, not ${form.get('Action')}</Message></Error><RequestId>sim</RequestId></ErrorResponse>`,
      );
    if (this.outage)
      return answer(
        500,
        '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Receiver</Type><Code>InternalError</Code><Message>Service Unavailable</Message></Error><RequestId>sim</RequestId></ErrorResponse>',
      );
    const input = publishInputOf(form);
    const event = documentOf(input);
    this.accepted.set(event.id, (this.accepted.get(event.id) ?? 0) + 1);
    this.published.push({ cycle: this.cycle, event });
    const messageId = this.enqueue(input, event.id);
    return answer(
      200,
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>sim</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }

  private enqueue(input: PublishCommandInput, eventId: string): string {
    this.messages += 1;
    const messageId = `sim-${this.messages}`;
    this.pending.push({ input, messageId, eventId });
    return messageId;
  }

  /** A chat API fails (undefined: it is healthy again). */
  setChannelFailure(api: ChatApi, failure: ChannelFailure | undefined): void {
    this.fake.outage(
      api,
      failure === '5xx'
        ? { kind: 'status', status: 503, body: 'Service Unavailable' }
        : failure === 'timeout'
          ? { kind: 'hang' }
          : undefined,
    );
  }

  /** SNS hands every message published so far to every channel's subscription, at `nowMs`. */
  async deliverPending(nowMs: number): Promise<void> {
    while (this.pending.length > 0) {
      const message = this.pending.shift()!;
      for (const api of CHAT_APIS) await this.invokeAsync(message, api, nowMs);
    }
  }

  /** Lambda's asynchronous invocation of one alias: the first try, two retries, then the failure queue. */
  private async invokeAsync(message: TopicMessage, api: ChatApi, publishedMs: number): Promise<void> {
    const { key, handler } = this.handlers.get(api)!;
    let atMs = publishedMs;
    for (let attempt = 0; ; attempt += 1) {
      this.clockMs = atMs;
      try {
        await handler(
          snsLambdaEvent(message.input, { now: new Date(atMs), subscriptionId: key, messageId: message.messageId }),
          aliasContext(key, `${message.messageId}-${api}-${attempt}`),
        );
        return;
      } catch (error) {
        const errorType = (error as Error).name;
        this.notifierErrors.push({ cycle: this.cycle, channel: api, eventId: message.eventId, errorType });
        if (attempt === ASYNC_RETRY_DELAYS_MS.length) {
          this.failureQueue.push({
            cycle: this.cycle,
            channel: api,
            eventId: message.eventId,
            input: message.input,
            errorType,
          });
          return;
        }
        atMs += ASYNC_RETRY_DELAYS_MS[attempt]!;
      }
    }
  }

  /** The operator empties the failure queue (docs/notifications.md), oldest first, at `nowMs`. */
  async redrive(nowMs: number): Promise<void> {
    if (this.failureQueue.length === 0) return;
    const queued = this.failureQueue.splice(0);
    const republished = new Set<string>();
    for (const failed of queued) {
      if (failed.errorType === 'DeliveryOutcomeUnknownError') {
        // It may be in the channel already: look before posting it again.
        if (this.deliveredTo(failed.channel).includes(failed.eventId)) continue;
        const { key } = this.handlers.get(failed.channel)!;
        await this.operatorDynamo.send(
          new DeleteItemCommand({
            TableName: this.options.tableName,
            Key: marshall(keys.notificationDelivery(failed.eventId, key)),
          }),
        );
      }
      if (republished.has(failed.eventId)) continue;
      republished.add(failed.eventId);
      this.redriven += 1;
      this.enqueue(failed.input, failed.eventId);
    }
    await this.deliverPending(nowMs);
  }

  private deliveredTo(api: ChatApi): string[] {
    return this.fake.delivered.filter((r) => r.api === api).flatMap((r) => eventIdsIn(r));
  }

  report(): AlertingReport {
    const known = new Set(this.accepted.keys());
    const delivered = new Map<ChatApi, string[]>(CHAT_APIS.map((api) => [api, []]));
    const deliveryProblems = [...this.fake.violations];
    for (const request of this.fake.delivered) {
      const ids = eventIdsIn(request).filter((id) => known.has(id));
      if (ids.length === 1) delivered.get(request.api)!.push(ids[0]!);
      else deliveryProblems.push(`${request.api} accepted a request naming ${ids.length} published events`);
    }
    return {
      published: this.published,
      acceptedCount: this.accepted,
      delivered,
      deliveryProblems,
      notifierErrors: this.notifierErrors,
      redriven: this.redriven,
      stillInFailureQueue: this.failureQueue.length,
    };
  }

  async close(): Promise<void> {
    this.sns.destroy();
    this.notifierDynamo.destroy();
    this.operatorDynamo.destroy();
    this.topic.closeAllConnections();
    await new Promise<void>((resolve) => this.topic.close(() => resolve()));
    await this.fake.close();
  }
}

export interface SimulatedAlertingOptions {
  dynamoEndpoint: string;
  tableName: string;
  revocations: GrantRevocations;
  attachRole?: AttachRole | undefined;
  /** True while the compute's process is dead (the crash fault): it publishes nothing. */
  publisherDead: () => boolean;
}

/** The Publish request back from the Query protocol's form (MessageAttributes.entry.N.Name / .Value.*). */
function publishInputOf(form: URLSearchParams): PublishCommandInput {
  const attributes: NonNullable<PublishCommandInput['MessageAttributes']> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const at = `MessageAttributes.entry.${n}.Value`;
    attributes[form.get(`MessageAttributes.entry.${n}.Name`)!] = {
      DataType: form.get(`${at}.DataType`) ?? 'String',
      StringValue: form.get(`${at}.StringValue`) ?? '',
    };
  }
  return {
    TopicArn: form.get('TopicArn') ?? undefined,
    Subject: form.get('Subject') ?? undefined,
    Message: form.get('Message') ?? undefined,
    MessageStructure: form.get('MessageStructure') ?? undefined,
    MessageAttributes: attributes,
  };
}

/** The event document the Lambda subscribers receive. */
function documentOf(input: PublishCommandInput): SignalEvent {
  return signalEventSchema.parse(JSON.parse(messageForProtocol(input, 'lambda')));
}

const EVENT_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The event ids an accepted request carries: the webhook's header, the id each chat message shows. */
function eventIdsIn(request: ReceivedRequest): string[] {
  const header = request.headers[EVENT_ID_HEADER.toLowerCase()];
  if (typeof header === 'string') return [header];
  return [...new Set(request.body.match(EVENT_ID) ?? [])];
}

/** The context of an invocation through a channel's alias (the alias says which channel it serves). */
function aliasContext(key: string, requestId: string): Context {
  const base = lambdaContext(NOTIFIER_FUNCTION, requestId);
  return {
    ...base,
    invokedFunctionArn: `${base.invokedFunctionArn}:${key}`,
    getRemainingTimeInMillis: () => NOTIFIER_TIMEOUT_MS,
  };
}

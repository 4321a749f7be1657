/**
 * What deploys is what is tested. The real app is synthesized once (infra/app.ts: esbuild bundling,
 * cdk-nag), and every function in its templates is run from its asset folder alone, as Lambda runs
 * it (test/deployed/support/runDeployed.ts): the template's handler, runtime and environment, the
 * references resolved to local stand-ins (DynamoDB Local for the table, a recording SNS stand-in
 * for the topics), and the events Lambda sends for the triggers the template wires: an EventBridge
 * Scheduler invocation with the schedule's input, the table stream's records after the mapping's
 * own filter, a Function URL request (payload format 2.0), a direct invoke, and SNS's delivery of
 * each published alert to every channel alias subscribed to the topic (through the alias, after the
 * subscription's filter policy), the notifier posting to local fakes of the chat APIs.
 *
 * The compute meets the outbox's hard case: its stream batch runs while SNS is down (the event
 * waits in the outbox), then a worker claims the event and dies mid-publish; the scheduled drain
 * finds it held (reading its status, GetItem) and publishes nothing out of order, and the tick after
 * the dead worker's lease takes it over and publishes it.
 *
 * Every AWS call an asset makes is recorded (action and resource) and checked against its role in
 * the template, both ways: each call is allowed, and each granted action is one the asset sends or
 * one infra/constructs/functionGrants.ts says an AWS service sends for it. Functions are found in
 * the templates, so a new function is covered as soon as it is wired.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT } from '../../infra/cdkJsonContext';
import { GRANTS_USED_BY_AWS_SERVICES } from '../../infra/constructs/functionGrants';
import { createHashwatchTable } from '../../local/devtools/createTable';
import { startDynamoLocal, type DynamoLocal } from '../../local/devtools/dynamoLocal';
import { localDynamoClient } from '../../local/devtools/localClient';
import { replayIngestConfigJson, scenario20260201, SCENARIO_NOW } from '../../local/devtools/recordedScenario';
import { startReplayServer, type ReplayServer } from '../../local/devtools/replayServer';
import { startFakeChatApis, type FakeChatApis } from '../../local/devtools/fakeChatApis';
import { DynamoStreamPoller, localStreamsClient } from '../../local/devtools/streamPoller';
import { snsLambdaEvent } from '../../local/sink/snsLambdaEvent';
import { DynamoSignalEventRepository } from '../../shared/adapters/dynamo/signalEventRepository';
import { keys } from '../../shared/store/tableKeys';
import { DEFAULT_PUBLISH_LEASE_MS } from '../../shared/compute/computeSnapshot';
import { matchesFilterPattern } from '../../shared/store/streamFilter';
import { makeRole, type FunctionService, type IamRole } from '../support/iam/iamRole';
import {
  deniedRequests,
  grantedActions,
  resolveStatement,
  unusedGrants,
  type ResolvedStatement,
} from '../support/iam/policyEvaluator';
import { STAND_IN_ACCOUNT, STAND_IN_REGION, TemplateResolver } from '../support/iam/standIns';
import { roleStatements } from '../support/iam/templateRoles';
import { startAwsRecorder, type AwsRecorder, type RecordedCall } from './support/awsRecorder';
import {
  deployedFunctions,
  REPO_ROOT,
  synthesize,
  type CloudAssembly,
  type DeployedFunction,
  type Trigger,
} from './support/cloudAssembly';
import { runDeployed, runtimeMajor, type RunOutcome } from './support/runDeployed';

/** Variables the template sets that no code reads through process.env, and why they are there. */
const ENVIRONMENT_READ_ELSEWHERE: Readonly<Record<string, string>> = {
  NODE_OPTIONS: 'read by Node itself at start-up (--enable-source-maps), before any code runs',
};

const CALCULATOR_REQUEST: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/calc-s19xp.json'), 'utf8'));

/**
 * What a direct invoke of each service sends (by POWERTOOLS_SERVICE_NAME): the calculator's request,
 * the read API's Function URL event as the payload (`aws lambda invoke`, docs/api.md).
 */
const REQUESTS: Readonly<Record<string, () => unknown>> = {
  calculator: () => CALCULATOR_REQUEST,
  api: () => functionUrlEvent(undefined, 'GET', '/v1/sites'),
};

/**
 * What the callers of each service's Function URL send: the calculator's POST of the request, the
 * read API's GETs of the stored state (issue #23: its own function and URL since the split).
 */
const URL_REQUESTS: Readonly<Record<string, () => unknown[]>> = {
  calculator: () => [functionUrlEvent(CALCULATOR_REQUEST)],
  api: () => [
    functionUrlEvent(undefined, 'GET', '/v1/latest'),
    functionUrlEvent(undefined, 'GET', '/v1/signals'),
    // Its module is imported on this first ask (shared/api/routeResponses.ts): the bundle must hold it.
    functionUrlEvent(undefined, 'GET', '/v1/openapi.json'),
  ],
};

/** A price level far above any price: the first snapshot raises price-level, so compute publishes. */
const COMPUTE_CONFIG = { signals: { 'price-level': { levelsUsd: [10_000_000], raiseDwellHours: 0 } } };

const BOT_TOKEN = '7012345678:AAH-deployed-artifact-token';
const SIGNING_SECRET = 'whsec-deployed-artifact-secret-0123';

/** One channel of each type, every secret in Parameter Store (what the deploy config allows). */
function notificationChannels(chat: FakeChatApis) {
  const channels = [
    {
      type: 'telegram',
      chatId: -1001234567890,
      botTokenParameter: '/hashwatch/telegram/bot-token',
      apiBaseUrl: chat.baseUrl,
    },
    { type: 'discord', webhookUrlParameter: '/hashwatch/discord/webhook-url' },
    { type: 'slack', webhookUrlParameter: '/hashwatch/slack/webhook-url' },
    { type: 'webhook', url: `${chat.baseUrl}/hooks/hashwatch`, signingSecretParameter: '/hashwatch/webhook/secret' },
  ];
  const parameters = {
    '/hashwatch/telegram/bot-token': BOT_TOKEN,
    '/hashwatch/discord/webhook-url': `${chat.baseUrl}/api/webhooks/42/discord-deployed-token`,
    '/hashwatch/slack/webhook-url': `${chat.baseUrl}/services/T0/B0/slack-deployed-path`,
    '/hashwatch/webhook/secret': SIGNING_SECRET,
  };
  return { channels, parameters };
}

/** Minutes after the recorded moment: the drain schedule's ticks. */
const at = (minutes: number): string => new Date(SCENARIO_NOW.getTime() + minutes * 60_000).toISOString();

/** SNS's filter policy on message attributes, as the templates write it (string allowlists only). */
function passesFilterPolicy(attributes: Record<string, string>, policy: Record<string, unknown> | undefined): boolean {
  return Object.entries(policy ?? {}).every(([name, allowed]) => {
    if (!Array.isArray(allowed) || !allowed.every((v) => typeof v === 'string'))
      throw new Error(`filter policy ${name}: only string allowlists are read here`);
    return attributes[name] !== undefined && allowed.includes(attributes[name]);
  });
}

let dynamo: DynamoLocal;
/** The test's own client (seeding the dead worker's claim): unrestricted. */
let admin: DynamoDBClient;
let tableName: string;
let chat: FakeChatApis;
let upstream: ReplayServer;
let recorder: AwsRecorder;
let assembly: CloudAssembly;
let resolver: TemplateResolver;
let functions: DeployedFunction[];
const roles = new Map<string, IamRole>();
const runs = new Map<string, RunOutcome & { events: unknown[]; calls: RecordedCall[] }>();
/** The compute's outbox scenario: what waited after the outage (oldest first), the held one, the outbox after each tick. */
let pendingAfterOutage: string[];
let heldEventId: string;
let pendingAfterDrains: string[][];
let calculatorWithTableDown: RunOutcome;
let calculatorProjection: RunOutcome;
/** The read API with DynamoDB failing, and the calculator's URL asked for a read API path. */
let apiWithTableDown: RunOutcome;
let calculatorAskedForReadApi: RunOutcome;

/**
 * A closed-loop projection from a date of the bundled history with its realized prices: the start's
 * market, the prices and the fleet model all come from the history embedded in the asset.
 */
const PROJECTION_REQUEST = {
  machines: [{ model: 'Antminer S21', count: 100 }],
  powerPriceUsdPerKwh: 0.06,
  scenario: {
    horizonDays: 60,
    startDate: '2026-01-15',
    difficultyPath: { type: 'fleetResponse' },
    btcPricePath: { type: 'realized' },
  },
};

const serviceOf = (fn: DeployedFunction): string => String(fn.environment.POWERTOOLS_SERVICE_NAME ?? fn.logicalId);
const stackOf = (fn: DeployedFunction) => assembly.stacks.find((s) => s.stackName === fn.stackName)!;

function resolvedEnvironment(fn: DeployedFunction): Record<string, string> {
  const resolved = resolver.resolve(fn.environment, stackOf(fn)) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, String(v)]));
}

/** The Function URL request Lambda builds for an IAM-signed POST (payload format version 2.0). */
function functionUrlEvent(body: unknown, method: 'POST' | 'GET' = 'POST', rawPath = '/'): unknown {
  const urlId = 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6';
  const domainName = `${urlId}.lambda-url.${STAND_IN_REGION}.on.aws`;
  const now = new Date(SCENARIO_NOW.getTime() + 5 * 60_000);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: domainName,
      'user-agent': 'curl/8.5.0',
      'x-amz-date': '20260201T001500Z',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      'x-amzn-trace-id': 'Root=1-697e9b6c-5f8a4b1e0c3d2a1b0c9d8e7f',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: STAND_IN_ACCOUNT,
      apiId: urlId,
      authorizer: {
        iam: {
          accessKey: 'AKIAIOSFODNN7EXAMPLE',
          accountId: STAND_IN_ACCOUNT,
          callerId: 'AIDAJQABLZS4A3QDU576Q',
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: `arn:aws:iam::${STAND_IN_ACCOUNT}:user/analyst`,
          userId: 'AIDAJQABLZS4A3QDU576Q',
        },
      },
      domainName,
      domainPrefix: urlId,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '01/Feb/2026:00:15:00 +0000',
      timeEpoch: now.getTime(),
    },
    ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  };
}

/** The events Lambda would deliver for one trigger. */
async function eventsFor(fn: DeployedFunction, trigger: Trigger): Promise<unknown[]> {
  switch (trigger.kind) {
    case 'schedule':
      // Scheduler delivers the target's Input as the payload (the template sets one explicitly).
      if (trigger.input === undefined)
        throw new Error(`${trigger.scheduleId} has no Input: the payload is unspecified`);
      return [JSON.parse(trigger.input)];
    case 'stream': {
      const streamArn = resolver.resolveString(trigger.eventSource, stackOf(fn));
      const patterns = trigger.filterPatterns.map((p) => JSON.parse(p) as Parameters<typeof matchesFilterPattern>[1]);
      const poller = new DynamoStreamPoller({
        client: localStreamsClient(dynamo.endpoint),
        streamArn,
        region: STAND_IN_REGION,
        batchSize: trigger.batchSize,
        // The mapping's own filter, from the template (Lambda drops what matches no pattern).
        filter: (record: DynamoDBRecord) =>
          patterns.length === 0 || patterns.some((p) => matchesFilterPattern(record, p)),
      });
      return poller.nextEvents();
    }
    case 'function-url': {
      const requests = URL_REQUESTS[serviceOf(fn)];
      if (requests === undefined) throw new Error(`no URL request for ${serviceOf(fn)}: add one to URL_REQUESTS`);
      return requests();
    }
    case 'direct-invoke': {
      const request = REQUESTS[serviceOf(fn)];
      if (request === undefined) throw new Error(`no request for ${serviceOf(fn)}: add one to REQUESTS`);
      return [request()];
    }
    case 'sns': {
      // SNS delivers every message published to the topic that passes the subscription's filter.
      const topicArn = resolver.resolveString(trigger.topic, stackOf(fn));
      return recorder
        .published()
        .filter((p) => p.topicArn === topicArn && passesFilterPolicy(p.attributes, trigger.filterPolicy))
        .map((p) => snsLambdaEvent(p.input, { now: new Date(at(10)), subscriptionId: randomUUID() }));
    }
  }
}

/**
 * Producers first: the scheduled ingest fills the table, its stream feeds compute, then the
 * callers. A function with several triggers runs at the step of its latest (compute: after the
 * ingest, for its stream), and takes its events latest first (the stream batch, then the drain
 * schedule's tick that follows it on a live stack).
 */
const ORDER: Record<Trigger['kind'], number> = {
  schedule: 0,
  stream: 1,
  'function-url': 2,
  'direct-invoke': 2,
  // Subscribers of the alerts topic: after the compute has published.
  sns: 3,
};
const step = (fn: DeployedFunction): number => Math.max(...fn.triggers.map((t) => ORDER[t.kind]));
const latestFirst = (triggers: readonly Trigger[]): Trigger[] =>
  [...triggers].sort((a, b) => ORDER[b.kind] - ORDER[a.kind]);

const ENDPOINTS = (): Record<string, string> => ({
  AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint,
  AWS_ENDPOINT_URL_SNS: recorder.endpoint,
  AWS_ENDPOINT_URL_SSM: recorder.endpoint,
});

/** Runs `fn` once (one warm process) on the events of `triggers`, recording the calls it sends. */
async function runOn(fn: DeployedFunction, triggers: readonly Trigger[], options: { clocks?: string[] } = {}) {
  const events: unknown[] = [];
  const invocations: Array<{ clockAt?: string; qualifier?: string }> = [];
  for (const trigger of triggers) {
    for (const event of await eventsFor(fn, trigger)) {
      events.push(event);
      invocations.push({
        ...(trigger.kind === 'sns' ? { qualifier: trigger.qualifier } : {}),
        ...(options.clocks?.[invocations.length] ? { clockAt: options.clocks[invocations.length] } : {}),
      });
    }
  }
  const before = recorder.calls().length;
  const outcome = await runDeployed({
    fn,
    environment: resolvedEnvironment(fn),
    endpoints: ENDPOINTS(),
    events,
    invocations,
    clockAt: SCENARIO_NOW.toISOString(),
  });
  return { ...outcome, events, calls: recorder.calls().slice(before) };
}

const pendingEventIds = async (): Promise<string[]> =>
  (await new DynamoSignalEventRepository(admin, tableName).listPending(10)).map((e) => e.eventId);

/**
 * The compute: its stream batch while SNS is down, then the event claimed by a worker that dies
 * mid-publish, then two ticks of the drain schedule, one inside the dead worker's lease and one after.
 */
async function runCompute(fn: DeployedFunction) {
  const stream = fn.triggers.filter((t) => t.kind === 'stream');
  const schedule = fn.triggers.filter((t) => t.kind === 'schedule');
  recorder.failSnsFor(fn.logicalId);
  const outage = await runOn(fn, stream);
  recorder.failSnsFor(undefined);
  pendingAfterOutage = await pendingEventIds();
  heldEventId = pendingAfterOutage[0]!;
  // What a worker that claimed the event at the recorded moment and died leaves in the table.
  const leaseUntil = SCENARIO_NOW.getTime() + DEFAULT_PUBLISH_LEASE_MS;
  await admin.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: marshall(keys.signalEvent(heldEventId)),
      UpdateExpression:
        'SET #status = :publishing, claimToken = :token, leaseUntil = :lease, attempts = attempts + :one',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({
        ':publishing': 'publishing',
        ':token': 'dead-worker',
        ':lease': leaseUntil,
        ':one': 1,
      }),
    }),
  );
  pendingAfterDrains = [];
  const drains: Awaited<ReturnType<typeof runOn>>[] = [];
  for (const minutes of [1, 6]) {
    drains.push(await runOn(fn, schedule, { clocks: [at(minutes)] }));
    pendingAfterDrains.push(await pendingEventIds());
  }
  const all = [outage, ...drains];
  return {
    results: all.flatMap((r) => r.results),
    logs: all.flatMap((r) => r.logs),
    otherOutput: all.map((r) => r.otherOutput).join('\n'),
    environmentRead: [...new Set(all.flatMap((r) => r.environmentRead))].sort(),
    exitCode: drains.at(-1)!.exitCode,
    events: all.flatMap((r) => r.events),
    calls: all.flatMap((r) => r.calls),
  };
}

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  admin = localDynamoClient(dynamo.endpoint);
  tableName = `hashwatch-deployed-${randomUUID().slice(0, 8)}`;
  const { streamArn } = await createHashwatchTable(admin, tableName);
  upstream = await startReplayServer(scenario20260201());
  chat = await startFakeChatApis();
  chat.expectTelegramToken(BOT_TOKEN);
  chat.expectWebhookSecret(SIGNING_SECRET);
  const notifications = notificationChannels(chat);
  recorder = await startAwsRecorder({
    dynamoDbEndpoint: dynamo.endpoint,
    dynamoDbAccessKeyId: 'local',
    roleOf: (caller) => roles.get(caller),
    parameters: notifications.parameters,
  });

  const config = {
    // The recorded scenario lies in the past: a 30-day TTL would have DynamoDB Local sweep it.
    rawSnapshotRetentionDays: 3650,
    ingest: replayIngestConfigJson(upstream.baseUrl, {
      http: { timeoutMs: 2_000, maxAttempts: 2, backoffBaseMs: 20, backoffMaxMs: 100 },
    }),
    compute: COMPUTE_CONFIG,
    notifications: notifications.channels,
  };
  const configFile = join(tmpdir(), `hashwatch-deployed-config-${randomUUID().slice(0, 8)}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  // What the CLI would pass: cdk.json's context (the feature flags), plus the config file.
  assembly = synthesize({ ...CDK_JSON_CONTEXT, config: configFile });
  resolver = new TemplateResolver(assembly, { table: { tableName, streamArn } });
  functions = deployedFunctions(assembly).sort((a, b) => step(a) - step(b));
  // Each asset runs under its role as the template grants it: a call it refuses fails at call time.
  for (const fn of functions) {
    roles.set(
      fn.logicalId,
      makeRole(serviceOf(fn) as FunctionService, {
        principalArn: `arn:aws:sts::${STAND_IN_ACCOUNT}:assumed-role/${fn.stackName}-${fn.roleLogicalId}/${fn.stackName}-${fn.logicalId}`,
        granted: statementsOf(fn),
      }),
    );
  }

  for (const fn of functions) {
    const run = serviceOf(fn) === 'compute' ? await runCompute(fn) : await runOn(fn, latestFirst(fn.triggers));
    runs.set(fn.logicalId, run);
  }

  // The calculator again, warm state aside, with DynamoDB failing: our fault, not the caller's.
  const calculator = functions.find((f) => serviceOf(f) === 'calculator')!;
  const request = CALCULATOR_REQUEST;
  recorder.failDynamoDbFor(calculator.logicalId);
  calculatorWithTableDown = await runDeployed({
    fn: calculator,
    environment: resolvedEnvironment(calculator),
    endpoints: { AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint },
    events: [functionUrlEvent(request), request],
    clockAt: SCENARIO_NOW.toISOString(),
  });
  // The read API the same way: our fault, answered in the one error shape with an error id.
  const api = functions.find((f) => serviceOf(f) === 'api')!;
  recorder.failDynamoDbFor(api.logicalId);
  apiWithTableDown = await runDeployed({
    fn: api,
    environment: resolvedEnvironment(api),
    endpoints: { AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint },
    events: [functionUrlEvent(undefined, 'GET', '/v1/latest')],
    clockAt: SCENARIO_NOW.toISOString(),
  });
  recorder.failDynamoDbFor(undefined);
  // The calculator's URL after the split: the read API's paths are not its own.
  calculatorAskedForReadApi = await runDeployed({
    fn: calculator,
    environment: resolvedEnvironment(calculator),
    endpoints: { AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint },
    events: [functionUrlEvent(undefined, 'GET', '/v1/latest')],
    clockAt: SCENARIO_NOW.toISOString(),
  });
  calculatorProjection = await runDeployed({
    fn: calculator,
    environment: resolvedEnvironment(calculator),
    endpoints: { AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint },
    events: [PROJECTION_REQUEST],
    clockAt: SCENARIO_NOW.toISOString(),
  });
}, 300_000);

afterAll(async () => {
  admin?.destroy();
  await chat?.close();
  await recorder?.close();
  await upstream?.close();
  await dynamo?.stop();
});

const runOf = (service: string) => {
  const fn = functions.find((f) => serviceOf(f) === service);
  if (!fn) throw new Error(`no deployed function for ${service}`);
  return { fn, run: runs.get(fn.logicalId)! };
};

const statementsOf = (fn: DeployedFunction): ResolvedStatement[] =>
  roleStatements(stackOf(fn).template, fn.roleLogicalId).map((s) =>
    resolveStatement(s, (v) => resolver.resolve(v, stackOf(fn))),
  );

describe('the deployed assets, run as Lambda runs them', () => {
  it('finds every function with what invokes it, on the Node major the tests run', () => {
    expect(functions.map(serviceOf).sort()).toEqual(['api', 'calculator', 'compute', 'ingest', 'notifier']);
    for (const fn of functions) {
      expect(fn.triggers.length, `${fn.logicalId} has no trigger`).toBeGreaterThan(0);
      expect(runtimeMajor(fn.runtime)).toBe(Number(process.versions.node.split('.')[0]));
    }
    // The 10-minute cycle and the 1-minute tip watch (issue #28).
    expect(runOf('ingest').fn.triggers.map((t) => t.kind)).toEqual(['schedule', 'schedule']);
    expect(
      runOf('compute')
        .fn.triggers.map((t) => t.kind)
        .sort(),
    ).toEqual(['schedule', 'stream']);
    expect(
      runOf('calculator')
        .fn.triggers.map((t) => t.kind)
        .sort(),
    ).toEqual(['direct-invoke', 'function-url']);
    expect(
      runOf('api')
        .fn.triggers.map((t) => t.kind)
        .sort(),
    ).toEqual(['direct-invoke', 'function-url']);
    // One subscription per channel, each to the channel's alias.
    const notifier = runOf('notifier').fn.triggers;
    expect(notifier.map((t) => t.kind)).toEqual(['sns', 'sns', 'sns', 'sns']);
    expect(new Set(notifier.map((t) => (t.kind === 'sns' ? t.qualifier : ''))).size).toBe(4);
  });

  it('every invocation succeeds, and nothing was sent to a service the stand-ins do not serve', () => {
    for (const fn of functions) {
      const run = runs.get(fn.logicalId)!;
      expect(run.results.length, `${fn.logicalId} events`).toBeGreaterThan(0);
      expect(
        run.results.flatMap((result, index) => (result.ok ? [] : [{ index, ...result.error }])),
        `${fn.logicalId}\n${run.otherOutput}`,
      ).toEqual([]);
      // The one error any function logs: the compute's publish during the SNS outage.
      const errors = run.logs.filter((line) => line.level === 'ERROR').map((line) => line.message);
      expect(errors, fn.logicalId).toEqual(
        serviceOf(fn) === 'compute' ? ['publish failed; events stay in the outbox'] : [],
      );
    }
    expect(recorder.refused()).toEqual([]);
  });

  it('ingest: the scheduled run backfills, fills the epochs the API lacks from the embedded table, and stores a snapshot', () => {
    const { run } = runOf('ingest');
    const [summary] = run.results.map((r) => r.value) as Array<{
      cycle: { status: string };
      backfill?: { status: string; epochsStored: number };
    }>;
    expect(summary?.cycle.status).toBe('stored');
    expect(summary?.backfill?.status).toBe('complete');
    const messages = run.logs.map((line) => line.message);
    expect(messages).not.toContain('backfill: bundled epoch history unavailable');
    const filled = run.logs.find((line) => line.message === 'backfill: epochs filled from the bundled history');
    expect(filled?.count).toBeGreaterThan(0);
  });

  it('compute: the stream batch after the template filter holds only the new snapshot; with SNS down its record fails and the event waits in the outbox', () => {
    const { run } = runOf('compute');
    const [batch] = run.events as [DynamoDBStreamEvent];
    expect(batch.Records.map((r) => [r.eventName, r.dynamodb?.NewImage?.entity?.S])).toEqual([
      ['INSERT', 'NetworkSnapshot'],
    ]);
    const [streamResult] = run.results.map((r) => r.value) as [{ batchItemFailures: unknown[] }];
    expect(streamResult.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[0]!.dynamodb!.SequenceNumber }]);
    expect(pendingAfterOutage.length).toBeGreaterThan(0);
    expect(heldEventId).toBe(pendingAfterOutage[0]);
  });

  it('compute: the scheduled drain stops at the event a dead worker holds (reading its status), then takes it over after the lease and publishes it once', () => {
    const { run } = runOf('compute');
    // The schedule's Input, as the template sets it, at two ticks.
    expect(run.events.slice(1)).toEqual([{ drain: 'scheduled' }, { drain: 'scheduled' }]);
    const oldestPendingAt = (run.results[1]!.value as { oldestPendingAt: string }).oldestPendingAt;
    expect(run.results.slice(1).map((r) => r.value)).toEqual([
      { published: 0, failed: 0, oldestPendingAt: expect.any(String) },
      { published: pendingAfterOutage.length, failed: 0, oldestPendingAt: null },
    ]);
    expect(Date.parse(oldestPendingAt)).toBeLessThanOrEqual(SCENARIO_NOW.getTime());
    // Nothing behind the held event went out before it; after the lease, all of them, in order.
    expect(pendingAfterDrains).toEqual([pendingAfterOutage, []]);
    // The held event's status was read (GetItem, on the table, allowed by the compute role), not guessed.
    const statusReads = run.calls.filter((c) => c.action === 'dynamodb:GetItem');
    expect(statusReads.length).toBeGreaterThan(0);
    expect(statusReads.every((c) => c.allowed)).toBe(true);
    const published = recorder.published();
    expect(published.map((p) => JSON.parse(JSON.parse(p.message).sqs).id)).toEqual(pendingAfterOutage);
    expect(published.map((p) => p.attributes.signal)).toContain('price-level');
    expect(new Set(published.map((p) => p.topicArn)).size).toBe(1);
  });

  it('notifier: SNS delivers each alert to every channel alias, and each channel gets its documented request once per alert', () => {
    const { run } = runOf('notifier');
    const deliveries = run.events as SNSEvent[];
    const channels = 4;
    expect(deliveries).toHaveLength(channels * pendingAfterOutage.length);
    expect(deliveries.map((e) => JSON.parse(e.Records[0]!.Sns.Message).id)).toEqual(
      Array.from({ length: channels }, () => pendingAfterOutage).flat(),
    );
    expect(run.results.map((r) => r.value)).toEqual(
      deliveries.map(() => [expect.objectContaining({ status: 'delivered', attempts: 1 })]),
    );
    expect(chat.violations).toEqual([]);
    const perApi = (api: string) => chat.delivered.filter((r) => r.api === api).length;
    for (const api of ['telegram', 'discord', 'slack', 'webhook'])
      expect(perApi(api), api).toBe(pendingAfterOutage.length);
    expect(chat.delivered.find((r) => r.api === 'telegram')!.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    // Each secret read from Parameter Store with decryption, under the notifier role.
    const parameterReads = run.calls.filter((c) => c.action === 'ssm:GetParameter').map((c) => c.resource);
    expect([...new Set(parameterReads.map((arn) => arn.split(':parameter')[1]))].sort()).toEqual([
      '/hashwatch/discord/webhook-url',
      '/hashwatch/slack/webhook-url',
      '/hashwatch/telegram/bot-token',
      '/hashwatch/webhook/secret',
    ]);
    const logs = JSON.stringify(run.logs);
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'discord-deployed-token', 'slack-deployed-path'])
      expect(logs).not.toContain(secret);
  });

  it('calculator: the Function URL request answers 200 with the priced machine, the direct invoke the same figures', () => {
    const { run } = runOf('calculator');
    const values = run.results.map((r) => r.value);
    const viaUrl = values[0] as { statusCode: number; body: string };
    const direct = values[values.length - 1] as { machines: Array<{ model: string }> };
    // The read API's GETs moved to the api function's URL (below): the calculator's URL takes the POST alone.
    expect(values).toHaveLength(2);
    expect(viaUrl.statusCode).toBe(200);
    const body = JSON.parse(viaUrl.body) as { machines: Array<{ model: string }> };
    expect(body.machines.map((m) => m.model)).toEqual(direct.machines.map((m) => m.model));
    expect(direct.machines.length).toBe(1);
  });

  it('api: the Function URL GETs of /v1/latest and /v1/signals answer 200 with the stored state, /v1/openapi.json with docs/openapi.json, and so does a direct invoke', () => {
    const { run } = runOf('api');
    const answers = run.results.map((r) => r.value) as Array<{
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    }>;
    // The URL's three GETs, then the direct invoke of a Function URL event (GET /v1/sites).
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(JSON.parse(answers[2]!.body)).toEqual(
      JSON.parse(readFileSync(join(REPO_ROOT, 'docs/openapi.json'), 'utf8')),
    );
    const reads = answers.slice(0, 2);
    for (const read of reads) expect(read.headers['x-content-type-options']).toBe('nosniff');
    const [latest, signals] = reads.map((r) => JSON.parse(r.body)) as [
      { snapshot: { intervalStart: string } },
      { signals: Array<{ signal: string }> },
    ];
    expect(Date.parse(latest.snapshot.intervalStart)).toBeLessThanOrEqual(SCENARIO_NOW.getTime());
    expect(signals.signals.map((s) => s.signal)).toContain('price-level');
    // The day's first snapshot judged the listed miners from the series the compute's asset embeds.
    expect(signals.signals.map((s) => s.signal)).toContain('miner-treasury-liquidation');
  });

  it("calculator: its URL answers the read API's paths 404 in the one error shape, naming the api's URL", () => {
    const [answer] = calculatorAskedForReadApi.results.map((r) => r.value) as [{ statusCode: number; body: string }];
    expect(calculatorAskedForReadApi.results[0], calculatorAskedForReadApi.otherOutput).toMatchObject({ ok: true });
    expect(answer.statusCode).toBe(404);
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string; issues: unknown[] } };
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('ApiUrl');
    expect(error.issues).toEqual([{ field: '', problem: 'path /v1/latest is unknown' }]);
  });

  it('api: with the table unreadable, callers get a generic message and an error id; the detail is in the log under that id', () => {
    const [viaUrl] = apiWithTableDown.results.map((r) => r.value) as [{ statusCode: number; body: string }];
    expect(apiWithTableDown.results[0], apiWithTableDown.otherOutput).toMatchObject({ ok: true });
    expect(viaUrl.statusCode).toBe(500);
    const { error } = JSON.parse(viaUrl.body) as { error: { code: string; message: string; errorId: string } };
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(error.errorId);
    expect(error.message).not.toMatch(/Internal server error|DynamoDB|table/i);
    const logged = apiWithTableDown.logs.filter(
      (line) => line.level === 'ERROR' && line.function_request_id === error.errorId,
    );
    expect(logged.map((line) => line.message)).toEqual(['api request failed']);
    expect(JSON.stringify(logged[0]!.error)).toContain('Internal server error');
  });

  it('calculator: a fleetResponse request with a realized path is answered from the history embedded in the asset', () => {
    const [answer] = calculatorProjection.results.map((r) => r.value) as [
      {
        market: { sources: Record<string, string>; tipHeight: number };
        scenario: {
          rows: Array<{ date: string; hashrateEhs: number; btcPriceUsd: number }>;
          projection: { paths: number };
        };
      },
    ];
    expect(calculatorProjection.results[0], calculatorProjection.otherOutput).toMatchObject({ ok: true });
    expect(answer.market.sources.btcPriceUsd).toBe('history');
    expect(answer.market.tipHeight).toBeGreaterThan(930_000);
    expect(answer.scenario.projection.paths).toBe(1);
    expect(answer.scenario.rows).toHaveLength(60);
    expect(answer.scenario.rows[59]!.date).toBe('2026-03-15');
    expect(answer.scenario.rows.every((r) => r.hashrateEhs > 500 && r.btcPriceUsd > 0)).toBe(true);
  });

  it('calculator: with the table unreadable, callers get a generic message and an error id; the detail is in the log under that id', () => {
    const [viaUrl, direct] = calculatorWithTableDown.results.map((r) => r.value) as [
      { statusCode: number; body: string },
      { error: { code: string; message: string; errorId: string } },
    ];
    expect(viaUrl.statusCode).toBe(500);
    const body = JSON.parse(viaUrl.body) as typeof direct;
    for (const answer of [body, direct]) {
      expect(answer.error.code).toBe('INTERNAL');
      expect(answer.error.message).toContain(answer.error.errorId);
      expect(answer.error.message).not.toMatch(/Internal server error|DynamoDB|table/i);
    }
    expect(body.error.errorId).not.toBe(direct.error.errorId);
    for (const errorId of [body.error.errorId, direct.error.errorId]) {
      const logged = calculatorWithTableDown.logs.filter(
        (line) => line.level === 'ERROR' && line.function_request_id === errorId,
      );
      expect(logged.map((line) => line.detail)).toEqual([expect.stringContaining('Internal server error')]);
    }
  });
});

describe('IAM, derived from what the assets send', () => {
  it('every call was allowed by its function’s role when it was sent (none was answered AccessDenied)', () => {
    for (const fn of functions) {
      const calls = runs.get(fn.logicalId)!.calls;
      expect(calls.every((c) => c.caller === fn.logicalId)).toBe(true);
      expect(
        calls.filter((c) => !c.allowed),
        fn.logicalId,
      ).toEqual([]);
      expect(deniedRequests(statementsOf(fn), calls), fn.logicalId).toEqual([]);
    }
  });

  it('every granted action is one the asset sends, or one an AWS service sends for it (with its reason)', () => {
    for (const fn of functions) {
      const unused = unusedGrants(statementsOf(fn), runs.get(fn.logicalId)!.calls, GRANTS_USED_BY_AWS_SERVICES);
      expect(unused, `${serviceOf(fn)} is granted actions it never sends`).toEqual([]);
    }
  });

  it('reports, per function, the actions granted and the calls sent', () => {
    for (const fn of functions) {
      const calls = runs.get(fn.logicalId)!.calls;
      const sent = [...new Set(calls.map((c) => c.action))].sort();
      console.log(`${serviceOf(fn)}: granted ${grantedActions(statementsOf(fn)).join(', ')}; sent ${sent.join(', ')}`);
      expect(sent.length).toBeGreaterThan(0);
    }
  });

  it('would notice a missing grant and an unused one', () => {
    const { fn, run } = runOf('ingest');
    const statements = statementsOf(fn);
    const withoutPut = statements.map((s) => ({ ...s, actions: s.actions?.filter((a) => a !== 'dynamodb:PutItem') }));
    expect(deniedRequests(withoutPut, run.calls).map((c) => c.action)).toContain('dynamodb:PutItem');
    const withScan = [...statements, { effect: 'Allow' as const, actions: ['dynamodb:Scan'], resources: ['*'] }];
    expect(unusedGrants(withScan, run.calls, GRANTS_USED_BY_AWS_SERVICES).map((u) => u.action)).toEqual([
      'dynamodb:Scan',
    ]);
  });
});

describe('environment, derived from what the assets read', () => {
  it('every variable the template sets is read by the code (or by Node itself)', () => {
    for (const fn of functions) {
      const read = new Set(runs.get(fn.logicalId)!.environmentRead);
      const unread = Object.keys(fn.environment).filter((k) => !read.has(k) && !ENVIRONMENT_READ_ELSEWHERE[k]);
      expect(unread, `${serviceOf(fn)} gets variables it never reads`).toEqual([]);
    }
  });
});

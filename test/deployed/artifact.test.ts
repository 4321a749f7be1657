/**
 * What deploys is what is tested. The real app is synthesized once (infra/app.ts: esbuild bundling,
 * cdk-nag), and every function in its templates is run from its asset folder alone, as Lambda runs
 * it (test/deployed/support/runDeployed.ts): the template's handler, runtime and environment, the
 * references resolved to local stand-ins (DynamoDB Local for the table, a recording SNS stand-in
 * for the topics), and the events Lambda sends for the triggers the template wires: an EventBridge
 * Scheduler invocation with the schedule's input, the table stream's records after the mapping's
 * own filter, a Function URL request (payload format 2.0) and a direct invoke.
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
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT } from '../../infra/cdkJsonContext';
import { GRANTS_USED_BY_AWS_SERVICES } from '../../infra/constructs/functionGrants';
import { createHashwatchTable } from '../../local/devtools/createTable';
import { startDynamoLocal, type DynamoLocal } from '../../local/devtools/dynamoLocal';
import { localDynamoClient } from '../../local/devtools/localClient';
import { replayIngestConfigJson, scenario20260201, SCENARIO_NOW } from '../../local/devtools/recordedScenario';
import { startReplayServer, type ReplayServer } from '../../local/devtools/replayServer';
import { DynamoStreamPoller, localStreamsClient } from '../../local/devtools/streamPoller';
import { matchesFilterPattern } from '../../shared/adapters/dynamo/streamFilter';
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

/** What the callers of each service's URL and direct invoke send (by POWERTOOLS_SERVICE_NAME). */
const REQUESTS: Readonly<Record<string, unknown>> = {
  calculator: JSON.parse(readFileSync(join(REPO_ROOT, 'examples/calc-s19xp.json'), 'utf8')),
};

/** A price level far above any price: the first snapshot raises price-level, so compute publishes. */
const COMPUTE_CONFIG = { signals: { 'price-level': { levelsUsd: [10_000_000], raiseDwellHours: 0 } } };

let dynamo: DynamoLocal;
let upstream: ReplayServer;
let recorder: AwsRecorder;
let assembly: CloudAssembly;
let resolver: TemplateResolver;
let functions: DeployedFunction[];
const roles = new Map<string, IamRole>();
const runs = new Map<string, RunOutcome & { events: unknown[]; calls: RecordedCall[] }>();
let calculatorWithTableDown: RunOutcome;
let calculatorProjection: RunOutcome;

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
    case 'function-url':
    case 'direct-invoke': {
      const request = REQUESTS[serviceOf(fn)];
      if (request === undefined) throw new Error(`no request for ${serviceOf(fn)}: add one to REQUESTS`);
      if (trigger.kind !== 'function-url') return [request];
      // The calculator's URL also serves the read API (GET /v1/...): its reads are part of what it sends.
      const reads =
        serviceOf(fn) === 'calculator'
          ? [functionUrlEvent(undefined, 'GET', '/v1/latest'), functionUrlEvent(undefined, 'GET', '/v1/signals')]
          : [];
      return [functionUrlEvent(request), ...reads];
    }
  }
}

/**
 * Producers first: the scheduled ingest fills the table, its stream feeds compute, then the
 * callers. A function with several triggers runs at the step of its latest (compute: after the
 * ingest, for its stream), and takes its events latest first (the stream batch, then the drain
 * schedule's tick that follows it on a live stack).
 */
const ORDER: Record<Trigger['kind'], number> = { schedule: 0, stream: 1, 'function-url': 2, 'direct-invoke': 2 };
const step = (fn: DeployedFunction): number => Math.max(...fn.triggers.map((t) => ORDER[t.kind]));
const latestFirst = (triggers: readonly Trigger[]): Trigger[] =>
  [...triggers].sort((a, b) => ORDER[b.kind] - ORDER[a.kind]);

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  const client = localDynamoClient(dynamo.endpoint);
  const tableName = `hashwatch-deployed-${randomUUID().slice(0, 8)}`;
  const { streamArn } = await createHashwatchTable(client, tableName);
  client.destroy();
  upstream = await startReplayServer(scenario20260201());
  recorder = await startAwsRecorder({
    dynamoDbEndpoint: dynamo.endpoint,
    dynamoDbAccessKeyId: 'local',
    roleOf: (caller) => roles.get(caller),
  });

  const config = {
    // The recorded scenario lies in the past: a 30-day TTL would have DynamoDB Local sweep it.
    rawSnapshotRetentionDays: 3650,
    ingest: replayIngestConfigJson(upstream.baseUrl, {
      http: { timeoutMs: 2_000, maxAttempts: 2, backoffBaseMs: 20, backoffMaxMs: 100 },
    }),
    compute: COMPUTE_CONFIG,
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
    const events: unknown[] = [];
    for (const trigger of latestFirst(fn.triggers)) events.push(...(await eventsFor(fn, trigger)));
    const before = recorder.calls().length;
    const outcome = await runDeployed({
      fn,
      environment: resolvedEnvironment(fn),
      endpoints: { AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint, AWS_ENDPOINT_URL_SNS: recorder.endpoint },
      events,
      clockAt: SCENARIO_NOW.toISOString(),
    });
    const calls = recorder.calls().slice(before);
    runs.set(fn.logicalId, { ...outcome, events, calls });
  }

  // The calculator again, warm state aside, with DynamoDB failing: our fault, not the caller's.
  const calculator = functions.find((f) => serviceOf(f) === 'calculator')!;
  const request = REQUESTS.calculator;
  recorder.failDynamoDbFor(calculator.logicalId);
  calculatorWithTableDown = await runDeployed({
    fn: calculator,
    environment: resolvedEnvironment(calculator),
    endpoints: { AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint },
    events: [functionUrlEvent(request), request],
    clockAt: SCENARIO_NOW.toISOString(),
  });
  recorder.failDynamoDbFor(undefined);
  calculatorProjection = await runDeployed({
    fn: calculator,
    environment: resolvedEnvironment(calculator),
    endpoints: { AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint },
    events: [PROJECTION_REQUEST],
    clockAt: SCENARIO_NOW.toISOString(),
  });
}, 300_000);

afterAll(async () => {
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
    expect(functions.map(serviceOf).sort()).toEqual(expect.arrayContaining(['calculator', 'compute', 'ingest']));
    for (const fn of functions) {
      expect(fn.triggers.length, `${fn.logicalId} has no trigger`).toBeGreaterThan(0);
      expect(runtimeMajor(fn.runtime)).toBe(Number(process.versions.node.split('.')[0]));
    }
    expect(runOf('ingest').fn.triggers.map((t) => t.kind)).toEqual(['schedule']);
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
  });

  it('every invocation succeeds, and nothing was sent to a service the stand-ins do not serve', () => {
    for (const fn of functions) {
      const run = runs.get(fn.logicalId)!;
      expect(run.results.length, `${fn.logicalId} events`).toBeGreaterThan(0);
      for (const result of run.results)
        expect(result, `${fn.logicalId}\n${run.otherOutput}`).toMatchObject({ ok: true });
      const errors = run.logs.filter((line) => line.level === 'ERROR');
      expect(errors, fn.logicalId).toEqual([]);
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

  it('compute: the stream batch after the template filter holds only the new snapshot, the event is published, the drain schedule finds the outbox empty', () => {
    const { run } = runOf('compute');
    const [batch, drain] = run.events as [DynamoDBStreamEvent, unknown];
    expect(run.events).toHaveLength(2);
    expect(batch.Records.map((r) => [r.eventName, r.dynamodb?.NewImage?.entity?.S])).toEqual([
      ['INSERT', 'NetworkSnapshot'],
    ]);
    // The schedule's Input, as the template sets it.
    expect(drain).toEqual({ drain: 'scheduled' });
    expect(run.results.map((r) => r.value)).toEqual([
      { batchItemFailures: [] },
      { published: 0, failed: 0, oldestPendingAt: null },
    ]);
    const published = recorder.published();
    expect(published.map((p) => p.attributes.signal)).toContain('price-level');
    expect(new Set(published.map((p) => p.topicArn)).size).toBe(1);
  });

  it('calculator: the Function URL request answers 200 with the priced machine, the direct invoke the same figures', () => {
    const { run } = runOf('calculator');
    const values = run.results.map((r) => r.value);
    const viaUrl = values[0] as { statusCode: number; body: string };
    const direct = values[values.length - 1] as { machines: Array<{ model: string }> };
    const reads = values.slice(1, -1) as Array<{ statusCode: number }>;
    expect(reads.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(viaUrl.statusCode).toBe(200);
    const body = JSON.parse(viaUrl.body) as { machines: Array<{ model: string }> };
    expect(body.machines.map((m) => m.model)).toEqual(direct.machines.map((m) => m.model));
    expect(direct.machines.length).toBe(1);
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

/**
 * The power function as it deploys: the real app synthesized with one ERCOT site (infra/app.ts:
 * esbuild bundling, cdk-nag), the power function's asset run from its folder alone as Lambda runs
 * it (test/deployed/support/runDeployed.ts), invoked with the payload its schedule sends, against
 * DynamoDB Local and an SSM stand-in behind the recording endpoint that judges every call by the
 * role the template grants (test/deployed/support/awsRecorder.ts), and ERCOT's login, report and
 * archive served on 127.0.0.1 (ERCOT's documented report shape with the field list recorded by
 * tinyercot: test/support/powerStandIns.ts; the prices are test inputs). The endpoints reach the
 * asset through the overrides it reads (HASHWATCH_ERCOT_API_URL, ...), which the template never sets.
 *
 * A good round stores the site's quarter hours and a second stores nothing twice; a round against
 * an ERCOT that answers 429 and an archive that answers HTML stores nothing, says so in its metric,
 * and still succeeds (a site's failure is not the invocation's). IAM is derived from the calls,
 * both ways, as test/deployed/artifact.test.ts does for the other functions: every call allowed
 * (the three GetParameter reads of exactly the configured names, decrypted through SSM), and every
 * grant one the asset sends or one an AWS service sends for it.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT } from '../../infra/cdkJsonContext';
import { GRANTS_USED_BY_AWS_SERVICES } from '../../infra/constructs/functionGrants';
import { createHashwatchTable } from '../../local/devtools/createTable';
import { startDynamoLocal, type DynamoLocal } from '../../local/devtools/dynamoLocal';
import { localDynamoClient } from '../../local/devtools/localClient';
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { makeRole, type IamRole } from '../support/iam/iamRole';
import { deniedRequests, resolveStatement, unusedGrants, type ResolvedStatement } from '../support/iam/policyEvaluator';
import { STAND_IN_ACCOUNT, STAND_IN_REGION, TemplateResolver } from '../support/iam/standIns';
import { roleStatements } from '../support/iam/templateRoles';
import { closeStandIns, ercotStandIn, serve } from '../support/powerStandIns';
import { ONE_ERCOT_SITE_COMPUTE } from '../support/powerSitesConfig';
import { startAwsRecorder, type AwsRecorder, type RecordedCall } from './support/awsRecorder';
import { deployedFunctions, synthesize, type CloudAssembly, type DeployedFunction } from './support/cloudAssembly';
import { runDeployed, type RunOutcome } from './support/runDeployed';

/** The site's secrets, under the default names an ERCOT site reads (docs/power-prices.md). */
const PARAMETERS = {
  '/hashwatch/ercot/username': 'owner@example.com',
  '/hashwatch/ercot/password': 'deployed-artifact-password',
  '/hashwatch/ercot/subscription-key': 'deployed-artifact-subscription-key',
};
/** 23:05 Central on 2026-12-04, the stand-in's delivery day, and the next schedule tick. */
const NOW = '2026-12-05T05:05:00.000Z';
const NEXT_TICK = '2026-12-05T05:10:00.000Z';
/** Two days on: ERCOT now answers 429 and its archive an HTML page. */
const LATER = '2026-12-07T05:05:00.000Z';

let dynamo: DynamoLocal;
let admin: DynamoDBClient;
let tableName: string;
let recorder: AwsRecorder;
let assembly: CloudAssembly;
let resolver: TemplateResolver;
let fn: DeployedFunction;
let role: IamRole;
let good: RunOutcome & { calls: RecordedCall[] };
let failing: RunOutcome & { calls: RecordedCall[] };
let storedAfterGood: number;
let storedAfterFailing: number;
let ercotRequestsWhileFailing: string[];

const stackOf = (f: DeployedFunction) => assembly.stacks.find((s) => s.stackName === f.stackName)!;
const statementsOf = (f: DeployedFunction): ResolvedStatement[] =>
  roleStatements(stackOf(f).template, f.roleLogicalId).map((s) =>
    resolveStatement(s, (v) => resolver.resolve(v, stackOf(f))),
  );
const resolvedEnvironment = (f: DeployedFunction): Record<string, string> => {
  const resolved = resolver.resolve(f.environment, stackOf(f)) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, String(v)]));
};

async function storedCount(): Promise<number> {
  const prices = await new DynamoPowerPriceRepository(admin, tableName).startingWithin('tx-west', {
    fromIso: '2026-12-01T00:00:00.000Z',
    toIso: '2026-12-10T00:00:00.000Z',
  });
  return prices.length;
}

/** Runs the asset on the schedule's payload, once per clock, in one warm process. */
async function run(ercotBase: string, archiveBase: string, clocks: string[]) {
  const schedule = fn.triggers.find((t) => t.kind === 'schedule');
  if (schedule?.kind !== 'schedule' || schedule.input === undefined) throw new Error('no schedule with an Input');
  const before = recorder.calls().length;
  const outcome = await runDeployed({
    fn,
    environment: resolvedEnvironment(fn),
    endpoints: {
      AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint,
      AWS_ENDPOINT_URL_SSM: recorder.endpoint,
      HASHWATCH_ERCOT_API_URL: ercotBase,
      HASHWATCH_ERCOT_TOKEN_URL: `${ercotBase}/token`,
      HASHWATCH_ERCOT_ARCHIVE_URL: archiveBase,
    },
    events: clocks.map(() => JSON.parse(schedule.input!) as unknown),
    invocations: clocks.map((clockAt) => ({ clockAt })),
    clockAt: clocks[0]!,
  });
  return { ...outcome, calls: recorder.calls().slice(before) };
}

const emf = (outcome: RunOutcome) => outcome.logs.filter((l) => '_aws' in l);
const metric = (outcome: RunOutcome, name: string) =>
  emf(outcome).flatMap((l) => (name in l ? [{ site: l.site, kind: l.kind, value: l[name] }] : []));

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  admin = localDynamoClient(dynamo.endpoint);
  tableName = `hashwatch-power-${randomUUID().slice(0, 8)}`;
  const { streamArn } = await createHashwatchTable(admin, tableName);
  const roles = new Map<string, IamRole>();
  recorder = await startAwsRecorder({
    dynamoDbEndpoint: dynamo.endpoint,
    dynamoDbAccessKeyId: 'local',
    roleOf: (caller) => roles.get(caller),
    parameters: PARAMETERS,
  });
  const configFile = join(tmpdir(), `hashwatch-power-config-${randomUUID().slice(0, 8)}.json`);
  writeFileSync(configFile, JSON.stringify({ compute: ONE_ERCOT_SITE_COMPUTE }));
  assembly = synthesize({ ...CDK_JSON_CONTEXT, config: configFile });
  resolver = new TemplateResolver(assembly, { table: { tableName, streamArn } });
  const power = deployedFunctions(assembly).filter((f) => f.environment.POWERTOOLS_SERVICE_NAME === 'power');
  if (power.length !== 1) throw new Error(`expected one power function, found ${power.length}`);
  fn = power[0]!;
  role = makeRole('power', {
    principalArn: `arn:aws:sts::${STAND_IN_ACCOUNT}:assumed-role/${fn.stackName}-${fn.roleLogicalId}/${fn.stackName}-${fn.logicalId}`,
    granted: statementsOf(fn),
  });
  roles.set(fn.logicalId, role);

  const ercot = await ercotStandIn();
  // Never asked while the API answers; an HTML page if it were.
  const unusedArchive = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html/>'));
  good = await run(ercot.base, unusedArchive.base, [NOW, NEXT_TICK]);
  storedAfterGood = await storedCount();

  const throttled = await serve((req, res) => {
    if (req.url.pathname === '/token')
      return res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id_token: 'id-token', expires_in: 3600 }));
    res
      .writeHead(429, { 'content-type': 'application/json' })
      .end('{"statusCode":429,"message":"Rate limit is exceeded"}');
  });
  const htmlArchive = await serve((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>'),
  );
  failing = await run(throttled.base, htmlArchive.base, [LATER]);
  storedAfterFailing = await storedCount();
  ercotRequestsWhileFailing = [...throttled.seen, ...htmlArchive.seen].map((s) => s.url.pathname);
}, 300_000);

afterAll(async () => {
  admin?.destroy();
  await closeStandIns();
  await recorder?.close();
  await dynamo?.stop();
});

describe('the deployed power function, run as Lambda runs it', () => {
  it('is invoked by its schedule alone, with the empty payload, every 5 minutes', () => {
    expect(fn.triggers.map((t) => t.kind)).toEqual(['schedule']);
    const schedule = stackOf(fn).template.Resources[(fn.triggers[0] as { scheduleId: string }).scheduleId]!.Properties!;
    expect(schedule.ScheduleExpression).toBe('rate(5 minutes)');
    expect(fn.triggers[0]).toMatchObject({ input: '{}' });
  });

  it('stores the quarter hours of the ERCOT site, and the next tick stores nothing twice', () => {
    expect(
      good.results.map((r) => r.ok),
      good.otherOutput,
    ).toEqual([true, true]);
    const [first, second] = good.results.map((r) => r.value) as Array<{
      sites: Array<{ site: string; status: string; stored: number; unchanged: number; stale: boolean }>;
    }>;
    expect(first!.sites).toEqual([
      expect.objectContaining({ site: 'tx-west', status: 'stored', stored: 96, stale: false }),
    ]);
    expect(second!.sites).toEqual([
      expect.objectContaining({ site: 'tx-west', status: 'stored', stored: 0, stale: false }),
    ]);
    expect(storedAfterGood).toBe(96);
    expect(metric(good, 'PricesStored')).toEqual([
      { site: 'tx-west', kind: undefined, value: 96 },
      { site: 'tx-west', kind: undefined, value: 0 },
    ]);
    expect(metric(good, 'PriceAgeMinutes').map((m) => m.site)).toEqual(['tx-west', 'tx-west']);
    expect(metric(good, 'PriceFetchFailures')).toEqual([]);
    expect(good.logs.filter((l) => l.level === 'ERROR')).toEqual([]);
    expect(recorder.refused()).toEqual([]);
  });

  it('reads exactly the configured parameters, once per cold start, decrypted through SSM; no secret in its logs', () => {
    const reads = good.calls.filter((c) => c.action === 'ssm:GetParameter').map((c) => c.resource);
    expect(reads.sort()).toEqual(
      Object.keys(PARAMETERS)
        .map((name) => `arn:aws:ssm:${STAND_IN_REGION}:${STAND_IN_ACCOUNT}:parameter${name}`)
        .sort(),
    );
    const decrypts = good.calls.filter((c) => c.action === 'kms:Decrypt');
    expect(decrypts).toHaveLength(3);
    expect(decrypts.every((c) => c.allowed)).toBe(true);
    const logs = JSON.stringify([...good.logs, ...failing.logs]);
    for (const secret of Object.values(PARAMETERS).slice(1)) expect(logs).not.toContain(secret);
  });

  it('with ERCOT answering 429 and its archive HTML: nothing stored, the failure in its metric, the invocation succeeds', () => {
    expect(
      failing.results.map((r) => r.ok),
      failing.otherOutput,
    ).toEqual([true]);
    const [summary] = failing.results.map((r) => r.value) as Array<{
      sites: Array<{ site: string; status: string; stored: number; stale: boolean; error?: { message: string } }>;
    }>;
    expect(summary!.sites).toEqual([
      expect.objectContaining({ site: 'tx-west', status: 'failed', stored: 0, stale: true }),
    ]);
    expect(summary!.sites[0]!.error!.message).toMatch(/429|throttled/);
    expect(summary!.sites[0]!.error!.message).toMatch(/HTML|html/);
    expect(ercotRequestsWhileFailing).toContain('/np6-905-cd/spp_node_zone_hub');
    expect(storedAfterFailing).toBe(storedAfterGood);
    expect(metric(failing, 'PricesStored')).toEqual([{ site: 'tx-west', kind: undefined, value: 0 }]);
    expect(metric(failing, 'PriceFetchFailures')).toEqual([{ site: 'tx-west', kind: 'http', value: 1 }]);
    // Two days without a new price: far past the site's 45 minutes, so its alarm fires.
    expect(metric(failing, 'PriceAgeMinutes')[0]!.value as number).toBeGreaterThan(45);
    expect(failing.logs.find((l) => l.message === 'power price site failed')).toMatchObject({
      level: 'WARN',
      site: 'tx-west',
    });
  });
});

describe('IAM and environment, derived from what the power asset sends and reads', () => {
  const calls = () => [...good.calls, ...failing.calls];

  it('every call was allowed by its role when it was sent', () => {
    expect(calls().every((c) => c.caller === fn.logicalId)).toBe(true);
    expect(calls().filter((c) => !c.allowed)).toEqual([]);
    expect(deniedRequests(statementsOf(fn), calls())).toEqual([]);
    expect(role.denials()).toEqual([]);
  });

  it('every granted action is one the asset sends, or one an AWS service sends for it', () => {
    expect(unusedGrants(statementsOf(fn), calls(), GRANTS_USED_BY_AWS_SERVICES)).toEqual([]);
    expect([...new Set(calls().map((c) => c.action))].sort()).toEqual([
      'dynamodb:PutItem',
      'dynamodb:Query',
      'kms:Decrypt',
      'ssm:GetParameter',
    ]);
  });

  it('every variable the template sets is read by the code (or by Node itself)', () => {
    const read = new Set([...good.environmentRead, ...failing.environmentRead]);
    const unread = Object.keys(fn.environment).filter((k) => !read.has(k) && k !== 'NODE_OPTIONS');
    expect(unread).toEqual([]);
  });
});

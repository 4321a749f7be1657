/**
 * `BENCH monthly-cost-one-ercot-site`: what one ERCOT site adds to a month, all in (issue #24).
 * The app is synthesized with one ERCOT real-time site (the real infra/app.ts, bundled), and the
 * power function's asset runs as Lambda runs it (test/deployed/support/runDeployed.ts) against
 * DynamoDB Local, an IAM-judging SSM stand-in and ERCOT's login and report served on 127.0.0.1
 * (ERCOT's documented shape with the recorded field list; the prices are test inputs). A first
 * round fills the table with the stand-in's day; then each measured round runs in a process of its
 * own, so each is a cold start: its login and secret reads included, and every round is billed at
 * that duration (a warm round reuses both); init phases are billed at
 * USAGE_ESTIMATES.powerColdStartsPerHour. Measured: the init's and the round's duration and CPU time, the requests to ERCOT, the
 * table reads, the log bytes (EMF included) and the size of a stored item. Billed seconds: the CPU
 * time scaled to the function's share of a vCPU at its memory (the template's), the local waits as
 * measured, and USAGE_ESTIMATES.powerUpstreamSecondsPerRequest for each request to ERCOT. The prices
 * and the arithmetic are infra/cost/monthlyCost.ts (powerSiteMonthlyCost); the lines go to stderr.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { CDK_JSON_CONTEXT } from '../infra/cdkJsonContext';
import { POWER_SCHEDULE_RATE_MINUTES } from '../infra/constructs/powerIngestion';
import { costInputsOf } from '../infra/cost/costInputs';
import { LAMBDA_MB_PER_VCPU, powerSiteMonthlyCost, USAGE_ESTIMATES } from '../infra/cost/monthlyCost';
import { createHashwatchTable } from '../local/devtools/createTable';
import { startDynamoLocal } from '../local/devtools/dynamoLocal';
import { localDynamoClient } from '../local/devtools/localClient';
import { secretParametersOf } from '../shared/config/powerSites';
import { parseComputeConfig } from '../shared/config/computeConfig';
import { POWER_METRICS_PER_SITE_ALWAYS } from '../shared/observability/metrics';
import { POWER_INGEST_DEFAULTS } from '../shared/power/ingestSitePowerPrices';
import { startAwsRecorder } from '../test/deployed/support/awsRecorder';
import { deployedFunctions, synthesize } from '../test/deployed/support/cloudAssembly';
import { runDeployed, type RunOutcome } from '../test/deployed/support/runDeployed';
import { makeRole, type IamRole } from '../test/support/iam/iamRole';
import { resolveStatement } from '../test/support/iam/policyEvaluator';
import { STAND_IN_ACCOUNT, TemplateResolver } from '../test/support/iam/standIns';
import { roleStatements } from '../test/support/iam/templateRoles';
import { closeStandIns, ercotStandIn, serve } from '../test/support/powerStandIns';
import { ONE_ERCOT_SITE_COMPUTE } from '../test/support/powerSitesConfig';
import { median, reportBench } from './report';

const NAME = 'monthly-cost-one-ercot-site';
const TARGET_USD = 1;
/** ERCOT: 96 real-time quarter hours and 24 day-ahead hours a day (issue #24, point 5). */
const INTERVALS_PER_DAY = 96 + 24;
const MEASURED_ROUNDS = 5;
/** 23:05 Central on 2026-12-04, the stand-in's delivery day: the first round stores the day. */
const FIRST = Date.parse('2026-12-05T05:05:00.000Z');
const PARAMETERS = {
  '/hashwatch/ercot/username': 'owner@example.com',
  '/hashwatch/ercot/password': 'bench-password',
  '/hashwatch/ercot/subscription-key': 'bench-subscription-key',
};

const dynamo = await startDynamoLocal();
const admin = localDynamoClient(dynamo.endpoint);
try {
  const tableName = `hashwatch-bench-${randomUUID().slice(0, 8)}`;
  const { streamArn } = await createHashwatchTable(admin, tableName);
  const roles = new Map<string, IamRole>();
  const recorder = await startAwsRecorder({
    dynamoDbEndpoint: dynamo.endpoint,
    dynamoDbAccessKeyId: 'local',
    roleOf: (caller) => roles.get(caller),
    parameters: PARAMETERS,
  });
  const configFile = join(tmpdir(), `hashwatch-bench-power-${randomUUID().slice(0, 8)}.json`);
  writeFileSync(configFile, JSON.stringify({ compute: ONE_ERCOT_SITE_COMPUTE }));
  const assembly = synthesize({ ...CDK_JSON_CONTEXT, config: configFile });
  const resolver = new TemplateResolver(assembly, { table: { tableName, streamArn } });
  const fn = deployedFunctions(assembly).find((f) => f.environment.POWERTOOLS_SERVICE_NAME === 'power')!;
  const stack = assembly.stacks.find((s) => s.stackName === fn.stackName)!;
  roles.set(
    fn.logicalId,
    makeRole('power', {
      principalArn: `arn:aws:sts::${STAND_IN_ACCOUNT}:assumed-role/${fn.stackName}-${fn.roleLogicalId}/${fn.stackName}-${fn.logicalId}`,
      granted: roleStatements(stack.template, fn.roleLogicalId).map((s) =>
        resolveStatement(s, (v) => resolver.resolve(v, stack)),
      ),
    }),
  );
  const alarms = Object.values(stack.template.Resources).filter(
    (r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.MetricName === 'PriceAgeMinutes',
  ).length;
  const environment = Object.fromEntries(
    Object.entries(resolver.resolve(fn.environment, stack) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  const ercot = await ercotStandIn();
  const archive = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html/>'));
  const once = async (atMs: number) => {
    const callsBefore = recorder.calls().length;
    const requestsBefore = ercot.seen.length + archive.seen.length;
    const outcome: RunOutcome = await runDeployed({
      fn,
      environment,
      endpoints: {
        AWS_ENDPOINT_URL_DYNAMODB: recorder.endpoint,
        AWS_ENDPOINT_URL_SSM: recorder.endpoint,
        HASHWATCH_ERCOT_API_URL: ercot.base,
        HASHWATCH_ERCOT_TOKEN_URL: `${ercot.base}/token`,
        HASHWATCH_ERCOT_ARCHIVE_URL: archive.base,
      },
      events: [{}],
      clockAt: new Date(atMs).toISOString(),
    });
    const [result] = outcome.results;
    if (!result?.ok) throw new Error(`the power round failed: ${JSON.stringify(result)}\n${outcome.otherOutput}`);
    const calls = recorder.calls().slice(callsBefore);
    return {
      outcome,
      result,
      queries: calls.filter((c) => c.action === 'dynamodb:Query').length,
      upstreamRequests: ercot.seen.length + archive.seen.length - requestsBefore,
      logBytes: outcome.logs.reduce((sum, line) => sum + JSON.stringify(line).length + 1, 0),
    };
  };

  await once(FIRST);
  const rounds = [];
  for (let i = 1; i <= MEASURED_ROUNDS; i += 1)
    rounds.push(await once(FIRST + i * POWER_SCHEDULE_RATE_MINUTES * 60_000));
  await recorder.close();

  const vcpuShare = Math.min(1, fn.memoryMb / LAMBDA_MB_PER_VCPU);
  /** Billed seconds: CPU at the function's share of a vCPU, the local waits as measured. */
  const billed = (durationMs: number, cpuMs: number): number =>
    (cpuMs / vcpuShare + Math.max(0, durationMs - cpuMs)) / 1000;
  const upstreamRequests = median(rounds.map((r) => r.upstreamRequests));
  const roundSeconds =
    median(rounds.map((r) => billed(r.result.durationMs!, r.result.cpuMs!))) +
    upstreamRequests * USAGE_ESTIMATES.powerUpstreamSecondsPerRequest;
  const initSeconds = median(rounds.map((r) => billed(r.outcome.init!.durationMs, r.outcome.init!.cpuMs)));
  const items = await admin.send(new ScanCommand({ TableName: tableName, Limit: 20 }));
  const itemBytes = Math.max(...(items.Items ?? []).map((i) => JSON.stringify(unmarshall(i)).length));
  const roundsPerMonth = (30 * 24 * 60) / POWER_SCHEDULE_RATE_MINUTES;
  const site = parseComputeConfig(ONE_ERCOT_SITE_COMPUTE).sites[0]!;

  console.error(
    `  measured (median of ${MEASURED_ROUNDS} cold rounds at ${fn.memoryMb} MB): round ${median(rounds.map((r) => r.result.durationMs!)).toFixed(0)} ms wall, ` +
      `${median(rounds.map((r) => r.result.cpuMs!)).toFixed(0)} ms CPU; init ${median(rounds.map((r) => r.outcome.init!.durationMs)).toFixed(0)} ms wall, ` +
      `${median(rounds.map((r) => r.outcome.init!.cpuMs)).toFixed(0)} ms CPU; ${upstreamRequests} requests to ERCOT, ` +
      `${median(rounds.map((r) => r.queries))} queries, ${median(rounds.map((r) => r.logBytes))} log bytes a round; item ${itemBytes} B`,
  );
  const cost = powerSiteMonthlyCost({
    base: costInputsOf({}, { cloudWatchFreeTier: true }),
    roundsPerMonth,
    powerMemoryMb: fn.memoryMb,
    roundSeconds,
    initSeconds,
    coldStartsPerMonth: 30 * 24 * USAGE_ESTIMATES.powerColdStartsPerHour,
    intervalsPerDay: INTERVALS_PER_DAY,
    // One read unit a query at most (each answers under 4 KB).
    readUnitsPerRound: median(rounds.map((r) => r.queries)),
    itemBytes,
    retentionDays: POWER_INGEST_DEFAULTS.retentionDays,
    logBytesPerRound: median(rounds.map((r) => r.logBytes)),
    metrics: POWER_METRICS_PER_SITE_ALWAYS.length,
    alarms,
    parametersPerColdStart: secretParametersOf(site).length,
  });
  for (const line of cost.lines) console.error(`  ${line.item}: ${line.arithmetic} = ${line.usdPerMonth.toFixed(4)}`);
  reportBench({ name: NAME, value: cost.totalUsd, unit: 'usd', comparison: '<=', target: TARGET_USD });
} finally {
  admin.destroy();
  await closeStandIns();
  await dynamo.stop();
}

/**
 * The ingest's peak memory in the worst case the response caps allow (issue #22): the deployed
 * bundle of the ingest entry point (functions/ingest/handler.ts, built with the CDK's esbuild
 * options) runs in a fresh process on an empty DynamoDB Local table, so it backfills and then
 * runs a cycle, while every upstream endpoint on a 127.0.0.1 server answers a body of its full cap
 * (shared/adapters/sources/responseCaps.ts): its recorded response with its rows repeated up to
 * the cap, so that the body parses and every row becomes an object, as a real large answer would.
 * The backfill's long series (period `all`) one after the other, then the cycle's round at once. The process's peak
 * resident set (getrusage maxrss) is what Lambda counts against the function's memory; the
 * target is half of the ingest's memory as the synthesized template configures it (MemorySize). Each run's two
 * invocations are reported apart on stderr (the backfilling first run, then a cycle alone); the
 * BENCH line is the worst of them all.
 *
 * The epoch list (difficulty-adjustments) is padded with whitespace instead of rows: repeated
 * rows would be thousands of duplicate epoch writes, and its step runs alone, not in the peak.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../infra/constructs/bundleOptions';
import { createHashwatchTable } from '../local/devtools/createTable';
import { startDynamoLocal } from '../local/devtools/dynamoLocal';
import { LOCAL_REGION, localDynamoClient } from '../local/devtools/localClient';
import { PATHS, scenario20260201, SCENARIO_NOW } from '../local/devtools/recordedScenario';
import { RESPONSE_CAP_BYTES } from '../shared/adapters/sources/responseCaps';
import { SERVICE_NAMES } from '../shared/observability/metrics';
import { configJsonFor } from '../test/support/fakeUpstream';
import { reportBench } from './report';

const RUNS = Number(process.env.BENCH_RSS_RUNS ?? 3);
/**
 * The ingest function's memory as deployed: MemorySize in the default config's synthesized
 * template, read in a process of its own. Loaded here, the CDK app slows this process, whose
 * server answers the ingest's requests: the cycle's bodies then arrive together, and the cycle
 * alone was measured at 146-167 MiB instead of 117 (the backfilling run, the worst case, moved little).
 */
function deployedIngestMemoryMb(): number {
  const module = pathToFileURL(join(root, 'infra/synthesizedTemplates.ts')).href;
  const script =
    `const { functionMemoryMb, synthesizedTemplates } = await import(${JSON.stringify(module)});\n` +
    `process.stdout.write(String(functionMemoryMb(synthesizedTemplates({}))[${JSON.stringify(SERVICE_NAMES.ingest)}]));`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  const memoryMb = Number(result.stdout);
  if (result.status !== 0 || !(memoryMb > 0))
    throw new Error(`the ingest's memory could not be read from the template: ${result.stderr}`);
  return memoryMb;
}
const root = join(import.meta.dirname, '..');
const ingestMemoryMb = deployedIngestMemoryMb();

/** Each route, the cap of the endpoint it serves, and whether its rows may be repeated. */
const ROUTES: { path: string; cap: number; repeatRows: boolean }[] = [
  { path: PATHS.tipHeight, cap: RESPONSE_CAP_BYTES.mempool['tip-height'], repeatRows: false },
  { path: PATHS.difficultyAdjustment, cap: RESPONSE_CAP_BYTES.mempool['difficulty-adjustment'], repeatRows: false },
  { path: PATHS.hashrateCycle, cap: RESPONSE_CAP_BYTES.mempool['hashrate/1w'], repeatRows: true },
  { path: PATHS.hashrateBackfill, cap: RESPONSE_CAP_BYTES.mempool.hashrate, repeatRows: true },
  { path: PATHS.rewardStats, cap: RESPONSE_CAP_BYTES.mempool['reward-stats'], repeatRows: false },
  { path: PATHS.blockFeesCycle, cap: RESPONSE_CAP_BYTES.mempool['block-fees/3d'], repeatRows: true },
  { path: PATHS.blockFeesBackfill, cap: RESPONSE_CAP_BYTES.mempool['block-fees'], repeatRows: true },
  { path: PATHS.prices, cap: RESPONSE_CAP_BYTES.mempool.prices, repeatRows: false },
  { path: PATHS.difficultyAdjustments, cap: RESPONSE_CAP_BYTES.mempool['difficulty-adjustments'], repeatRows: false },
  { path: PATHS.historicalPrice, cap: RESPONSE_CAP_BYTES.mempool['historical-price'], repeatRows: true },
  { path: PATHS.coinbase, cap: RESPONSE_CAP_BYTES.coinbase.spot, repeatRows: false },
  { path: PATHS.kraken, cap: RESPONSE_CAP_BYTES.kraken.ticker, repeatRows: false },
  { path: PATHS.coingecko, cap: RESPONSE_CAP_BYTES.coingecko['simple-price'], repeatRows: false },
  { path: PATHS.blockchainInfo, cap: RESPONSE_CAP_BYTES['blockchain.info'].stats, repeatRows: false },
];

/** The recorded body grown to just under `cap`: its longest array's rows repeated, else whitespace. */
function fullBody(recorded: string, cap: number, repeatRows: boolean): string {
  const target = cap - 16;
  if (!repeatRows) return recorded + ' '.repeat(Math.max(0, target - Buffer.byteLength(recorded)));
  const json = JSON.parse(recorded) as unknown;
  const rowsOf = (value: unknown): { rows: unknown[]; wrap: (inner: string) => string } => {
    if (Array.isArray(value)) return { rows: value, wrap: (inner) => `[${inner}]` };
    const object = value as Record<string, unknown>;
    const [key] = Object.entries(object)
      .filter(([, v]) => Array.isArray(v))
      .sort(([, a], [, b]) => (b as unknown[]).length - (a as unknown[]).length)[0]!;
    const rest = JSON.stringify({ ...object, [key]: [] });
    const marker = `"${key}":[]`;
    return { rows: object[key] as unknown[], wrap: (inner) => rest.replace(marker, `"${key}":[${inner}]`) };
  };
  const { rows, wrap } = rowsOf(json);
  const texts = rows.map((r) => JSON.stringify(r));
  const parts: string[] = [];
  let size = Buffer.byteLength(wrap(''));
  for (let i = 0; size + texts[i % texts.length]!.length + 1 <= target; i += 1) {
    const text = texts[i % texts.length]!;
    parts.push(text);
    size += text.length + 1;
  }
  return wrap(parts.join(','));
}

const recorded = scenario20260201();
const withoutQuery = (path: string): string => path.split('?')[0]!;
/** The cycle's periods (1w, 3d) have their own routes; the backfill's series answer any other period (`all`). */
const seriesPrefix = (path: string): string => withoutQuery(path).replace(/\/[^/]+$/, '/');
const bodies = ROUTES.map((r) => ({
  ...r,
  body: fullBody(recorded[r.path]!.body, r.cap, r.repeatRows),
  series: r.path === PATHS.hashrateBackfill || r.path === PATHS.blockFeesBackfill,
}));
function bodyFor(url: string): string | undefined {
  const path = withoutQuery(url);
  const exact = bodies.find((b) => withoutQuery(b.path) === path);
  return (exact ?? bodies.find((b) => b.series && path.startsWith(seriesPrefix(b.path))))?.body;
}

const server = createServer((req, res) => {
  const body = bodyFor(req.url ?? '/');
  res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
  res.end(body ?? '{}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const work = mkdtempSync(join(tmpdir(), 'hashwatch-ingest-rss-'));
const bundleFile = join(work, 'index.mjs');
await build({
  entryPoints: [join(root, 'functions/ingest/handler.ts')],
  outfile: bundleFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: BUNDLE_OPTIONS.target,
  minify: BUNDLE_OPTIONS.minify,
  sourcemap: BUNDLE_OPTIONS.sourceMap,
  sourcesContent: BUNDLE_OPTIONS.sourcesContent,
  banner: { js: BUNDLE_OPTIONS.banner },
  mainFields: [...BUNDLE_OPTIONS.mainFields],
  loader: { ...BUNDLE_OPTIONS.loader },
  conditions: [...BUNDLE_OPTIONS.conditions],
  logLevel: 'error',
});

/** The driver script in a fresh Node process; its exit status, stdout and stderr. */
function runDriver(
  script: string,
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: work, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const dynamo = await startDynamoLocal();
const client = localDynamoClient(dynamo.endpoint);
const peaksMiB: number[] = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
    const tableName = `hashwatch-rss-${run}`;
    await createHashwatchTable(client, tableName);
    // The deployed defaults (timeouts, attempts); only the base URLs and the longest backfill differ.
    const config = configJsonFor(baseUrl, { http: {}, backfill: { enabled: true, hashratePeriod: 'all' } });
    // The first invocation backfills the empty table and runs a cycle; the second, ten minutes
    // on, is a cycle alone (what runs every ten minutes from then on).
    for (const [label, now] of [
      ['backfill + cycle', SCENARIO_NOW],
      ['cycle alone', new Date(SCENARIO_NOW.getTime() + 600_000)],
    ] as const) {
      const script = [
        `const { handler } = await import(${JSON.stringify(pathToFileURL(bundleFile).href)});`,
        `const context = { functionName: 'hashwatch-ingest', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:hashwatch-ingest', memoryLimitInMB: '${ingestMemoryMb}', awsRequestId: 'bench', logGroupName: 'bench', logStreamName: 'bench', getRemainingTimeInMillis: () => 60000 };`,
        `const summary = await handler({ now: ${JSON.stringify(now.toISOString())} }, context);`,
        'process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, backfill: summary.backfill?.status, cycle: summary.cycle.status }));',
      ].join('\n');
      // Asynchronous: this process's event loop serves the upstream while the child runs.
      const result = await runDriver(script, {
        PATH: process.env.PATH,
        // The credentials and region of localDynamoClient: DynamoDB Local keeps tables per both.
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        TABLE_NAME: tableName,
        HASHWATCH_INGEST_CONFIG: JSON.stringify(config),
        HASHWATCH_ALLOW_CLOCK_OVERRIDE: 'true',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
      });
      if (result.status !== 0) throw new Error(`the ingest run failed: ${result.stderr}`);
      const outcome = JSON.parse(result.stdout) as { maxRssKb: number; backfill?: string; cycle: string };
      peaksMiB.push(outcome.maxRssKb / 1024);
      console.error(
        `  run ${run + 1}, ${label}: peak RSS ${(outcome.maxRssKb / 1024).toFixed(1)} MiB (backfill ${outcome.backfill ?? 'done before'}, cycle ${outcome.cycle})`,
      );
    }
  }
} finally {
  client.destroy();
  await dynamo.stop();
  server.close();
  rmSync(work, { recursive: true, force: true });
}

reportBench({
  name: 'ingest-peak-rss-worst-case',
  value: Math.round(Math.max(...peaksMiB)),
  unit: 'MiB',
  comparison: '<=',
  target: ingestMemoryMb / 2,
});

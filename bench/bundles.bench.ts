/**
 * Bundle size and cold import time of each function, as deployed: every functions/<name>/handler.ts
 * is bundled with esbuild using the options of HashwatchFunction (ESM, minified, source map, AWS SDK
 * bundled), then imported in fresh Node processes with NODE_OPTIONS=--enable-source-maps, as Lambda
 * runs it. The yardstick, measured in the same run and interleaved with the handlers, is a baseline
 * bundle that only constructs the AWS SDK clients the function uses (DynamoDBClient +
 * DynamoDBDocumentClient, plus SNSClient when the handler bundles @aws-sdk/client-sns).
 * Target: a handler's import takes at most 1.5 times its baseline's.
 *
 * Sizes: raw = index.mjs; zipped = the deployment zip (index.mjs + index.mjs.map, deflate level 9
 * plus the zip headers), computed with zlib because CI machines may lack a zip tool.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../infra/constructs/bundleOptions';
import { median, reportBench } from './report';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'hashwatch-bundles-'));
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
const IMPORT_RATIO_TARGET = 1.5;
/** Budgets (not measurements): a Lambda zip this size still loads in well under a second. */
const RAW_KIB_TARGET = 1536;
const ZIPPED_KIB_TARGET = 768;

interface Bundle {
  name: string;
  file: string;
  rawBytes: number;
  zippedBytes: number;
  usesSns: boolean;
}

async function bundle(name: string, entry: string): Promise<Bundle> {
  const outdir = join(work, name);
  mkdirSync(outdir, { recursive: true });
  const file = join(outdir, 'index.mjs');
  const result = await build({
    entryPoints: [entry],
    outfile: file,
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
    metafile: true,
    // The baseline sources live in a temporary directory: resolve packages from the project.
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'error',
  });
  const usesSns = Object.keys(result.metafile.inputs).some((input) => input.includes('@aws-sdk/client-sns'));
  return { name, file, rawBytes: statSync(file).size, zippedBytes: zipSize([file, `${file}.map`]), usesSns };
}

/** Size of a zip holding these files: local header + deflated data + central entry each, plus the end record. */
function zipSize(files: string[]): number {
  let size = 22;
  for (const file of files) {
    const nameBytes = Buffer.byteLength(file.split('/').pop()!);
    size += 30 + nameBytes + deflateRawSync(readFileSync(file), { level: 9 }).length + 46 + nameBytes;
  }
  return size;
}

function writeBaseline(withSns: boolean): string {
  const source = join(work, withSns ? 'baseline-sns.ts' : 'baseline.ts');
  writeFileSync(
    source,
    [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      withSns ? "import { SNSClient } from '@aws-sdk/client-sns';" : '',
      'const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      withSns ? 'const snsClient = new SNSClient({});' : 'const snsClient = undefined;',
      'export const handler = async () => ({ ready: documentClient !== undefined, sns: snsClient !== undefined });',
    ].join('\n'),
  );
  return source;
}

/** One cold import in a fresh process, in milliseconds (process start-up excluded). */
function coldImportMs(file: string): number {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t0));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_OPTIONS: '--enable-source-maps',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      TABLE_NAME: 'hashwatch-bench',
      TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:hashwatch-bench',
      HASHWATCH_INGEST_CONFIG: '{}',
      HASHWATCH_COMPUTE_CONFIG: '{}',
      POWERTOOLS_METRICS_NAMESPACE: 'Hashwatch',
      POWERTOOLS_SERVICE_NAME: 'bench',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_DEV: 'false',
    },
  });
  if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr}`);
  return Number(result.stdout);
}

const kib = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

const functionNames = existsSync(join(root, 'functions'))
  ? readdirSync(join(root, 'functions'))
      .filter((name) => existsSync(join(root, 'functions', name, 'handler.ts')))
      .sort()
  : [];
if (functionNames.length === 0) {
  console.log('bundles.bench: no functions/<name>/handler.ts yet; nothing to measure');
  process.exit(0);
}

const handlers = await Promise.all(
  functionNames.map((name) => bundle(name, join(root, 'functions', name, 'handler.ts'))),
);
const baselines = {
  plain: await bundle('baseline', writeBaseline(false)),
  sns: await bundle('baseline-sns', writeBaseline(true)),
};
const baselineOf = (handler: Bundle): Bundle => (handler.usesSns ? baselines.sns : baselines.plain);

// Interleave the runs so that machine noise hits every bundle alike.
const samples = new Map<string, number[]>();
const all = [...handlers, baselines.plain, baselines.sns];
for (let run = 0; run < IMPORT_RUNS; run += 1) {
  for (const b of all) {
    const sample = samples.get(b.name) ?? [];
    sample.push(coldImportMs(b.file));
    samples.set(b.name, sample);
  }
}
const importMs = (b: Bundle): number => median(samples.get(b.name)!);

for (const b of [baselines.plain, baselines.sns]) {
  console.log(
    `baseline ${b.name}: ${kib(b.rawBytes)} KiB raw, ${kib(b.zippedBytes)} KiB zipped, cold import ${importMs(b).toFixed(1)} ms (median of ${IMPORT_RUNS})`,
  );
}
for (const handler of handlers) {
  const baseline = baselineOf(handler);
  reportBench({
    name: `bundle-${handler.name}-raw`,
    value: kib(handler.rawBytes),
    unit: 'KiB',
    comparison: '<=',
    target: RAW_KIB_TARGET,
  });
  reportBench({
    name: `bundle-${handler.name}-zipped`,
    value: kib(handler.zippedBytes),
    unit: 'KiB',
    comparison: '<=',
    target: ZIPPED_KIB_TARGET,
  });
  reportBench({
    name: `import-${handler.name}`,
    value: Math.round(importMs(handler) * 10) / 10,
    unit: 'ms',
    comparison: '<=',
    target: Math.round(importMs(baseline) * IMPORT_RATIO_TARGET * 10) / 10,
  });
}

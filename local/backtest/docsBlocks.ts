/**
 * The docs' one mechanism for figures, tables and example outputs a project command produces: each
 * is generated here from that command's own code, so it cannot go stale. A docs file marks a
 * generated block with `<!-- generated: KIND [FROM TO] -->` ... `<!-- /generated -->` and a block of
 * example lines it only quotes with `<!-- checked: KIND [FROM TO] -->` ... `<!-- /checked -->`
 * (backtest-timeline: every line starting with a date must appear, as is, in that run's timeline;
 * local-run-status: every line must appear in a fresh `npm start -- --replay`). Files generated
 * whole (examples/test-alert.json) are listed in GENERATED_FILES.
 * `npm run docs` rewrites the generated blocks of README.md and docs/*.md and the generated files in
 * place; test/integration/local/docsNumbers.test.ts fails when one differs from a fresh run (the
 * monthly-cost blocks are checked in test/infra/cost.test.ts, beside the synth it already does).
 * Every figure comes from the bundled history alone, never from a developer's history cache (`npm
 * run history -- update`): the backtests here take runBacktest's default history (the bundled one)
 * and the commands run for a block get HASHWATCH_HISTORY_CACHE=off (historyCacheDocs.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProductionEvaluator } from './productionEvaluator';
import { runBacktest, type BacktestResult } from './runBacktest';
import { formatEpisodesPerYear, formatSummary, formatTimeline } from './summary';
import { formatValidationTable, VALIDATION_PERIODS, validationRow } from './fleetValidation';
import { fleetShareTable, powerPriceByYearTable } from './powerPriceTable';
import { DEFAULT_COMPUTE_CONFIG, parseComputeConfig } from '../../shared/config/computeConfig';
import { runWhenEntryPoint } from '../runCli';
import { HISTORY_CACHE_ENV } from '../history/historyCache';
import { describeFetchError, offlineMessage } from '../run/connectivity';
import { MACHINES_FILE, parseMachineCatalog } from '../../shared/data/machineCatalog';
import { DataFileError } from '../../shared/data/dataFile';
import { projectionValidationTable } from '../projection/validationTable';
import { loadPowerEvents } from '../../shared/data/powerEvents';
import { reconstructedEventReport } from '../power/curtailmentBacktest';
import {
  exampleDocument,
  exampleEmail,
  signalExampleEvents,
  signalExamplesMarkdown,
} from '../../test/support/printSignalExamples';
import { signalEventSchema } from '../../shared/domain/signals/eventDocument';
import { channelsDocsTable } from '../../shared/notify/channels/docsTable';
import { signalsDocsTable } from '../../shared/domain/signals/docsTable';
import { describeEvent } from '../../shared/domain/signals/eventMessage';
import { signalFigures } from '../../shared/domain/signals/eventFigures';
import { costInputsOf } from '../../infra/cost/costInputs';
import { monthlyCost, USAGE_ITEMS, type CostInputs, type MonthlyCost } from '../../infra/cost/monthlyCost';
import {
  HashwatchConfigError,
  parseHashwatchConfig,
  type HashwatchConfigInput,
} from '../../infra/config/hashwatchConfig';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BLOCK =
  /<!-- (generated|checked): ([a-z0-9-]+)(?: (\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2}))? -->\n([\s\S]*?)<!-- \/\1 -->/g;

export interface DocBlock {
  file: string;
  mode: 'generated' | 'checked';
  kind: string;
  from: string | undefined;
  to: string | undefined;
  body: string;
}

export function docFiles(root = ROOT): string[] {
  const docs = join(root, 'docs');
  const files = [join(root, 'README.md')];
  if (existsSync(docs)) for (const f of readdirSync(docs).sort()) if (f.endsWith('.md')) files.push(join(docs, f));
  return files;
}

export function blocksOf(file: string, text: string): DocBlock[] {
  return [...text.matchAll(BLOCK)].map((m) => ({
    file,
    mode: m[1] as DocBlock['mode'],
    kind: m[2]!,
    from: m[3],
    to: m[4],
    body: m[5]!,
  }));
}

const runs = new Map<string, BacktestResult>();
/**
 * The run of `npm run backtest -- --bundled-only --from FROM --to TO`, with `configJson` as
 * HASHWATCH_COMPUTE_CONFIG if given (runBacktest's default history: the bundled one alone).
 */
export function backtestRun(from: string, to: string, configJson?: string): BacktestResult {
  const key = `${from}..${to} ${configJson ?? ''}`;
  let r = runs.get(key);
  if (!r) {
    const config = configJson === undefined ? DEFAULT_COMPUTE_CONFIG : parseComputeConfig(JSON.parse(configJson));
    r = runBacktest({
      from,
      to,
      createEvaluator: (history) => createProductionEvaluator(history, { config }),
    });
    runs.set(key, r);
  }
  return r;
}

/** The body a generated block must have (fenced where it is console output). */
export function generatedBody(kind: string, from?: string, to?: string, current = ''): string {
  if (kind === 'calc-example') return calcExampleBody(current);
  if (kind in CONFIG_ERROR_EXAMPLES) return configErrorExample(CONFIG_ERROR_EXAMPLES[kind]!);
  if (kind === 'data-error-example') return dataErrorExample();
  if (kind === 'channels-table') return channelsDocsTable();
  if (kind === 'signals-table') return signalsDocsTable();
  if (kind === 'offline-message') return offlineExample();
  if (kind === 'alert-examples') return signalExamplesMarkdown();
  if (kind === 'event-document-example') return `\`\`\`json\n${exampleDocument(exampleEvent('escalated'))}\n\`\`\`\n`;
  if (kind === 'email-example') return `\`\`\`text\n${exampleEmail(exampleEvent('fleet-break-even-breach'))}\n\`\`\`\n`;
  if (kind === 'local-run-status') {
    // A fresh run differs in its port, pid and clock only: keep the block then (no churn).
    const fresh = localRunStatusBody();
    return withoutRunSpecifics(fresh) === withoutRunSpecifics(current) ? current : fresh;
  }
  if (kind === 'monthly-cost-summary') return monthlyCostSummary();
  if (kind === 'monthly-cost-deploy') return monthlyCostDeployLine();
  if (kind === 'fleet-share-q1-2026') return `${fleetShareTable().join('\n')}\n`;
  if (kind === 'power-prices-by-year') return `${powerPriceByYearTable().join('\n')}\n`;
  if (kind === 'projection-validation') return `${projectionValidationTable().join('\n')}\n`;
  if (kind === 'power-backtest-uri')
    return `\`\`\`text\n${reconstructedEventReport(loadPowerEvents().events.find((e) => e.id === 'uri-2021')!)}\n\`\`\`\n`;
  if (kind === 'fleet-validation')
    return `${formatValidationTable(VALIDATION_PERIODS.map((p) => validationRow(p))).join('\n')}\n`;
  if (!from || !to) throw new Error(`generated block ${kind} needs FROM and TO dates`);
  const run = backtestRun(from, to);
  if (kind === 'backtest-summary') return `\`\`\`\n${formatSummary(run.summary).join('\n')}\n\`\`\`\n`;
  if (kind === 'episodes-per-year') return `${formatEpisodesPerYear(run.summary).join('\n')}\n`;
  throw new Error(`unknown generated block kind ${kind}`);
}

const costInputs = new Map<string, CostInputs>();
/**
 * The cost model's inputs for a config, as `npm run bench -- cost` reads them (infra/cost: counts
 * from the synthesized app). One synth per config and free-tier case per process: test/infra/cost.test.ts
 * reads its inputs through here too, so checking the generated cost blocks costs no synth of its own.
 */
export function costInputsFor(config: HashwatchConfigInput, cloudWatchFreeTier = true): CostInputs {
  const key = `${JSON.stringify(config)} ${cloudWatchFreeTier}`;
  let inputs = costInputs.get(key);
  if (!inputs) {
    inputs = costInputsOf(config, { cloudWatchFreeTier });
    costInputs.set(key, inputs);
  }
  return inputs;
}

/** The monthly cost of a config, from the one cost model (infra/cost/monthlyCost.ts). */
export function monthlyCostOf(config: HashwatchConfigInput, cloudWatchFreeTier = true): MonthlyCost {
  return monthlyCost(costInputsFor(config, cloudWatchFreeTier));
}

const usd = (x: number): string => `$${x.toFixed(2)}`;

/** docs/cost.md's totals: at the defaults, with the customer-managed key, and with its rotation. */
function monthlyCostSummary(): string {
  const defaults = monthlyCostOf({});
  const customerKey = monthlyCostOf({ topicEncryption: 'customer-managed' });
  const rotating = monthlyCostOf({ topicEncryption: 'customer-managed', keyRotation: true });
  const billedBeyondUsage = defaults.lines.filter((l) => l.usdPerMonth > 0 && !USAGE_ITEMS.includes(l.item));
  const key = customerKey.lines.find((l) => l.item === 'KMS customer-managed key')!;
  const rotatingKey = rotating.lines.find((l) => l.item === 'KMS customer-managed key')!;
  const beyond = billedBeyondUsage.map((l) => ` and ${usd(l.usdPerMonth)} for ${l.item} (${l.arithmetic})`).join('');
  return [
    `- **With the defaults, Hashwatch costs about ${usd(defaults.totalUsd)} a month**: ${usd(defaults.usageUsd)} of usage${beyond}.`,
    `- **With \`topicEncryption: "customer-managed"\`, it costs about ${usd(customerKey.totalUsd)} a month**: the key is ${usd(key.usdPerMonth)} of it.`,
    `- With \`keyRotation: true\` (customer-managed key only) the key costs $${key.usdPerMonth}, then $${(key.usdPerMonth + rotatingKey.usdPerMonth) / 2}, then $${rotatingKey.usdPerMonth} a month (about ${usd(rotating.totalUsd)} in all from the third year).`,
    '',
  ].join('\n');
}

/** docs/deploy.md's one line of cost, docs/cost.md's totals. */
function monthlyCostDeployLine(): string {
  const defaults = monthlyCostOf({});
  const customerKey = monthlyCostOf({ topicEncryption: 'customer-managed' });
  return `About ${usd(defaults.totalUsd)} a month at the defaults, ${usd(customerKey.totalUsd)} with \`topicEncryption: "customer-managed"\`: the arithmetic, line by line, is in [cost.md](cost.md).\n`;
}

/**
 * A calculator example: the block holds a one-command `sh` block and the `text` block of what that
 * command prints, the command run as test/integration/calculator/cli.test.ts runs every documented
 * example (bash in the project root, no table, the market sources unreachable so the bundled
 * history prices it). That test checks the output, as it runs the command anyway.
 */
function calcExampleBody(current: string): string {
  const command = /```sh\n(.+)\n```/.exec(current)?.[1];
  if (command === undefined) throw new Error(`a calc-example block needs a one-command sh block, got:\n${current}`);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
  delete env.TABLE_NAME;
  env.HASHWATCH_INGEST_CONFIG = JSON.stringify({ sources: { mempoolBaseUrl: 'http://127.0.0.1:9' } });
  env[HISTORY_CACHE_ENV] = 'off';
  const run = spawnSync('bash', ['-c', command], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  const expectedExit = /#\s*exits 1\s*$/.test(command) ? 1 : 0;
  if (run.status !== expectedExit) throw new Error(`${command} exited ${run.status}:\n${run.stderr}`);
  return `\`\`\`sh\n${command}\n\`\`\`\n\n\`\`\`text\n${run.stdout.trim()}\n\`\`\`\n`;
}

/**
 * docs/local-run.md's offline answer of `npm start`: the failure Node's fetch throws when the name
 * does not resolve (a TypeError whose cause carries ENOTFOUND), described and worded as the run does.
 */
function offlineExample(): string {
  const cause = Object.assign(new Error('getaddrinfo ENOTFOUND mempool.space'), { code: 'ENOTFOUND' });
  const reason = describeFetchError(new TypeError('fetch failed', { cause }));
  return `\`\`\`\n${offlineMessage('https://mempool.space', reason)}\n\`\`\`\n`;
}

/**
 * docs/data.md's example of a refused data file: the bundled machine catalog with one bad edit (the
 * S19 XP drawn at 3,500 W, 25 J/TH, beside its 21.5 J/TH), through the loader every use goes through.
 */
function dataErrorExample(): string {
  const raw = JSON.parse(readFileSync(join(ROOT, MACHINES_FILE), 'utf8')) as { machines: Record<string, unknown>[] };
  const row = raw.machines.find((m) => m.model === 'Antminer S19 XP');
  if (!row) throw new Error(`${MACHINES_FILE} has no Antminer S19 XP to show a bad edit on`);
  row.powerWatts = 3500;
  try {
    parseMachineCatalog(raw, MACHINES_FILE);
  } catch (error) {
    if (error instanceof DataFileError) return `\`\`\`\n${error.message}\n\`\`\`\n`;
    throw error;
  }
  throw new Error(`${MACHINES_FILE} with the S19 XP at 3,500 W was accepted: the example shows no refusal`);
}

/**
 * The synth's refusal of a bad deploy config, as `cdk synth` prints it (parseHashwatchConfig): the
 * docs' example configs with their mistakes, and the origin the message names.
 */
const CONFIG_ERROR_EXAMPLES: Record<string, { origin: string; config: unknown }> = {
  'config-error-subscriptions': {
    origin: 'config (/home/me/hashwatch/hashwatch.config.json)',
    config: {
      subscriptions: [
        { url: 'http://hooks.example.com/x' },
        { email: 'nope' },
        { email: 'me@example.com', filter: { signals: ['foo'] } },
      ],
    },
  },
  'config-error-notifications': {
    origin: 'config (...)',
    config: {
      notifications: [
        { type: 'telegram', botToken: '123456:ABC', chatId: '42' },
        { type: 'discord' },
        { type: 'webhook', url: 'http://alerts.example.com/x' },
      ],
    },
  },
};

function configErrorExample(example: { origin: string; config: unknown }): string {
  try {
    parseHashwatchConfig(example.config, example.origin);
  } catch (error) {
    if (error instanceof HashwatchConfigError) return `\`\`\`\n${error.message}\n\`\`\`\n`;
    throw error;
  }
  throw new Error(`the config example of ${example.origin} is valid: it no longer shows a refusal`);
}

/**
 * docs/signals.md's examples, from the replay of docs/compute-alert-examples.md: the difficulty
 * streak's escalation (the event document) and the Texas fleet's break-even breach (the e-mail).
 */
function exampleEvent(which: 'escalated' | 'fleet-break-even-breach') {
  const event = signalExampleEvents().find((e) =>
    which === 'escalated'
      ? e.transition === 'escalated' && e.signal === 'difficulty-negative-streak'
      : e.transition === 'raised' && e.signal === 'fleet-break-even-breach',
  );
  if (!event) throw new Error(`the alert-examples replay has no ${which} event`);
  return event;
}

/** The fleet and options of docs/local-run.md's example run (npmStart.test.ts runs the same). */
export const LOCAL_RUN_FLEETS = [
  { name: 'Texas S19 XP', machines: [{ model: 'S19 XP', count: 100 }], powerPriceUsdPerKwh: 0.062 },
];

/** Ports, pids and the wall clock differ from run to run of `npm start`; everything else must match. */
export function withoutRunSpecifics(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\(pid \d+\)/g, '(pid PID)')
    .replace(/status \d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'status CLOCK UTC');
}

/**
 * docs/local-run.md's status block: the first cycle of a real `npm start -- --replay --cycles 1`
 * with LOCAL_RUN_FLEETS (DynamoDB Local, so Java, and about 15 s), from DynamoDB Local's line to the
 * cycle's event count. Only `npm run docs` runs it; npmStart.test.ts checks the block's lines
 * against the run it does anyway (all but the port, pid and clock).
 */
export function localRunStatusBody(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hashwatch-docs-'));
  try {
    const run = spawnSync(
      'npm',
      ['start', '--silent', '--', '--replay', '--cycles', '1', '--events', join(dir, 'events.jsonl')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 180_000,
        env: {
          ...process.env,
          PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
          FORCE_COLOR: '0',
          HASHWATCH_COMPUTE_CONFIG: JSON.stringify({ fleets: LOCAL_RUN_FLEETS }),
          [HISTORY_CACHE_ENV]: 'off',
        },
      },
    );
    const lines = run.stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('DynamoDB Local listening on '));
    const last = lines.findIndex((l) => l.startsWith('  Events this cycle'));
    if (run.status !== 0 || first < 0 || last < first)
      throw new Error(`npm start -- --replay --cycles 1 failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    return `\`\`\`\n${lines.slice(first, last + 1).join('\n')}\n\`\`\`\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Files generated whole, path from the repository root. examples/test-alert.json is the test alert
 * of docs/notifications.md: its evidence is an example; its title, summary and figures are the
 * detector's own words and figures for it (a hand-edited summary once said "2 times in a row" of a
 * streak of 3).
 */
export const GENERATED_FILES: Record<string, (current: string) => string> = {
  'examples/test-alert.json': (current) => {
    const raw = JSON.parse(current) as Record<string, unknown>;
    const event = signalEventSchema.parse(raw);
    const description = describeEvent(event);
    // The file's own key order, only the two sentences and the figures replaced.
    const next = {
      ...raw,
      title: `Test alert: ${description.title}`,
      summary: description.summary,
      figures: signalFigures(event.signal, event.evidence, event.currency),
    };
    return `${JSON.stringify(next, null, 2)}\n`;
  },
};

/**
 * Lines of a checked timeline block that the run's timeline lacks (empty when all are there). A
 * block whose command sets `HASHWATCH_COMPUTE_CONFIG='...'` is checked against a run with that
 * config, so the example lines are those of the very command the docs show.
 */
export function missingTimelineLines(block: DocBlock): string[] {
  const configJson = /HASHWATCH_COMPUTE_CONFIG='([^']*)'/.exec(block.body)?.[1];
  const run = backtestRun(block.from!, block.to!, configJson);
  const timeline = new Set(formatTimeline(run.events, run.notes));
  return block.body
    .split('\n')
    .filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l))
    .filter((l) => !timeline.has(l));
}

/** `npm run docs [KIND ...]`: every generated block and file, or only the blocks of the kinds named. */
export async function main(argv: readonly string[] = []): Promise<number> {
  const only = argv.length > 0 ? new Set(argv) : undefined;
  for (const file of docFiles()) {
    const text = readFileSync(file, 'utf8');
    let changed = false;
    const next = text.replace(
      BLOCK,
      (whole, mode: string, kind: string, from: string | undefined, to: string | undefined, body: string) => {
        if (mode !== 'generated' || (only && !only.has(kind))) return whole;
        changed = true;
        const head = `<!-- generated: ${kind}${from ? ` ${from} ${to}` : ''} -->`;
        return `${head}\n${generatedBody(kind, from, to, body)}<!-- /generated -->`;
      },
    );
    if (changed && next !== text) {
      writeFileSync(file, next);
      console.log(`updated ${file}`);
    }
  }
  for (const [path, generate] of Object.entries(GENERATED_FILES)) {
    if (only && !only.has(path)) continue;
    const file = join(ROOT, path);
    const text = readFileSync(file, 'utf8');
    const next = generate(text);
    if (next !== text) {
      writeFileSync(file, next);
      console.log(`updated ${file}`);
    }
  }
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

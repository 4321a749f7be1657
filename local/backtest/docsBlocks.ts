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
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProductionEvaluator } from './productionEvaluator';
import { runBacktest, type BacktestResult } from './runBacktest';
import { formatEpisodesPerYear, formatSummary, formatTimeline } from './summary';
import { formatValidationTable, VALIDATION_PERIODS, validationRow } from './fleetValidation';
import { DEFAULT_COMPUTE_CONFIG, parseComputeConfig } from '../../shared/config/computeConfig';
import { runWhenEntryPoint } from '../runCli';
import { bundledMachineCatalog, bundledPowerPrices } from '../../shared/data/bundledData';
import { runFleetModel } from '../../shared/data/fleetHistory';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { fleetOnDate } from '../../shared/domain/fleetOverTime';
import { fleetShareNegative } from '../../shared/domain/fleetShare';
import { projectionValidationTable } from '../projection/validationTable';
import { ehsToHps } from '../../shared/domain/units';
import { loadPowerEvents } from '../../shared/data/powerEvents';
import { reconstructedEventReport } from '../power/curtailmentBacktest';
import { signalExamplesMarkdown } from '../../test/support/printSignalExamples';
import { signalEventSchema } from '../../shared/domain/signals/eventDocument';
import { describeEvent } from '../../shared/domain/signals/eventMessage';
import { costInputsOf } from '../../infra/cost/costInputs';
import { monthlyCost, USAGE_ITEMS, type CostInputs, type MonthlyCost } from '../../infra/cost/monthlyCost';
import type { HashwatchConfigInput } from '../../infra/config/hashwatchConfig';

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
/** The run of `npm run backtest -- --from FROM --to TO`, with `configJson` as HASHWATCH_COMPUTE_CONFIG if given. */
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
export function generatedBody(kind: string, from?: string, to?: string): string {
  if (kind === 'alert-examples') return signalExamplesMarkdown();
  if (kind === 'monthly-cost-summary') return monthlyCostSummary();
  if (kind === 'monthly-cost-deploy') return monthlyCostDeployLine();
  if (kind === 'fleet-share-q1-2026') return `${fleetShareTable().join('\n')}\n`;
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
 * Files generated whole, path from the repository root. examples/test-alert.json is the test alert
 * of docs/notifications.md: its figures are an example, its title and summary are the detector's own
 * words for them (a hand-edited summary once said "2 times in a row" of a streak of 3).
 */
export const GENERATED_FILES: Record<string, (current: string) => string> = {
  'examples/test-alert.json': (current) => {
    const raw = JSON.parse(current) as Record<string, unknown>;
    const description = describeEvent(signalEventSchema.parse(raw));
    // The file's own key order, only the two sentences replaced.
    const next = { ...raw, title: `Test alert: ${description.title}`, summary: description.summary };
    return `${JSON.stringify(next, null, 2)}\n`;
  },
};

/** The fleet share at three hashprices, on the model's February 2026 fleet (the fitted month), 1,020 EH/s. */
export function fleetShareTable(): string[] {
  const run = runFleetModel({
    daily: loadDailyHistory(),
    catalog: bundledMachineCatalog,
    basePowerPrices: bundledPowerPrices,
    poolFeeFraction: 0.02,
  });
  const fleetMix = fleetOnDate(run.fleet, '2026-02-15')!;
  const powerPrices = { bands: run.powerPricesForYear(2026) };
  const at = (hashpriceUsdPerPhDay: number, poolFeeFraction = 0.02) =>
    fleetShareNegative({
      hashpriceUsdPerPhDay,
      networkHashrateHps: ehsToHps(1020),
      fleetMix,
      powerPrices,
      poolFeeFraction,
    });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const h29 = at(29);
  return [
    '| hashprice ($/PH/day) | share cash-flow negative | hashrate at risk |',
    '|---|---|---|',
    `| 29 | ${pct(h29.shareNegativeFraction)} (${pct(at(29, 0).shareNegativeFraction)} with no pool fee) | ~${h29.hashrateAtRiskEhs.toFixed(0)} EH/s |`,
    `| 35 | ${pct(at(35).shareNegativeFraction)} | |`,
    `| 45 | ${pct(at(45).shareNegativeFraction)} | |`,
  ];
}

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

export async function main(): Promise<number> {
  for (const file of docFiles()) {
    const text = readFileSync(file, 'utf8');
    let changed = false;
    const next = text.replace(BLOCK, (whole, mode: string, kind: string, from?: string, to?: string) => {
      if (mode !== 'generated') return whole;
      changed = true;
      const head = `<!-- generated: ${kind}${from ? ` ${from} ${to}` : ''} -->`;
      return `${head}\n${generatedBody(kind, from, to)}<!-- /generated -->`;
    });
    if (changed && next !== text) {
      writeFileSync(file, next);
      console.log(`updated ${file}`);
    }
  }
  for (const [path, generate] of Object.entries(GENERATED_FILES)) {
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

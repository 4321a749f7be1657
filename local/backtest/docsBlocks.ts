/**
 * The numbers the docs quote from backtest runs, generated here so they cannot go stale. A docs
 * file marks a generated block with `<!-- generated: KIND FROM TO -->` ... `<!-- /generated -->`
 * (KIND: backtest-summary, episodes-per-year, fleet-validation, fleet-share-q1-2026, projection-validation) and a block of example timeline
 * lines with `<!-- checked: backtest-timeline FROM TO -->` ... `<!-- /checked -->` (every line
 * starting with a date must appear, as is, in that run's timeline).
 * `npx tsx local/backtest/docsBlocks.ts` rewrites the generated blocks of README.md and docs/*.md in
 * place; test/integration/local/docsNumbers.test.ts fails when one differs from a fresh run.
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
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

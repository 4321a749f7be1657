/**
 * `npm run backtest -- --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--out report.html] [--no-report] [--csv FILE]`
 * Replays the bundled real history through the production signal engine, prints the timeline and
 * the summary, and writes a self-contained HTML report; with --csv, also the daily series as CSV
 * (dailyCsv.ts: one row per day, the column names a public contract). With --json, stdout carries only the event
 * documents (one JSON line each, exactly what SNS subscribers receive); the rest goes to stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgressBar, type ProgressBar } from './progressBar';
import { renderReport } from './htmlReport';
import { dailyCsv } from './dailyCsv';
import { BacktestRangeError, runBacktest } from './runBacktest';
import { formatSummary, formatTimeline } from './summary';
import { createProductionEvaluator, productionReportSettings } from './productionEvaluator';
import { runWhenEntryPoint } from '../runCli';

const USAGE = `usage: npm run backtest -- --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--out FILE.html] [--csv FILE.csv] [--no-report] [--no-progress]`;

export async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string', default: '2021-01-01' },
        to: { type: 'string', default: '2026-12-31' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        csv: { type: 'string' },
        'no-report': { type: 'boolean', default: false },
        'no-progress': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const info = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  let bar: ProgressBar | undefined;
  let result;
  try {
    const settings = productionReportSettings();
    result = runBacktest({
      from: values.from,
      to: values.to,
      createEvaluator: createProductionEvaluator,
      priceLevelsUsd: settings.priceLevelsUsd,
      fleetShareThresholds: settings.fleetShareThresholds,
      hashpriceFloorUsdPerPhDay: settings.hashpriceFloorUsdPerPhDay,
      onProgress: values['no-progress']
        ? undefined
        : (done, total) => {
            bar ??= createProgressBar({ total, label: 'replaying' });
            bar.update(done);
          },
    });
    bar?.finish();
  } catch (error) {
    if (error instanceof BacktestRangeError) {
      console.error(`backtest: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (result.to < result.requestedTo) {
    info(`note: the bundled history ends on ${result.to}; the replay stops there (requested ${result.requestedTo}).`);
  }
  if (values.json) {
    for (const event of result.events) process.stdout.write(`${JSON.stringify(event.document)}\n`);
  } else {
    info(`Timeline ${result.from} .. ${result.to}`);
    for (const line of formatTimeline(result.events, result.notes)) info(line);
    info('');
  }
  for (const line of formatSummary(result.summary)) info(line);
  if (values.csv !== undefined) {
    const csvOut = resolve(values.csv);
    await mkdir(dirname(csvOut), { recursive: true });
    await writeFile(csvOut, dailyCsv(result.report.days));
    info(`CSV: ${csvOut} (${result.report.days.length} days)`);
  }
  if (!values['no-report']) {
    const out = resolve(values.out ?? `reports/backtest-${result.from}-${result.to}.html`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, renderReport(result.report));
    info(`Report: ${out}`);
  }
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

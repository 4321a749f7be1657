/**
 * `npm run backtest -- --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--out report.html] [--no-report] [--csv FILE]`
 * Replays the bundled real history through the production signal engine, prints the timeline and
 * the summary, and writes a self-contained HTML report; with --csv, also the daily series as CSV
 * (dailyCsv.ts: one row per day, the column names a public contract). With --json, stdout carries only the event
 * documents (one JSON line each, exactly what SNS subscribers receive), in place of the timeline; the summary
 * and the file notes go to stderr.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgressBar, type ProgressBar } from './progressBar';
import { renderReport } from './htmlReport';
import { reportProjection } from '../projection/reportProjection';
import { reportCurtailment } from './curtailmentPanel';
import { dailyCsv } from './dailyCsv';
import { BacktestRangeError, backtestHistory, DEFAULT_WARMUP_DAYS, runBacktest } from './runBacktest';
import { HistoryCacheError } from '../history/historyCache';
import { chooseHistory, type HistorySourceChoice } from '../history/historySource';
import { formatSummary, formatTimeline } from './summary';
import { createProductionEvaluator, productionReportSettings } from './productionEvaluator';
import { runWhenEntryPoint } from '../runCli';
import { ComputeConfigError } from '../../shared/config/computeConfig';

const USAGE =
  'usage: npm run backtest -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--bundled-only | --from-table | --from-api URL] [--json] [--out FILE.html] [--csv FILE.csv] [--no-report] [--no-progress]';
const HINT = 'see npm run backtest -- --help';

export const HELP = `${USAGE}

Replays the bundled real daily history (shared/data/history, Coin Metrics community data, with what
\`npm run history -- update\` cached after its end) through
the production signal engine, one decision at each day's close, and prints the timeline of events,
a summary per signal, and writes a self-contained HTML report.

Options:
  --from YYYY-MM-DD   first reported day (default 2021-01-01); 400 days before it are replayed as warm-up
  --to YYYY-MM-DD     last day (default 2026-12-31); a date past the end of the history stops there, and says so
  --json              stdout carries only the event documents, one JSON line each (what SNS subscribers
                      receive), in place of the timeline (no timeline is printed); the summary and the
                      notes (history end, report and CSV paths) go to stderr
  --out FILE.html     where the report goes (default reports/backtest-FROM-TO.html)
  --csv FILE.csv      also write the daily series, one row per day with a header (date, hashpriceUsdPerPhDay,
                      hashrateEhs, difficulty, btcPriceUsd, fleetShareNegativePct, hashrateAtRiskEhs, ...)
  --bundled-only      replay the bundled history alone, without the cache (as the docs' figures are
                      made: the same on every machine); HASHWATCH_HISTORY_CACHE=off does the same
  --from-table        replay the history your deployment stored in its table (TABLE_NAME; DynamoDB Local
                      when AWS_ENDPOINT_URL_DYNAMODB is set, else AWS with your credentials) in place of
                      the bundled one
  --from-api URL      replay the history your deployed read API serves (GET URL/v1/history as CSV, each
                      request signed with your AWS credentials; block count, issuance and fees rebuilt
                      from its hashprice, see docs/backtest.md)
  --no-report         write no HTML report
  --no-progress       no progress bar on stderr
  -h, --help          this help

Environment:
  HASHWATCH_COMPUTE_CONFIG   the compute config (JSON: thresholds, your fleets), as the compute Lambda reads it
  HASHWATCH_HISTORY_CACHE    the history cache read after the bundled history: unset, .hashwatch/history-cache/;
                             "off", none (the bundled history alone); anything else, that directory

Examples:
  npm run backtest -- --from 2021-01-01 --to 2026-06-30
  npm run --silent backtest -- --from 2022-05-01 --to 2022-09-30 --json > events.jsonl
  (--silent keeps npm's own banner out of the redirected file)`;

export interface BacktestCliDeps {
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** For tests: the read API's credentials and fetch. */
  api?: HistorySourceChoice['api'];
}

export async function main(argv: readonly string[], deps: BacktestCliDeps = {}): Promise<number> {
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
        'from-table': { type: 'boolean', default: false },
        'from-api': { type: 'string' },
        'bundled-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`backtest: ${(error as Error).message}; ${HINT}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const info = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  let bar: ProgressBar | undefined;
  let result;
  let source;
  try {
    source = await chooseHistory({
      fromTable: values['from-table'],
      fromApi: values['from-api'],
      bundledOnly: values['bundled-only'],
      from: values.from,
      to: values.to,
      warmupDays: DEFAULT_WARMUP_DAYS,
      env: deps.env ?? process.env,
      now: deps.now ?? new Date(),
      ...(deps.api ? { api: deps.api } : {}),
    });
  } catch (error) {
    if (error instanceof HistoryCacheError) {
      console.error(`backtest: ${error.message}`);
      return 2;
    }
    throw error;
  }
  try {
    const settings = productionReportSettings();
    result = runBacktest({
      from: values.from,
      to: values.to,
      history: backtestHistory(source.history),
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
    bar?.finish();
    if (error instanceof BacktestRangeError) {
      console.error(`backtest: ${error.message}; ${HINT}`);
      return 2;
    }
    if (error instanceof ComputeConfigError) {
      console.error(`backtest: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (result.to < result.requestedTo) {
    info(`note: ${source.label} ends on ${result.to}; the replay stops there (requested ${result.requestedTo}).`);
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
    await writeFile(
      out,
      renderReport({
        ...result.report,
        projection: reportProjection(result.to),
        // A reconstructed power price event on its own time axis (the daily replay has no power prices).
        curtailment: reportCurtailment(),
      }),
    );
    info(`Report: ${out}`);
  }
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

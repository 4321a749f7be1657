/**
 * `npm run miners`: the listed miners' latest published period as a table, each with the age of
 * its newest figure (a company whose newest month ended more than 45 days ago is marked stale);
 * `npm run miners -- check [file]`: the routine to add a month: validates a copy of
 * publicMinersMonthly.json (schema, units, every figure's source and date, the holdings
 * reconciliation) and names the company, month and field of each problem; on the bundled file it
 * also writes the series the functions bundle (bundledMinerSeries.ts) and its brotli copy, which
 * the bundles embed (minerSeriesText.embedded.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MINER_SERIES_FILE, minerSeriesOf } from '../../shared/data/bundledMinerSeries';
import { brotliOf } from '../data/writeEmbeddedHistory';
import { DataFileError } from '../../shared/data/dataFile';
import { parsePublicMinersMonthly, PUBLIC_MINERS_MONTHLY_FILE } from '../../shared/data/publicMinersMonthly';
import { MINER_STALE_AFTER_DAYS } from '../../shared/domain/minerTreasury/staleness';
import { minersTable } from './minersTable';
import { runWhenEntryPoint } from '../runCli';

export const HELP = `usage: npm run miners [-- --date YYYY-MM-DD]
       npm run miners -- check [FILE]

Without a command: each listed miner's latest period public by --date (default today), with BTC
mined, sold, held, the share of production sold, the treasury change over about a quarter, and the
age of the newest month (stale after ${MINER_STALE_AFTER_DAYS} days).

check: validates FILE (default ${PUBLIC_MINERS_MONTHLY_FILE}) as a new month is added: the schema,
units (BTC not sats, EH/s not TH/s), a source and a date for every figure, and the holdings
reconciliation (held = previous + mined - sold + bought + other, within max(2 BTC, 0.1%)); each
problem names the company, the month and the field. Exit 1 on a problem. Checking the bundled file
also writes ${MINER_SERIES_FILE}, its figures as the functions bundle them, and its
brotli copy (.br), which the functions embed.`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { date: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    console.error(`error: ${(error as Error).message}\nsee npm run miners -- --help`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals[0] === 'check') {
    const file = positionals[1] ?? PUBLIC_MINERS_MONTHLY_FILE;
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      console.error(`error: ${file}: ${(error as Error).message}`);
      return 1;
    }
    try {
      const checked = parsePublicMinersMonthly(raw, file);
      console.log(
        `${file}: ${checked.rows.length} periods of ${checked.companies.length} companies: schema, units, sources and reconciliation OK`,
      );
      if (resolve(file) === resolve(PUBLIC_MINERS_MONTHLY_FILE)) {
        const series = `${JSON.stringify(minerSeriesOf(checked), null, 2)}\n`;
        await writeFile(MINER_SERIES_FILE, series);
        await writeFile(`${MINER_SERIES_FILE}.br`, brotliOf(series));
        console.log(`${MINER_SERIES_FILE} and its .br: written (the figures the functions bundle)`);
      }
      return 0;
    } catch (error) {
      if (error instanceof DataFileError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  }
  if (positionals.length > 0) {
    console.error(`error: unknown command ${positionals[0]}\nsee npm run miners -- --help`);
    return 2;
  }
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    console.error('error: --date must be a day YYYY-MM-DD');
    return 2;
  }
  console.log(minersTable(date).join('\n'));
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

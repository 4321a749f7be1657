/**
 * `npx tsx local/projection/writeProjectionHistory.ts`: writes `btc_daily_projection.csv`, the
 * columns of the bundled daily history (`btc_daily_merged.csv`) that the closed-loop projection
 * reads, every row, values copied as they are written, and its brotli copy (writeEmbeddedHistory.ts).
 * The calculator's Lambda bundle embeds that copy instead of the whole history (the whole file would
 * put the bundle over its size budget, bench/bundles.bench.ts); a test checks the file is still
 * exactly what this derivation gives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  DAILY_HISTORY_FILE,
  PROJECTION_HISTORY_COLUMNS,
  PROJECTION_HISTORY_FILE,
} from '../../shared/data/history/loadDailyHistory';
import { columnIndex, parseCsv } from '../../shared/data/parseCsv';
import { writeEmbeddedHistory } from '../data/writeEmbeddedHistory';
import { runWhenEntryPoint } from '../runCli';

const historyUrl = (file: string) => new URL(`../../shared/data/history/${file}`, import.meta.url);

/** The projection's columns of the merged history's text, one line per row. */
export function projectionHistoryCsv(mergedText: string): string {
  const table = parseCsv(mergedText, DAILY_HISTORY_FILE);
  const at = columnIndex(table.header, PROJECTION_HISTORY_COLUMNS, DAILY_HISTORY_FILE);
  const lines = [PROJECTION_HISTORY_COLUMNS.join(',')];
  for (const row of table.rows) lines.push(PROJECTION_HISTORY_COLUMNS.map((c) => row.fields[at[c]] ?? '').join(','));
  return `${lines.join('\n')}\n`;
}

export async function main(): Promise<number> {
  const text = projectionHistoryCsv(readFileSync(historyUrl(DAILY_HISTORY_FILE), 'utf8'));
  writeFileSync(historyUrl(PROJECTION_HISTORY_FILE), text);
  console.log(`wrote ${PROJECTION_HISTORY_FILE}: ${text.length} bytes`);
  writeEmbeddedHistory([PROJECTION_HISTORY_FILE]);
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

/**
 * The bundled real daily history (`btc_daily_merged.csv`: Coin Metrics community data, 2009-01-03
 * onwards, one row per UTC day; see SOURCES.md) as `DailyNetwork` rows, oldest first.
 * Units: the file's `hashrate_ths` is TH/s and becomes H/s; `hashprice_usd_per_ths_day` is USD per
 * TH/s per day and becomes USD per PH/s per day (x 1000). Empty cells become undefined.
 */
import { readFileSync } from 'node:fs';
import { projectionHistoryText } from '#daily-projection-text';
import { dailyNetworkSchema, type DailyNetwork } from '../../domain/dailyNetwork';
import { HPS_PER_THS, MS_PER_DAY } from '../../domain/units';
import { columnIndex, csvRowError, numberCell, parseCsv, type CsvTable } from '../parseCsv';

export const DAILY_HISTORY_FILE = 'btc_daily_merged.csv';
export const DAILY_HISTORY_SOURCE = 'coinmetrics';
/**
 * The columns of the merged file the closed-loop projection and its fleet model read, every row (written by
 * local/projection/writeProjectionHistory.ts): what the calculator's Lambda bundle embeds.
 */
export const PROJECTION_HISTORY_FILE = 'btc_daily_projection.csv';
export const PROJECTION_HISTORY_COLUMNS = [
  'date',
  'price_usd',
  'blk_cnt',
  'end_height',
  'difficulty_mean',
  'hashrate_ths',
  'fees_btc',
  'issuance_btc',
] as const;

const COLUMNS = [...PROJECTION_HISTORY_COLUMNS, 'supply_btc', 'hashprice_usd_per_ths_day'] as const;

/** Schema field -> CSV column, for error messages. */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  date: 'date',
  btcPriceUsd: 'price_usd',
  blockCount: 'blk_cnt',
  endHeight: 'end_height',
  difficulty: 'difficulty_mean',
  hashrateHps: 'hashrate_ths',
  feesBtc: 'fees_btc',
  issuanceBtc: 'issuance_btc',
  supplyBtc: 'supply_btc',
  sourceHashpriceUsdPerPhDay: 'hashprice_usd_per_ths_day',
};


function scaled(value: number | undefined, factor: number): number | undefined {
  return value === undefined ? undefined : value * factor;
}

/**
 * Parse `csvText` (the bundled file when omitted). Every row is validated; a bad row throws an
 * error naming the file, the row number and the field. Dates must be consecutive UTC days, since
 * the daily indicators index the series by position (a gap would silently shift every window).
 */
export function loadDailyHistory(csvText?: string): DailyNetwork[] {
  const text = csvText ?? readFileSync(new URL(`./${DAILY_HISTORY_FILE}`, import.meta.url), 'utf8');
  const table = parseCsv(text, DAILY_HISTORY_FILE);
  return dailyRows(table, DAILY_HISTORY_FILE, columnIndex(table.header, COLUMNS, DAILY_HISTORY_FILE));
}

/**
 * The projection's columns of the history (`btc_daily_projection.csv`, embedded in the
 * calculator's bundle); supply and the source's hashprice are left undefined.
 */
export function loadProjectionHistory(csvText: string = projectionHistoryText()): DailyNetwork[] {
  const table = parseCsv(csvText, PROJECTION_HISTORY_FILE);
  const at = columnIndex(table.header, PROJECTION_HISTORY_COLUMNS, PROJECTION_HISTORY_FILE);
  // Index -1 reads as an empty cell: the columns this file does not carry.
  const absent = { supply_btc: -1, hashprice_usd_per_ths_day: -1 };
  return dailyRows(table, PROJECTION_HISTORY_FILE, { ...at, ...absent });
}

function dailyRows(table: CsvTable, file: string, at: Record<(typeof COLUMNS)[number], number>): DailyNetwork[] {
  const days: DailyNetwork[] = new Array(table.rows.length);
  let previousDayMs: number | undefined;
  for (let r = 0; r < table.rows.length; r += 1) {
    const row = table.rows[r]!;
    const f = row.fields;
    const candidate = {
      date: f[at.date],
      btcPriceUsd: numberCell(f[at.price_usd]),
      blockCount: numberCell(f[at.blk_cnt]),
      endHeight: numberCell(f[at.end_height]),
      difficulty: numberCell(f[at.difficulty_mean]),
      hashrateHps: scaled(numberCell(f[at.hashrate_ths]), HPS_PER_THS),
      feesBtc: numberCell(f[at.fees_btc]),
      issuanceBtc: numberCell(f[at.issuance_btc]),
      supplyBtc: numberCell(f[at.supply_btc]),
      sourceHashpriceUsdPerPhDay: scaled(numberCell(f[at.hashprice_usd_per_ths_day]), 1000),
      source: DAILY_HISTORY_SOURCE,
    };
    const parsed = dailyNetworkSchema.safeParse(candidate);
    if (!parsed.success) {
      throw csvRowError(file, row, r + 1, parsed.error.issues[0]!, COLUMN_OF_FIELD);
    }
    const dayMs = Date.parse(`${parsed.data.date}T00:00:00Z`);
    if (Number.isNaN(dayMs) || (previousDayMs !== undefined && dayMs !== previousDayMs + MS_PER_DAY)) {
      throw csvRowError(
        file,
        row,
        r + 1,
        { path: ['date'], message: `${parsed.data.date} is not the UTC day after the previous row's (gap, duplicate or disorder)` },
        COLUMN_OF_FIELD,
      );
    }
    previousDayMs = dayMs;
    days[r] = parsed.data;
  }
  return days;
}

/**
 * The bundled per-day exchange rates (`fx_daily_ecb.csv`: the ECB's euro foreign exchange
 * reference rates, one row per day the ECB published them, 2010-07-19 to 2026-04-13; see
 * SOURCES.md) as a per-day table of units per USD for every currency the project prices in.
 * The file holds the ECB's figures unchanged (units per EUR); per USD, EUR is 1 / usd_per_eur and
 * any other currency C is c_per_eur / usd_per_eur (a cross rate through the euro, as the ECB
 * publishes no USD-based rates). Days the ECB published nothing (weekends, TARGET holidays) and
 * days after the file's end have no row: a history converted with it says so for those days.
 */
import * as z from '../../schema/z';
import { fxDailyText } from '#fx-daily-text';
import { CURRENCIES, type Currency, type DailyFxRates } from '../../domain/currency';
import { columnIndex, csvRowError, numberCell, parseCsv } from '../parseCsv';

export const DAILY_FX_FILE = 'fx_daily_ecb.csv';
export const DAILY_FX_SOURCE = 'the ECB euro reference rates (bundled fx_daily_ecb.csv)';

const RATE_COLUMNS = {
  usd_per_eur: 'USD',
  gbp_per_eur: 'GBP',
  cad_per_eur: 'CAD',
  chf_per_eur: 'CHF',
  aud_per_eur: 'AUD',
  jpy_per_eur: 'JPY',
} as const satisfies Record<string, Currency>;
const COLUMNS = ['date', ...(Object.keys(RATE_COLUMNS) as (keyof typeof RATE_COLUMNS)[])] as const;

const rate = z.number().check(z.positive());
const rowSchema = z.object({
  date: z.iso.date(),
  usd_per_eur: rate,
  gbp_per_eur: rate,
  cad_per_eur: rate,
  chf_per_eur: rate,
  aud_per_eur: rate,
  jpy_per_eur: rate,
});

const COLUMN_OF_FIELD: Readonly<Record<string, string>> = Object.fromEntries(COLUMNS.map((c) => [c, c]));

/** Parse `csvText` (the bundled file when omitted); a bad row throws naming file, row and field. */
export function loadDailyFxRates(csvText: string = fxDailyText()): DailyFxRates {
  const table = parseCsv(csvText, DAILY_FX_FILE);
  const at = columnIndex(table.header, COLUMNS, DAILY_FX_FILE);
  const byDate = new Map<string, Partial<Record<Currency, number>>>();
  let previous: string | undefined;
  table.rows.forEach((row, r) => {
    const f = row.fields;
    const candidate = Object.fromEntries(
      COLUMNS.map((c) => [c, c === 'date' ? (f[at.date] ?? '').trim() : numberCell(f[at[c]])]),
    );
    const parsed = rowSchema.safeParse(candidate);
    if (!parsed.success) throw csvRowError(DAILY_FX_FILE, row, r + 1, parsed.error.issues[0]!, COLUMN_OF_FIELD);
    const d = parsed.data;
    if (previous !== undefined && d.date <= previous) {
      throw csvRowError(
        DAILY_FX_FILE,
        row,
        r + 1,
        { path: ['date'], message: `${d.date} does not follow ${previous} (duplicate or disorder)` },
        COLUMN_OF_FIELD,
      );
    }
    previous = d.date;
    const perUsd: Partial<Record<Currency, number>> = { EUR: 1 / d.usd_per_eur };
    for (const [column, currency] of Object.entries(RATE_COLUMNS)) {
      perUsd[currency] = currency === 'USD' ? 1 : d[column as keyof typeof RATE_COLUMNS] / d.usd_per_eur;
    }
    byDate.set(d.date, perUsd);
  });
  // Every currency the project prices in is covered by the file's columns (or is EUR itself).
  const covered = new Set<Currency>(['EUR', ...Object.values(RATE_COLUMNS)]);
  const uncovered = CURRENCIES.filter((c) => !covered.has(c));
  if (uncovered.length > 0) throw new Error(`${DAILY_FX_FILE}: no column for ${uncovered.join(', ')}`);
  return { source: DAILY_FX_SOURCE, byDate };
}

let bundled: DailyFxRates | undefined;

/** The bundled table, parsed once (only when a request asks for another currency than USD). */
export function bundledDailyFxRates(): DailyFxRates {
  bundled ??= loadDailyFxRates();
  return bundled;
}

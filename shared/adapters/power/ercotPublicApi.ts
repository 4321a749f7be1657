/**
 * ERCOT's public API (api.ercot.com/api/public-reports), two reports:
 * - NP6-905-CD `spp_node_zone_hub`: real-time Settlement Point Prices, one per 15-minute interval;
 * - NP4-190-CD `dam_stlmnt_pnt_prices`: day-ahead Settlement Point Prices, one per hour.
 * Each answer is ERCOT's `Report` (ercot/api-specs pubapi/pubapi-apim-api.json): `_meta` (paging),
 * `report`, `fields` (name, dataType, in column order) and `data` (rows as arrays). Columns are
 * looked up by name from `fields`, never by position, so a reordered or widened report still reads
 * right and a renamed column is an error naming it. A load zone appears in real time both as `LZ`
 * and as the energy-weighted `LZEW`; the `LZ` row is the price the zone settles at, so it wins.
 */
import * as z from '../../schema/z';
import { MS_PER_MINUTE, type IntervalPrice, type PowerPriceSource } from '../../domain/power/intervalPrice';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import { columnIndex } from '../../data/parseCsv';
import { centralToUtcMs, ercotDateAsUtcMs } from './ercotTime';

export const ERCOT_API_BASE_URL = 'https://api.ercot.com/api/public-reports';

export const ERCOT_REPORTS = {
  rt: { emil: 'NP6-905-CD', path: '/np6-905-cd/spp_node_zone_hub', reportTypeId: 12301, intervalMinutes: 15 },
  dam: { emil: 'NP4-190-CD', path: '/np4-190-cd/dam_stlmnt_pnt_prices', reportTypeId: 12331, intervalMinutes: 60 },
} as const;

export type ErcotReportKind = keyof typeof ERCOT_REPORTS;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ercotReportSchema = z.object({
  _meta: z.looseObject({ totalRecords: z.number(), totalPages: z.number(), currentPage: z.number() }),
  report: z.optional(z.looseObject({ reportEMIL: z.string() })),
  fields: z.array(z.looseObject({ name: z.string(), dataType: z.optional(z.string()) })).check(z.minLength(1)),
  data: z.array(z.array(cell)),
});

export interface ErcotPage {
  prices: IntervalPrice[];
  currentPage: number;
  totalPages: number;
}

/** The columns the reader looks up, by name, in each report's `fields` (their order may change). */
export const ERCOT_API_COLUMNS = {
  rt: [
    'deliveryDate',
    'deliveryHour',
    'deliveryInterval',
    'settlementPoint',
    'settlementPointType',
    'settlementPointPrice',
    'DSTFlag',
  ],
  dam: ['deliveryDate', 'hourEnding', 'settlementPoint', 'settlementPointPrice', 'DSTFlag'],
} as const;

/**
 * The index of each named column (the CSV reader's lookup, one home), or an error naming the
 * site, the source and the missing columns.
 */
export function columnsByName<const Names extends readonly string[]>(
  site: string,
  source: string,
  header: readonly string[],
  names: Names,
): Record<Names[number], number> {
  try {
    return columnIndex(header, names, source);
  } catch (error) {
    throw new PowerPriceError(
      site,
      `${source}.fields`,
      'schema',
      `${(error as Error).message.replace(`${source}: `, '')} (it has ${header.join(', ')})`,
    );
  }
}

/** One ERCOT row as read by name, before it becomes an IntervalPrice. */
export interface ErcotRow {
  deliveryDate: string;
  /** Hour ending, 1-24. */
  hourEnding: number;
  /** 1-4 in real time; 1 for the day-ahead's hourly rows. */
  interval: number;
  settlementPoint: string;
  settlementPointType: string | undefined;
  price: number;
  repeatedHour: boolean;
}

/** "01:00".."24:00" (the API's DAM hourEnding) or 1..24. */
export function hourEndingOf(value: unknown): number | undefined {
  const text = String(value);
  const match = /^(\d{1,2})(?::00)?$/.exec(text);
  const hour = match ? Number(match[1]) : Number.NaN;
  return hour >= 1 && hour <= 24 ? hour : undefined;
}

/** ERCOT flags: true/false in the API, "Y"/"N" in the archive. */
export function flagOf(value: unknown): boolean | undefined {
  if (value === true || value === 'Y' || value === 'true') return true;
  if (value === false || value === 'N' || value === 'false') return false;
  return undefined;
}

/**
 * Rows of one settlement point as interval prices: the `LZ` row wins over the `LZEW` row of the same
 * interval, and a point absent from the answer is an error naming it.
 */
export function ercotRowsToPrices(
  site: string,
  source: PowerPriceSource,
  kind: ErcotReportKind,
  settlementPoint: string,
  rows: readonly ErcotRow[],
  rowField: (index: number) => string,
): IntervalPrice[] {
  const { intervalMinutes } = ERCOT_REPORTS[kind];
  const chosen = new Map<number, { price: IntervalPrice; type: string | undefined }>();
  let matched = 0;
  rows.forEach((row, index) => {
    if (row.settlementPoint !== settlementPoint) return;
    matched += 1;
    const dayMs = ercotDateAsUtcMs(row.deliveryDate);
    if (dayMs === undefined)
      throw new PowerPriceError(site, `${rowField(index)}.deliveryDate`, 'schema', `not a date: "${row.deliveryDate}"`);
    const localStartMs =
      dayMs + (row.hourEnding - 1) * 60 * MS_PER_MINUTE + (row.interval - 1) * intervalMinutes * MS_PER_MINUTE;
    const startMs = centralToUtcMs(localStartMs, row.repeatedHour);
    if (startMs === undefined)
      throw new PowerPriceError(
        site,
        `${rowField(index)}.hourEnding`,
        'interval',
        `hour ending ${row.hourEnding} of ${row.deliveryDate} does not exist in Central time`,
      );
    const price: IntervalPrice = {
      startIso: new Date(startMs).toISOString(),
      endIso: new Date(startMs + intervalMinutes * MS_PER_MINUTE).toISOString(),
      intervalMinutes,
      usdPerMwh: row.price,
      source,
      market: 'ERCOT',
      location: settlementPoint,
    };
    const seen = chosen.get(startMs);
    // An LZ row replaces an LZEW one; an LZEW row never replaces anything.
    if (!seen || (seen.type === 'LZEW' && row.settlementPointType !== 'LZEW'))
      chosen.set(startMs, { price, type: row.settlementPointType });
  });
  if (matched === 0)
    throw new PowerPriceError(
      site,
      `${source}.settlementPoint`,
      'missing-location',
      `no row for settlement point "${settlementPoint}" in the answer (${rows.length} rows)`,
    );
  return [...chosen.entries()].sort(([a], [b]) => a - b).map(([, v]) => v.price);
}

/** Reads one page of the real-time (rt) or day-ahead (dam) report for one settlement point. */
export function parseErcotReport(
  site: string,
  kind: ErcotReportKind,
  settlementPoint: string,
  json: unknown,
): ErcotPage {
  const source: PowerPriceSource = kind === 'rt' ? 'ercot-api-rt' : 'ercot-api-dam';
  const parsed = ercotReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PowerPriceError(site, `${source}.${issue.path.join('.') || '(root)'}`, 'schema', issue.message);
  }
  const report = parsed.data;
  const expected = ERCOT_REPORTS[kind].emil;
  if (report.report && report.report.reportEMIL.toUpperCase() !== expected)
    throw new PowerPriceError(
      site,
      `${source}.report.reportEMIL`,
      'schema',
      `is ${report.report.reportEMIL}, expected ${expected}`,
    );
  const fieldNames = report.fields.map((f) => f.name);
  const at =
    kind === 'rt'
      ? columnsByName(site, source, fieldNames, ERCOT_API_COLUMNS.rt)
      : columnsByName(site, source, fieldNames, ERCOT_API_COLUMNS.dam);
  const hourAt = 'deliveryHour' in at ? at.deliveryHour : at.hourEnding;
  const intervalAt = 'deliveryInterval' in at ? at.deliveryInterval : undefined;
  const typeAt = 'settlementPointType' in at ? at.settlementPointType : undefined;
  const rowField = (index: number): string => `${source}.data[${index}]`;
  const rows = report.data.map((row, index): ErcotRow => {
    const hourEnding = hourEndingOf(row[hourAt]);
    const interval = intervalAt === undefined ? 1 : Number(row[intervalAt]);
    const rawPrice = row[at.settlementPointPrice];
    const price = typeof rawPrice === 'number' ? rawPrice : Number(rawPrice);
    const repeatedHour = flagOf(row[at.DSTFlag]);
    const field = rowField(index);
    if (hourEnding === undefined)
      throw new PowerPriceError(
        site,
        `${field}.${kind === 'rt' ? 'deliveryHour' : 'hourEnding'}`,
        'schema',
        `not an hour ending 1-24: ${String(row[hourAt])}`,
      );
    if (!Number.isInteger(interval) || interval < 1 || interval > 4)
      throw new PowerPriceError(
        site,
        `${field}.deliveryInterval`,
        'schema',
        `not an interval 1-4: ${String(row[intervalAt ?? 0])}`,
      );
    if (rawPrice === null || rawPrice === '' || !Number.isFinite(price))
      throw new PowerPriceError(site, `${field}.settlementPointPrice`, 'schema', `not a number: ${String(rawPrice)}`);
    if (repeatedHour === undefined)
      throw new PowerPriceError(site, `${field}.DSTFlag`, 'schema', `not a flag: ${String(row[at.DSTFlag])}`);
    return {
      deliveryDate: String(row[at.deliveryDate]),
      hourEnding,
      interval,
      settlementPoint: String(row[at.settlementPoint]),
      settlementPointType: typeAt === undefined ? undefined : String(row[typeAt]),
      price,
      repeatedHour,
    };
  });
  return {
    prices: ercotRowsToPrices(site, source, kind, settlementPoint, rows, rowField),
    currentPage: report._meta.currentPage,
    totalPages: report._meta.totalPages,
  };
}

/** The query of one page for one settlement point and delivery day range (ERCOT's documented parameters). */
export function ercotReportPath(
  kind: ErcotReportKind,
  settlementPoint: string,
  deliveryDateFrom: string,
  deliveryDateTo: string,
  page = 1,
): string {
  const query = new URLSearchParams({ deliveryDateFrom, deliveryDateTo, settlementPoint, page: String(page) });
  return `${ERCOT_REPORTS[kind].path}?${query.toString()}`;
}

/**
 * GET /v1/history?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv: the daily series from the daily
 * rollups (DAILY/DAY#), one row per stored day: realized hashprice (per PH/s and per TH/s, in the
 * chosen currency, and sats per TH/s), hashrate, difficulty, BTC price and the share of the global
 * fleet cash-flow negative that day (the same domain functions as the backtest, today's fleet mix).
 *
 * Bounded: a range spans at most MAX_RANGE_DAYS; a page holds at most `limit` days (default
 * DEFAULT_PAGE_DAYS), and `next.cursor` (JSON) or the `x-hashwatch-next-cursor` header (CSV) asks
 * for the following page. The cursor is the day to resume at, bound to the range it came from.
 *
 * Currency: rollups store USD only (mempool's daily prices are fetched in USD), so another currency
 * converts each day at that day's rate: the bundled per-day rates (the ECB's reference rates,
 * shared/data/history/fx_daily_ecb.csv), or, for the latest snapshot's own day, that snapshot's
 * rate. A day without a rate keeps its USD figures and leaves the converted ones empty, and the
 * page says which days those are (`fx.daysWithoutRate`, each row's `fx<Cur>PerUsd` and `fxSource`):
 * never another day's rate.
 */
import * as z from '../schema/z';
import { fromUsd, fxRateOnDay, USD_RATE, type Currency, type DailyFxRates, type FxRate } from '../domain/currency';
import type { DailyNetwork } from '../domain/dailyNetwork';
import { fleetShareNegative } from '../domain/fleetShare';
import { fleetShareNegativeBand, powerPriceCaseFactors, type FleetShareBand } from '../domain/fleetShareBand';
import { realizedHashprice } from '../domain/hashprice';
import { hpsToEhs, MS_PER_DAY, perPhToPerTh, SATS_PER_BTC } from '../domain/units';
import { bundledFleetMix, bundledPowerPrices } from '../data/bundledData';
import { bundledDailyFxRates } from '../data/history/loadDailyFxRates';
import { echo, isRefusal, type ApiIssue, type ApiRefusal } from './apiResponse';
import { snapshotRate } from './currencyRate';
import { convertedFigureNames, HISTORY_USD_FIGURES, historyColumns, type HistoryUsdFigureName } from './dailyFigures';
import type { ApiPorts } from './ports';
import {
  currencyParameter,
  dayParameter,
  formatParameter,
  invalid,
  isCalendarDate,
  parametersOf,
  parseCurrency,
  parseInteger,
  unknownParameters,
  type Query,
} from './query';
import type { ConvertedName, HistoryPage, HistoryRow } from './responses/historyResponse';

/** Ten years of days. */
export const MAX_RANGE_DAYS = 3660;
export const DEFAULT_PAGE_DAYS = 366;
export const MAX_PAGE_DAYS = 1000;
export const historyQuerySchema = z.strictObject({
  from: dayParameter.check(z.describe('first day, YYYY-MM-DD')),
  to: dayParameter.check(z.describe(`last day, YYYY-MM-DD; at most ${MAX_RANGE_DAYS} days after from`)),
  format: formatParameter,
  currency: currencyParameter,
  limit: z
    .optional(z.int().check(z.minimum(1), z.maximum(MAX_PAGE_DAYS)))
    .check(z.describe(`days per page (default ${DEFAULT_PAGE_DAYS})`)),
  cursor: z.optional(z.string()).check(z.describe("the previous page's next.cursor")),
});
export const HISTORY_PARAMETERS = parametersOf(historyQuerySchema);

export interface HistoryQuery {
  from: string;
  to: string;
  format: 'json' | 'csv';
  currency: Currency;
  limit: number;
  /** First day of this page (from, or the cursor's day). */
  pageFrom: string;
}

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);

export function encodeCursor(range: { from: string; to: string }, resumeAt: string): string {
  return Buffer.from(JSON.stringify({ v: 1, from: range.from, to: range.to, at: resumeAt }), 'utf8').toString(
    'base64url',
  );
}

function decodeCursor(cursor: string, range: { from: string; to: string }): string | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value.v !== 1 || value.from !== range.from || value.to !== range.to) return undefined;
    const at = value.at;
    if (typeof at !== 'string' || !isCalendarDate(at) || at < range.from || at > range.to) return undefined;
    return at;
    // swallowed: a cursor that is not our base64url JSON is no cursor (the caller answers 400); no I/O here
  } catch {
    return undefined;
  }
}

export function parseHistoryQuery(query: Query): HistoryQuery | ApiRefusal {
  const unknown = unknownParameters(query, HISTORY_PARAMETERS);
  if (unknown) return unknown;
  const issues: ApiIssue[] = [];
  const date = (name: 'from' | 'to'): string => {
    const raw = query[name];
    if (raw === undefined || raw === '') issues.push({ field: name, problem: 'is required (a date YYYY-MM-DD)' });
    else if (!isCalendarDate(raw))
      issues.push({ field: name, problem: `must be a date YYYY-MM-DD (got "${echo(raw)}")` });
    else return raw;
    return '';
  };
  const from = date('from');
  const to = date('to');
  if (from && to) {
    if (to < from) issues.push({ field: 'to', problem: `must not be before from (${from})` });
    else if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
      issues.push({ field: 'to', problem: `must be at most ${MAX_RANGE_DAYS} days after from (a range is bounded)` });
  }
  const rawFormat = query.format ?? 'json';
  if (rawFormat !== 'json' && rawFormat !== 'csv')
    issues.push({ field: 'format', problem: `must be "json" or "csv" (got "${echo(rawFormat)}")` });
  const currency = parseCurrency(query, issues);
  const limit = parseInteger(query, 'limit', { min: 1, max: MAX_PAGE_DAYS, default: DEFAULT_PAGE_DAYS }, issues);
  let pageFrom = from;
  if (query.cursor !== undefined && issues.length === 0) {
    const at = decodeCursor(query.cursor, { from, to });
    if (at === undefined)
      issues.push({ field: 'cursor', problem: 'is not a cursor of this range (take it from the previous page)' });
    else pageFrom = at;
  }
  if (issues.length > 0) return invalid(issues);
  return { from, to, format: rawFormat as 'json' | 'csv', currency, limit, pageFrom };
}

/**
 * The day's share of the global fleet cash-flow negative, central case and band: today's fleet
 * mix on the bundled power prices and their low and high cases, as the live compute judges it
 * (profitability.ts).
 */
function fleetShareOfDay(
  hashpriceUsdPerPhDay: number,
  networkHashrateHps: number,
  poolFeeFraction: number,
): FleetShareBand {
  const input = {
    hashpriceUsdPerPhDay,
    networkHashrateHps,
    fleetMix: bundledFleetMix,
    powerPrices: bundledPowerPrices,
    poolFeeFraction,
  };
  const cases = bundledPowerPrices.cases;
  if (cases === undefined) {
    const central = fleetShareNegative(input).shareNegativeFraction;
    return { centralFraction: central, lowFraction: central, highFraction: central };
  }
  return fleetShareNegativeBand(input, powerPriceCaseFactors(bundledPowerPrices.bands, cases));
}

/**
 * One day's row; figures a rollup lacks are null, never guessed. `rate` is that day's rate in
 * `currency` (null when there is none: the converted figures are then null, the USD and sats
 * figures stay).
 */
export function historyRow(
  day: DailyNetwork,
  currency: Currency,
  rate: FxRate | null,
  poolFeeFraction: number,
): HistoryRow {
  const { issuanceBtc, feesBtc, btcPriceUsd, hashrateHps } = day;
  let usdPerPhDay: number | null = null;
  let satsPerThDay: number | null = null;
  let band: FleetShareBand | null = null;
  if (issuanceBtc !== undefined && feesBtc !== undefined && btcPriceUsd !== undefined && hashrateHps !== undefined) {
    const h = realizedHashprice({ issuanceBtc, feesBtc, btcPriceUsd, hashrateHps });
    usdPerPhDay = h.usdPerPhDay;
    satsPerThDay = perPhToPerTh(h.btcPerPhDay) * SATS_PER_BTC;
    band = fleetShareOfDay(h.usdPerPhDay, hashrateHps, poolFeeFraction);
  }
  const pct = (fraction: number | undefined): number | null => (fraction === undefined ? null : fraction * 100);
  const row: HistoryRow = {
    date: day.date,
    hashpriceUsdPerPhDay: usdPerPhDay,
    hashrateEhs: hashrateHps === undefined ? null : hpsToEhs(hashrateHps),
    difficulty: day.difficulty ?? null,
    btcPriceUsd: btcPriceUsd ?? null,
    fleetShareNegativePct: pct(band?.centralFraction),
    hashpriceUsdPerThDay: usdPerPhDay === null ? null : perPhToPerTh(usdPerPhDay),
    hashpriceSatsPerThDay: satsPerThDay,
    fleetShareNegativeLowPct: pct(band?.lowFraction),
    fleetShareNegativeHighPct: pct(band?.highFraction),
  };
  if (currency === 'USD') return row;
  const inCurrency = (usd: number | null): number | null => (usd === null || rate === null ? null : fromUsd(usd, rate));
  const perPhDay = inCurrency(usdPerPhDay);
  const [perPhName, perThName, btcPriceName, fxName] = convertedFigureNames(currency);
  return {
    ...row,
    [perPhName]: perPhDay,
    [perThName]: perPhDay === null ? null : perPhToPerTh(perPhDay),
    [btcPriceName]: inCurrency(btcPriceUsd ?? null),
    [fxName]: rate?.perUsd ?? null,
  };
}

/**
 * The rate of each day for `currency`: the per-day table's, else the latest snapshot's for the
 * snapshot's own UTC day, else none (said, with why).
 */
export function dayRates(
  currency: Currency,
  daily: DailyFxRates,
  snapshot: { rate: FxRate; day: string } | undefined,
): (date: string) => { rate: FxRate; from: string } | { rate: null; from: string } {
  return (date) => {
    const fromTable = fxRateOnDay(daily, date, currency);
    if (fromTable.ok) return { rate: fromTable.rate, from: `${daily.source}, ${date}` };
    if (snapshot !== undefined && snapshot.day === date)
      return { rate: snapshot.rate, from: `the latest snapshot's prices (${date})` };
    return { rate: null, from: `${fromTable.message}, nor a snapshot of that day: converted figures left empty` };
  };
}

export async function readHistory(
  ports: ApiPorts,
  q: HistoryQuery,
  dailyFx: () => DailyFxRates = bundledDailyFxRates,
): Promise<HistoryPage | ApiRefusal> {
  let rateOn: ReturnType<typeof dayRates> | undefined;
  if (q.currency !== 'USD') {
    const latest = await ports.latest.latestSnapshot();
    const snapshot = latest === undefined ? undefined : snapshotRate(latest, q.currency);
    rateOn = dayRates(
      q.currency,
      dailyFx(),
      snapshot === undefined || isRefusal(snapshot) || snapshot.asOf === null
        ? undefined
        : { rate: snapshot, day: snapshot.asOf.slice(0, 10) },
    );
  }
  // One day more than the page: its presence says a next page exists, and where it starts.
  const days = await ports.history.daysBetween(q.pageFrom, q.to, q.limit + 1);
  const page = days.slice(0, q.limit);
  const following = days[q.limit];
  const cursor = following ? encodeCursor(q, following.date) : undefined;
  const params = new URLSearchParams({ from: q.from, to: q.to, format: q.format, currency: q.currency });
  if (q.limit !== DEFAULT_PAGE_DAYS) params.set('limit', String(q.limit));
  const fxName = q.currency === 'USD' ? undefined : convertedFigureNames(q.currency)[3];
  const rows = page.map((d) => {
    if (rateOn === undefined) return historyRow(d, q.currency, USD_RATE, ports.globalFleetPoolFeeFraction);
    const day = rateOn(d.date);
    return { ...historyRow(d, q.currency, day.rate, ports.globalFleetPoolFeeFraction), fxSource: day.from };
  });
  return {
    currency: q.currency,
    fx: {
      currency: q.currency,
      perUsd: q.currency === 'USD' ? 1 : null,
      asOf: null,
      appliesTo:
        q.currency === 'USD'
          ? 'no conversion: USD is the stored basis'
          : `each day at that day's rate (rows[].fx<Cur>PerUsd, rows[].fxSource): the ECB's reference rate of the day, or the latest snapshot's for its own day; a day without either keeps USD and sats figures only (daily rollups store USD)`,
      daysWithoutRate: fxName === undefined ? [] : rows.filter((r) => r[fxName] === null).map((r) => r.date),
    },
    from: q.from,
    to: q.to,
    rows,
    next: cursor ? { cursor, path: `/v1/history?${params.toString()}&cursor=${cursor}` } : null,
  };
}

/** Each column's cell: its figure to the decimals (or significant digits) the CSV has always carried. */
const cell = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined ? '' : value.toFixed(digits);
const CSV_DIGITS: Record<HistoryUsdFigureName, number> = {
  hashpriceUsdPerPhDay: 4,
  hashrateEhs: 3,
  difficulty: 0,
  btcPriceUsd: 2,
  fleetShareNegativePct: 3,
  hashpriceUsdPerThDay: 6,
  hashpriceSatsPerThDay: 2,
  fleetShareNegativeLowPct: 3,
  fleetShareNegativeHighPct: 3,
};

/** The page as CSV: its columns are the rows' keys (historyColumns), in the same units. */
export function historyCsv(page: HistoryPage): string {
  const lines = [historyColumns(page.currency).join(',')];
  const converted = page.currency === 'USD' ? undefined : convertedFigureNames(page.currency);
  for (const r of page.rows) {
    const cells = [r.date, ...HISTORY_USD_FIGURES.map((name) => cell(r[name], CSV_DIGITS[name]))];
    if (converted !== undefined) {
      const [perPh, perTh, btcPrice, fx] = converted.map((name) => r[name as ConvertedName]);
      const rate = fx === null || fx === undefined ? '' : fx.toPrecision(8);
      cells.push(cell(perPh, 4), cell(perTh, 6), cell(btcPrice, 2), rate);
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

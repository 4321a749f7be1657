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
 * page says which days those are (`fx.daysWithoutRate`, each row's `fx`): never another day's rate.
 */
import * as z from 'zod';
import {
  currencySchema,
  fromUsd,
  fxRateOnDay,
  USD_RATE,
  type Currency,
  type DailyFxRates,
  type FxRate,
} from '../domain/currency';
import type { DailyNetwork } from '../domain/dailyNetwork';
import { fleetShareNegative } from '../domain/fleetShare';
import { realizedHashprice } from '../domain/hashprice';
import { hpsToEhs, MS_PER_DAY, perPhToPerTh, SATS_PER_BTC } from '../domain/units';
import { bundledFleetMix, bundledPowerPrices } from '../data/bundledData';
import { bundledDailyFxRates } from '../data/history/loadDailyFxRates';
import { echo, isRefusal, type ApiIssue, type ApiRefusal } from './apiResponse';
import { snapshotRate } from './currencyRate';
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

/** Ten years of days. */
export const MAX_RANGE_DAYS = 3660;
export const DEFAULT_PAGE_DAYS = 366;
export const MAX_PAGE_DAYS = 1000;
export const historyQuerySchema = z.strictObject({
  from: dayParameter.describe('first day, YYYY-MM-DD'),
  to: dayParameter.describe(`last day, YYYY-MM-DD; at most ${MAX_RANGE_DAYS} days after from`),
  format: formatParameter,
  currency: currencyParameter,
  limit: z.int().min(1).max(MAX_PAGE_DAYS).optional().describe(`days per page (default ${DEFAULT_PAGE_DAYS})`),
  cursor: z.string().optional().describe("the previous page's next.cursor"),
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

/** One day's rate: `perUsd` null when there is none for that day (`from` says why). */
const dayFxSchema = z.object({ perUsd: z.number().nullable(), from: z.string() });
export type DayFx = z.infer<typeof dayFxSchema>;

export const historyRowSchema = z.object({
  date: z.string(),
  hashprice: z
    .object({
      /** In the asked currency; null on a day without a rate for it. */
      perPhDay: z.number().nullable(),
      perThDay: z.number().nullable(),
      satsPerThDay: z.number(),
      usdPerPhDay: z.number(),
      usdPerThDay: z.number(),
    })
    .nullable(),
  hashrateEhs: z.number().nullable(),
  difficulty: z.number().nullable(),
  btcPrice: z.number().nullable(),
  btcPriceUsd: z.number().nullable(),
  fleetShareNegativePct: z.number().nullable(),
  /** Another currency than USD only: the day's rate (units per USD) and where it came from, or why there is none. */
  fx: dayFxSchema.optional(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

const historyFxSchema = z.object({
  currency: currencySchema,
  /** 1 for USD; null for another currency, whose rate is each row's own (`rows[].fx`). */
  perUsd: z.number().nullable(),
  asOf: z.string().nullable(),
  appliesTo: z.string(),
  /** The days of this page with no rate for the currency: their converted figures are null. */
  daysWithoutRate: z.array(z.string()),
});
export type HistoryFx = z.infer<typeof historyFxSchema>;

/** A next page: its cursor and the whole path that asks for it. */
export const nextPageSchema = z.object({ cursor: z.string(), path: z.string() }).nullable();

/** The answer of GET /v1/history as JSON (HistoryPage is its type). */
export const historyResponseSchema = z.object({
  currency: currencySchema,
  fx: historyFxSchema,
  from: z.string(),
  to: z.string(),
  rows: z.array(historyRowSchema),
  next: nextPageSchema,
});
export type HistoryPage = z.infer<typeof historyResponseSchema>;

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
 * One day's row; figures a rollup lacks are null, never guessed. `rate` is that day's rate (null
 * when there is none: the converted figures are then null, the USD and sats figures stay).
 */
export function historyRow(day: DailyNetwork, rate: FxRate | null, poolFeeFraction: number): HistoryRow {
  const { issuanceBtc, feesBtc, btcPriceUsd, hashrateHps } = day;
  let hashprice: HistoryRow['hashprice'] = null;
  let fleetShareNegativePct: number | null = null;
  if (issuanceBtc !== undefined && feesBtc !== undefined && btcPriceUsd !== undefined && hashrateHps !== undefined) {
    const h = realizedHashprice({ issuanceBtc, feesBtc, btcPriceUsd, hashrateHps });
    const perPhDay = rate === null ? null : fromUsd(h.usdPerPhDay, rate);
    hashprice = {
      perPhDay,
      perThDay: perPhDay === null ? null : perPhToPerTh(perPhDay),
      satsPerThDay: perPhToPerTh(h.btcPerPhDay) * SATS_PER_BTC,
      usdPerPhDay: h.usdPerPhDay,
      usdPerThDay: perPhToPerTh(h.usdPerPhDay),
    };
    fleetShareNegativePct =
      fleetShareNegative({
        hashpriceUsdPerPhDay: h.usdPerPhDay,
        networkHashrateHps: hashrateHps,
        fleetMix: bundledFleetMix,
        powerPrices: bundledPowerPrices,
        poolFeeFraction,
      }).shareNegativeFraction * 100;
  }
  return {
    date: day.date,
    hashprice,
    hashrateEhs: hashrateHps === undefined ? null : hpsToEhs(hashrateHps),
    difficulty: day.difficulty ?? null,
    btcPrice: btcPriceUsd === undefined || rate === null ? null : fromUsd(btcPriceUsd, rate),
    btcPriceUsd: btcPriceUsd ?? null,
    fleetShareNegativePct,
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
  const rows = page.map((d) => {
    if (rateOn === undefined) return historyRow(d, USD_RATE, ports.globalFleetPoolFeeFraction);
    const day = rateOn(d.date);
    return {
      ...historyRow(d, day.rate, ports.globalFleetPoolFeeFraction),
      fx: { perUsd: day.rate?.perUsd ?? null, from: day.from },
    };
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
          : `each day at that day's rate (rows[].fx): the ECB's reference rate of the day, or the latest snapshot's for its own day; a day without either keeps USD and sats figures only (daily rollups store USD)`,
      daysWithoutRate: rows.filter((r) => r.fx !== undefined && r.fx.perUsd === null).map((r) => r.date),
    },
    from: q.from,
    to: q.to,
    rows,
    next: cursor ? { cursor, path: `/v1/history?${params.toString()}&cursor=${cursor}` } : null,
  };
}

/** The CSV columns; money columns carry the currency's code (hashprice_eur_per_ph_day). */
export function historyCsvHeader(currency: Currency): string[] {
  const c = currency.toLowerCase();
  const columns = [
    'date',
    `hashprice_${c}_per_ph_day`,
    `hashprice_${c}_per_th_day`,
    'hashprice_sats_per_th_day',
    'hashrate_ehs',
    'difficulty',
    `btc_price_${c}`,
    'fleet_share_negative_pct',
  ];
  if (currency !== 'USD') columns.push(`fx_${c}_per_usd`);
  return columns;
}

const cell = (value: number | null, digits?: number): string =>
  value === null ? '' : digits === undefined ? String(value) : value.toFixed(digits);

export function historyCsv(page: HistoryPage): string {
  const lines = [historyCsvHeader(page.currency).join(',')];
  for (const r of page.rows) {
    const cells = [
      r.date,
      cell(r.hashprice?.perPhDay ?? null, 4),
      cell(r.hashprice?.perThDay ?? null, 6),
      cell(r.hashprice?.satsPerThDay ?? null, 2),
      cell(r.hashrateEhs, 3),
      cell(r.difficulty, 0),
      cell(r.btcPrice, 2),
      cell(r.fleetShareNegativePct, 3),
    ];
    if (page.currency !== 'USD') cells.push(r.fx?.perUsd == null ? '' : r.fx.perUsd.toPrecision(8));
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

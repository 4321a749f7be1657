/**
 * GET /v1/miners: the listed miners' treasuries (docs/public-miners.md). `view=latest` (default):
 * each company's latest period public by today, with what the miner signals judge on it and the age
 * of its newest month; `view=monthly`: the series, one row per company and period, as JSON or CSV,
 * paged like /v1/history (`limit`, `cursor`), filtered by `ticker` and months `from` / `to`. Figures
 * are BTC counts as the companies reported them (null where a report did not give one): no
 * currency applies. Every answer states its data's `asOf` and the age of its newest month.
 */
import * as z from '../schema/z';
import type { MinerPeriod } from '../domain/minerTreasury/treasuryPeriod';
import { companyLiquidationsAt, DEFAULT_QUARTER_DECLINE_PCT } from '../domain/minerTreasury/treasuryAlerts';
import { daysSinceMonthEnd, MINER_STALE_AFTER_DAYS } from '../domain/minerTreasury/staleness';
import { monthIndex } from '../domain/minerTreasury/treasuryPeriod';
import { echo, type ApiIssue, type ApiRefusal } from './apiResponse';
import { MINER_COLUMNS, type MinerColumn } from './minerColumns';
import { formatParameter, invalid, parametersOf, parseInteger, unknownParameters, type Query } from './query';
import type { MinersLatestView, MinersMonthlyPage } from './responses/minersResponse';

export const DEFAULT_MINER_ROWS = 100;
export const MAX_MINER_ROWS = 500;
const monthParameter = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
export const minersQuerySchema = z.strictObject({
  view: z.optional(z.enum(['latest', 'monthly'])).check(z.describe('latest (default) or monthly')),
  ticker: z.optional(z.string()).check(z.describe('one company (case-insensitive)')),
  from: z.optional(monthParameter).check(z.describe('view=monthly: first month, YYYY-MM')),
  to: z.optional(monthParameter).check(z.describe('view=monthly: last month, YYYY-MM')),
  format: formatParameter,
  limit: z
    .optional(z.int().check(z.minimum(1), z.maximum(MAX_MINER_ROWS)))
    .check(z.describe(`view=monthly: rows per page (default ${DEFAULT_MINER_ROWS})`)),
  cursor: z.optional(z.string()).check(z.describe("view=monthly: the previous page's next.cursor")),
});
export const MINERS_PARAMETERS = parametersOf(minersQuerySchema);
export interface MinerSeriesSource {
  asOf: string;
  companies: readonly { ticker: string; name: string }[];
  periods: readonly MinerPeriod[];
}

export interface MinersQuery {
  view: 'latest' | 'monthly';
  format: 'json' | 'csv';
  ticker: string | undefined;
  from: string | undefined;
  to: string | undefined;
  limit: number;
  offset: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseMinersQuery(query: Query, tickers: readonly string[]): MinersQuery | ApiRefusal {
  const unknown = unknownParameters(query, MINERS_PARAMETERS);
  if (unknown) return unknown;
  const issues: ApiIssue[] = [];
  const view = query.view ?? 'latest';
  if (view !== 'latest' && view !== 'monthly')
    issues.push({ field: 'view', problem: `must be latest or monthly (got "${echo(view)}")` });
  const format = query.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    issues.push({ field: 'format', problem: `must be json or csv (got "${echo(format)}")` });
  const ticker = query.ticker?.trim().toUpperCase();
  if (ticker !== undefined && !tickers.includes(ticker))
    issues.push({ field: 'ticker', problem: `must be one of ${tickers.join(', ')} (got "${echo(query.ticker!)}")` });
  for (const name of ['from', 'to'] as const)
    if (query[name] !== undefined && !MONTH.test(query[name]!))
      issues.push({ field: name, problem: `must be a month YYYY-MM (got "${echo(query[name]!)}")` });
  if (query.from && query.to && MONTH.test(query.from) && MONTH.test(query.to) && query.from > query.to)
    issues.push({ field: 'from', problem: 'must not be after to' });
  const limit = parseInteger(query, 'limit', { min: 1, max: MAX_MINER_ROWS, default: DEFAULT_MINER_ROWS }, issues);
  let offset = 0;
  if (query.cursor !== undefined) {
    const decoded = Buffer.from(query.cursor, 'base64url').toString('utf8');
    offset = Number(decoded);
    if (!/^\d+$/.test(decoded) || !Number.isSafeInteger(offset))
      issues.push({ field: 'cursor', problem: 'is not a cursor of this route (take it from the previous page)' });
  }
  if (view === 'latest' && (query.limit !== undefined || query.cursor !== undefined || query.from || query.to))
    issues.push({
      field: 'view',
      problem: 'latest takes ticker and format only; from, to, limit and cursor are for view=monthly',
    });
  if (issues.length > 0) return invalid(issues);
  return {
    view: view as MinersQuery['view'],
    format: format as MinersQuery['format'],
    ticker,
    from: query.from,
    to: query.to,
    limit,
    offset,
  };
}

type MinerRow = Record<MinerColumn, string | number | null>;

const rowOf = (p: MinerPeriod): MinerRow => ({
  ticker: p.ticker,
  month: p.month,
  periodMonths: p.periodMonths,
  publishedOn: p.publishedOn ?? null,
  btcProduced: p.btcProduced,
  btcSold: p.btcSold,
  btcBought: p.btcBought,
  btcOtherChange: p.btcOtherChange,
  btcHeldAtEnd: p.btcHeldAtEnd,
  operatingHashrateEhs: p.operatingHashrateEhs,
  powerCapacityMw: p.powerCapacityMw,
  aiHpcContractedMw: p.aiHpcContractedMw,
  interestExpenseUsd: p.interestExpenseUsd,
});

/** A percentage to one decimal, halves away from zero (-98.45 is -98.5, as a printed figure reads). */
const toTenth = (pct: number): number => (Math.sign(pct) * Math.round(Math.abs(pct) * 10)) / 10;

export function minersLatest(source: MinerSeriesSource, date: string, ticker: string | undefined): MinersLatestView {
  const names = new Map(source.companies.map((c) => [c.ticker, c.name]));
  const judged = companyLiquidationsAt(source.periods, date, { quarterDeclinePct: DEFAULT_QUARTER_DECLINE_PCT }).filter(
    (o) => ticker === undefined || o.ticker === ticker,
  );
  return {
    asOf: source.asOf,
    date,
    staleAfterDays: MINER_STALE_AFTER_DAYS,
    companies: judged.map((o) => {
      const age = daysSinceMonthEnd(o.month, date);
      return {
        ticker: o.ticker,
        name: names.get(o.ticker) ?? o.ticker,
        month: o.month,
        periodMonths: o.periodMonths,
        publishedOn: o.publishedOn,
        newestMonthAgeDays: age,
        stale: age > MINER_STALE_AFTER_DAYS,
        btcProduced: o.btcProduced,
        productionBasis: o.productionBasis,
        btcSold: o.btcSold,
        btcHeldAtEnd: o.btcHeldAtEnd,
        shareOfProductionSoldPct: o.shareOfProductionSoldPct === null ? null : toTenth(o.shareOfProductionSoldPct),
        treasuryChangePct: o.treasuryChangePct === null ? null : toTenth(o.treasuryChangePct),
        liquidationReasons: o.reasons,
      };
    }),
  };
}

export function minersMonthly(source: MinerSeriesSource, q: MinersQuery, date: string): MinersMonthlyPage {
  const matching = [...source.periods]
    .filter(
      (p) =>
        (q.ticker === undefined || p.ticker === q.ticker) &&
        (q.from === undefined || p.month >= q.from) &&
        (q.to === undefined || p.month <= q.to),
    )
    .sort((a, b) => a.ticker.localeCompare(b.ticker) || monthIndex(a.month) - monthIndex(b.month));
  const rows = matching.slice(q.offset, q.offset + q.limit).map(rowOf);
  const nextOffset = q.offset + q.limit;
  const params = new URLSearchParams({ view: 'monthly' });
  for (const name of ['ticker', 'from', 'to'] as const) if (q[name]) params.set(name, q[name]!);
  if (q.format !== 'json') params.set('format', q.format);
  if (q.limit !== DEFAULT_MINER_ROWS) params.set('limit', String(q.limit));
  const cursor = Buffer.from(String(nextOffset), 'utf8').toString('base64url');
  params.set('cursor', cursor);
  const newest = matching.reduce<string | null>((m, p) => (m === null || p.month > m ? p.month : m), null);
  return {
    asOf: source.asOf,
    newestMonth: newest,
    newestMonthAgeDays: newest === null ? null : daysSinceMonthEnd(newest, date),
    rows,
    next: nextOffset < matching.length ? { cursor, path: `/v1/miners?${params.toString()}` } : null,
  };
}

const csvCell = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function minersCsv(page: MinersMonthlyPage): string {
  return (
    [MINER_COLUMNS.join(','), ...page.rows.map((r) => MINER_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n') +
    '\n'
  );
}

/** The latest view as CSV: one row per company, the JSON's names as columns. */
export function minersLatestCsv(view: MinersLatestView): string {
  const columns = [
    'ticker',
    'name',
    'month',
    'periodMonths',
    'publishedOn',
    'newestMonthAgeDays',
    'stale',
    'btcProduced',
    'productionBasis',
    'btcSold',
    'btcHeldAtEnd',
    'shareOfProductionSoldPct',
    'treasuryChangePct',
    'liquidationReasons',
  ] as const;
  const lines = view.companies.map((c) =>
    columns
      .map((name) => {
        const value = c[name];
        return csvCell(Array.isArray(value) ? value.join(' ') : typeof value === 'boolean' ? String(value) : value);
      })
      .join(','),
  );
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}

/**
 * GET /v1/sites/{id}/curtailment?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv&currency=...: what
 * curtailing a market-priced site saved, per UTC day and month and in total, counted on the live
 * timeline the compute stored (curtailmentTimeline.ts) by the one count (curtailmentSavings.ts),
 * with the classes and their mode now, and what could not be counted (price gaps, curtailed time
 * without a price or a hashprice).
 *
 * Hashprice basis: the daily rollups (DAILY/DAY#, the realized hashprice GET /v1/history serves).
 * The hashprice in force for an interval is the realized hashprice of the latest day closed before
 * it (a rollup is stored when its day closes), at most HASHPRICE_LOOKBACK_DAYS old; without one,
 * the curtailed interval is uncounted. The backtest counts on the same basis (curtailmentBacktest.ts).
 *
 * Window: `from` 00:00 UTC to the end of `to`, counted until now at most; default the current month
 * to today; at most MAX_CURTAILMENT_DAYS days. Money: `*Usd` fields in USD (the stored basis); in
 * another currency the same figures with its code for `Usd` (`netEur`, named as in the CSV:
 * dailyFigures.ts), converted at the latest snapshot's rate.
 */
import * as z from '../schema/z';
import { fromUsd, type Currency } from '../domain/currency';
import type { DailyNetwork } from '../domain/dailyNetwork';
import { realizedHashpriceOfDay } from '../domain/hashprice';
import { countCurtailmentSavings, type CountedPeriod, type Uncounted } from '../domain/power/curtailmentSavings';
import type { SavingsTotals } from '../domain/power/curtailmentSavings';
import { isoDateOfMs, MS_PER_DAY } from '../domain/units';
import {
  ApiErrorCode,
  CSV_TYPE,
  echo,
  isRefusal,
  jsonResponse,
  refuse,
  type ApiIssue,
  type ApiRefusal,
  type ApiResponse,
} from './apiResponse';
import { snapshotRate } from './currencyRate';
import {
  convertedMoneyNames,
  currencyInName,
  type CONVERTED_CURRENCIES,
  type ConvertedMoneyName,
} from './dailyFigures';
import type { ApiPorts } from './ports';
import {
  currencyParameter,
  dayParameter,
  formatParameter,
  invalid,
  isCalendarDate,
  parametersOf,
  parseCurrency,
  unknownParameters,
  type Query,
} from './query';
import type { SavingsFigures, SiteCurtailmentView } from './responses/siteCurtailmentResponse';
import type { SnapshotRate } from './responses/snapshotRateResponse';

export const SITE_CURTAILMENT_PATH = '/v1/sites/{id}/curtailment';
export const MAX_CURTAILMENT_DAYS = 400;
/** A rollup older than this is no basis for a day's revenue: the interval is uncounted instead. */
export const HASHPRICE_LOOKBACK_DAYS = 7;
/** The query as declared (the route checks each parameter itself, naming it). */
export const siteCurtailmentQuerySchema = z.strictObject({
  from: z
    .optional(dayParameter)
    .check(z.describe('first UTC day, YYYY-MM-DD (default: the first of the current month)')),
  to: z
    .optional(dayParameter)
    .check(z.describe('last UTC day, YYYY-MM-DD (default: today); counted until now at most')),
  format: formatParameter,
  currency: currencyParameter,
});
export const SITE_CURTAILMENT_PARAMETERS = parametersOf(siteCurtailmentQuerySchema);
export const siteCurtailmentPathSchema = z.strictObject({
  id: z.string().check(z.describe("the site's name (URL-encoded)")),
});

export interface SiteCurtailmentQuery {
  from: string;
  to: string;
  format: 'json' | 'csv';
  currency: Currency;
}

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The site's name from the path, or undefined when the path is not this route's. */
export function siteOfCurtailmentPath(path: string): string | undefined {
  const match = /^\/v1\/sites\/([^/]+)\/curtailment$/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
    // swallowed: a malformed escape is no site name; the route answers 404 for it. No I/O here.
  } catch {
    return undefined;
  }
}

export function parseSiteCurtailmentQuery(query: Query, nowMs: number): SiteCurtailmentQuery | ApiRefusal {
  const unknown = unknownParameters(query, SITE_CURTAILMENT_PARAMETERS);
  if (unknown) return unknown;
  const issues: ApiIssue[] = [];
  const today = isoDateOfMs(nowMs);
  const day = (name: 'from' | 'to', fallback: string): string => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    if (isCalendarDate(raw)) return raw;
    issues.push({ field: name, problem: `must be a date YYYY-MM-DD (got "${echo(raw)}")` });
    return fallback;
  };
  const from = day('from', `${today.slice(0, 7)}-01`);
  const to = day('to', today);
  if (issues.length === 0) {
    if (to < from) issues.push({ field: 'to', problem: `must not be before from (${from})` });
    else if ((dayMs(to) - dayMs(from)) / MS_PER_DAY + 1 > MAX_CURTAILMENT_DAYS)
      issues.push({
        field: 'to',
        problem: `must be at most ${MAX_CURTAILMENT_DAYS} days after from (a range is bounded)`,
      });
  }
  const format = query.format ?? 'json';
  if (format !== 'json' && format !== 'csv')
    issues.push({ field: 'format', problem: `must be "json" or "csv" (got "${echo(format)}")` });
  const currency = parseCurrency(query, issues);
  if (issues.length > 0) return invalid(issues);
  return { from, to, format: format as 'json' | 'csv', currency };
}

/**
 * The hashprice in force at an instant from the daily rollups: the realized hashprice of the latest
 * day closed before it (day D closes at D+1 00:00 UTC), at most HASHPRICE_LOOKBACK_DAYS back.
 */
export function closedDayHashprice(days: readonly DailyNetwork[]): {
  at: (ms: number) => { usdPerPhDay: number; ofDay: string } | undefined;
} {
  const byDate = new Map<string, number>();
  for (const d of days) {
    const hashprice = realizedHashpriceOfDay(d);
    if (hashprice) byDate.set(d.date, hashprice.usdPerPhDay);
  }
  return {
    at(ms) {
      const dayStart = Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
      for (let back = 1; back <= HASHPRICE_LOOKBACK_DAYS; back += 1) {
        const ofDay = isoDateOfMs(dayStart - back * MS_PER_DAY);
        const usdPerPhDay = byDate.get(ofDay);
        if (usdPerPhDay !== undefined) return { usdPerPhDay, ofDay };
      }
      return undefined;
    },
  };
}

function unknownSite(site: string, ports: ApiPorts, known: readonly string[]): ApiRefusal {
  const fixed = ports.sites?.sites.some((s) => s.site.name === site) ?? false;
  return refuse(
    ApiErrorCode.NotFound,
    fixed
      ? `Site ${echo(site)} has a fixed power price: nothing is curtailed there.`
      : `No site ${echo(site)}. Sites on a market, feed or tariff: ${known.length > 0 ? known.join(', ') : 'none configured'}.`,
    [{ field: 'id', problem: fixed ? 'is a site on a fixed power price' : `is not a configured site` }],
  );
}

export async function readSiteCurtailment(
  ports: ApiPorts,
  siteName: string,
  q: SiteCurtailmentQuery,
  nowMs: number,
): Promise<SiteCurtailmentView | ApiRefusal> {
  const source = ports.curtailment;
  const site = source?.sites.find((s) => s.site === siteName);
  if (!source || !site)
    return unknownSite(
      siteName,
      ports,
      (source?.sites ?? []).map((s) => s.site),
    );
  const rate = snapshotRate(q.currency === 'USD' ? undefined : await ports.latest.latestSnapshot(), q.currency);
  if (isRefusal(rate)) return rate;

  const fromMs = dayMs(q.from);
  const toMs = Math.max(fromMs, Math.min(dayMs(q.to) + MS_PER_DAY, nowMs));
  const window = { fromIso: new Date(fromMs).toISOString(), toIso: new Date(toMs).toISOString() };
  const names = site.classes.map((c) => c.name);
  const [prices, changes, current, days] = await Promise.all([
    source.prices.startingWithin(site.site, window),
    source.timeline.modeChanges(site.site, window, names),
    // The mode now: the last change of each class before this instant.
    source.timeline.modeChanges(
      site.site,
      { fromIso: new Date(nowMs).toISOString(), toIso: new Date(nowMs).toISOString() },
      names,
    ),
    ports.history.daysBetween(
      isoDateOfMs(fromMs - HASHPRICE_LOOKBACK_DAYS * MS_PER_DAY),
      q.to,
      MAX_CURTAILMENT_DAYS + HASHPRICE_LOOKBACK_DAYS + 1,
    ),
  ]);
  const hashprice = closedDayHashprice(days);
  const counted = countCurtailmentSavings({
    prices,
    changes: [...changes.before, ...changes.within],
    classes: site.classes,
    hashpriceAt: (ms) => hashprice.at(ms)?.usdPerPhDay,
    poolFeeFraction: site.poolFeeFraction,
    window,
  });
  const converted = (
    currency: (typeof CONVERTED_CURRENCIES)[number],
    t: SavingsTotals,
  ): Partial<Record<ConvertedMoneyName, number>> => {
    const [energy, revenue, net] = convertedMoneyNames(currency);
    return {
      [energy]: fromUsd(t.energyNotBoughtUsd, rate),
      [revenue]: fromUsd(t.revenueNotMinedUsd, rate),
      [net]: fromUsd(t.netUsd, rate),
    };
  };
  const figures = (t: SavingsTotals & { uncounted: Uncounted }): SavingsFigures => ({
    curtailedClassHours: t.curtailedClassHours,
    energyNotBoughtMwh: t.energyNotBoughtMwh,
    energyNotBoughtUsd: t.energyNotBoughtUsd,
    revenueNotMinedUsd: t.revenueNotMinedUsd,
    netUsd: t.netUsd,
    ...(q.currency === 'USD' ? {} : converted(q.currency, t)),
    uncounted: t.uncounted,
  });
  const lastByClass = new Map(current.before.map((c) => [c.machineClass, c]));
  return {
    site: site.site,
    currency: q.currency,
    fx: {
      ...(rate as SnapshotRate),
      appliesTo:
        q.currency === 'USD'
          ? 'no conversion: USD is the stored basis'
          : `every figure, at the rate of the latest snapshot (${rate.asOf}): prices and rollups store USD only`,
    },
    from: q.from,
    to: q.to,
    countedFrom: window.fromIso,
    countedUntil: window.toIso,
    hashpriceBasis: `daily rollups: the realized hashprice of the latest day closed before each interval (at most ${HASHPRICE_LOOKBACK_DAYS} days back), after the pool fee of the site's fleets`,
    poolFeeFraction: site.poolFeeFraction,
    classes: site.classes.map((c) => {
      const last = lastByClass.get(c.name);
      return {
        name: c.name,
        efficiencyJPerTh: c.efficiencyJPerTh,
        hashrateThs: c.hashrateThs,
        mode: last?.mode ?? 'run',
        since: last?.effectiveIso ?? null,
        strikeUsdPerMwh: last?.strikeUsdPerMwh ?? null,
        priceUsdPerMwh: last?.priceUsdPerMwh ?? null,
      };
    }),
    daily: counted.daily.map((d: CountedPeriod) => ({
      date: d.period,
      ...figures(d),
      ...hashpriceOfDay(hashprice.at(dayMs(d.period))),
    })),
    monthly: counted.monthly.map((m) => ({ month: m.period, ...figures(m) })),
    total: figures(counted.total),
    priceGaps: counted.priceGaps,
    unknownClasses: counted.unknownClasses,
  };
}

const hashpriceOfDay = (h: { usdPerPhDay: number; ofDay: string } | undefined) => ({
  hashpriceUsdPerPhDay: h?.usdPerPhDay ?? null,
  hashpriceOfDay: h?.ofDay ?? null,
});

/**
 * The CSV: one row per day, its columns the JSON's names (a currency other than USD adds its money
 * columns, `netEur`, and the rate, `fxEurPerUsd`), each to the decimals the CSV has always carried.
 */
export function siteCurtailmentCsv(view: SiteCurtailmentView): string {
  const converted = view.currency === 'USD' ? [] : convertedMoneyNames(view.currency);
  const header = [
    'date',
    'curtailedClassHours',
    'energyNotBoughtMwh',
    'energyNotBoughtUsd',
    'revenueNotMinedUsd',
    'netUsd',
    ...converted,
    'missingPriceHours',
    'uncountedCurtailedClassHours',
    'uncountedIntervals',
    'hashpriceUsdPerPhDay',
    'hashpriceOfDay',
  ];
  if (view.currency !== 'USD') header.push(`fx${currencyInName(view.currency)}PerUsd`);
  const lines = [header.join(',')];
  for (const d of view.daily) {
    const cells = [
      d.date,
      d.curtailedClassHours.toFixed(4),
      d.energyNotBoughtMwh.toFixed(6),
      d.energyNotBoughtUsd.toFixed(2),
      d.revenueNotMinedUsd.toFixed(2),
      d.netUsd.toFixed(2),
      ...converted.map((name) => (d[name] ?? 0).toFixed(2)),
      d.uncounted.missingPriceHours.toFixed(4),
      d.uncounted.uncountedCurtailedClassHours.toFixed(4),
      String(d.uncounted.uncountedIntervals),
      d.hashpriceUsdPerPhDay === null ? '' : d.hashpriceUsdPerPhDay.toFixed(4),
      d.hashpriceOfDay ?? '',
    ];
    if (view.currency !== 'USD') cells.push(view.fx.perUsd.toPrecision(8));
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The route: the query checked, the site found, the figures as JSON or CSV. */
export async function siteCurtailmentRoute(ports: ApiPorts, site: string, query: Query): Promise<ApiResponse> {
  const nowMs = (ports.nowMs ?? Date.now)();
  const q = parseSiteCurtailmentQuery(query, nowMs);
  if (isRefusal(q)) return q.refusal;
  const view = await readSiteCurtailment(ports, site, q, nowMs);
  if (isRefusal(view)) return view.refusal;
  if (q.format === 'json') return jsonResponse(view);
  return { statusCode: 200, headers: { 'content-type': CSV_TYPE }, body: siteCurtailmentCsv(view) };
}

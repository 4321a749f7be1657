/**
 * What the two listed-miner signals judge, from the monthly series as it was public on a day:
 * - per company (`miner-treasury-liquidation`), its latest published period: did it sell more than
 *   it produced, did its treasury fall by a configured share over about a quarter, or to zero;
 * - for the sector (`miner-selling-pressure`), the companies that reported both figures over the
 *   last months: total sold against total produced.
 * A period counts from its `publishedOn` day (the latest source date of its figures), so a backtest
 * raises an event when the report came out, never before. When a period gives sales but not
 * production, the production is estimated from the company's latest reported month (marked
 * `estimated`): a quarterly report often states the sales and leaves production to the monthly
 * updates.
 */
import { shareOfProductionSold } from './shareOfProductionSold';
import { sectorMeasures } from './sectorMeasures';
import { treasuryChange } from './treasuryChange';
import { addMonths, monthIndex, sameHoldingBasis, type MinerPeriod } from './treasuryPeriod';
import { rememberLastCall } from '../rememberLastCall';

/** The treasury fall over about a quarter that the liquidation signal raises on by default, percent. */
export const DEFAULT_QUARTER_DECLINE_PCT = 20;

/**
 * "About a quarter": the holding compared with is the latest one three to five months before the
 * period's end. A company whose updates were not found for longer has no quarter to compare: a fall
 * over a year is not a quarter's liquidation (Cipher's March 2025 holding against March 2024's).
 */
export const QUARTER_BEFORE_MONTHS = { min: 3, max: 5 } as const;

export type LiquidationReason = 'sold-more-than-produced' | 'treasury-fell' | 'treasury-at-zero';

export interface CompanyLiquidationObservation {
  ticker: string;
  /** The latest published period's last month and length. */
  month: string;
  periodMonths: number;
  publishedOn: string;
  btcSold: number | null;
  btcProduced: number | null;
  /** Where btcProduced comes from: the period itself, the latest reported month scaled, or nowhere. */
  productionBasis: 'reported' | 'estimated' | 'none';
  /** Sold / produced, percent; null without both. */
  shareOfProductionSoldPct: number | null;
  btcHeldAtEnd: number | null;
  /** The holding about a quarter before (QUARTER_BEFORE_MONTHS, same basis), and the change, percent. */
  btcHeldQuarterBefore: number | null;
  treasuryChangePct: number | null;
  reasons: LiquidationReason[];
  /** Months from the period's last month to the decision's month (set by the caller that knows the date). */
  ageMonths?: number;
}

export interface SectorSellingObservation {
  fromMonth: string;
  toMonth: string;
  /** Companies counted (with both figures in a month of the window). */
  tickers: string[];
  btcSold: number;
  btcProduced: number;
  shareOfProductionSoldPct: number | null;
}

/** Periods public by `atDate` (YYYY-MM-DD); a period without a publication date counts from its month's end. */
export function periodsPublishedBy(periods: readonly MinerPeriod[], atDate: string): MinerPeriod[] {
  return periods.filter((p) => (p.publishedOn ?? `${addMonths(p.month, 1)}-01`) <= atDate);
}

/** Each company's judgement on its latest published period. */
export function companyLiquidations(
  published: readonly MinerPeriod[],
  config: { quarterDeclinePct: number },
): CompanyLiquidationObservation[] {
  const byTicker = new Map<string, MinerPeriod[]>();
  for (const p of published) byTicker.set(p.ticker, [...(byTicker.get(p.ticker) ?? []), p]);
  const out: CompanyLiquidationObservation[] = [];
  for (const [ticker, rows] of [...byTicker.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...rows].sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
    const latest = sorted.at(-1)!;
    const lastMonthly = [...sorted].reverse().find((p) => p.periodMonths === 1 && p.btcProduced !== null);
    const estimated =
      latest.btcProduced === null && latest.btcSold !== null && lastMonthly
        ? lastMonthly.btcProduced! * latest.periodMonths
        : null;
    const btcProduced = latest.btcProduced ?? estimated;
    const share = shareOfProductionSold({ btcSold: latest.btcSold, btcProduced });
    const quarterBefore = [...sorted].reverse().find((p) => {
      const monthsBefore = monthIndex(latest.month) - monthIndex(p.month);
      return (
        p.btcHeldAtEnd !== null &&
        monthsBefore >= QUARTER_BEFORE_MONTHS.min &&
        monthsBefore <= QUARTER_BEFORE_MONTHS.max &&
        sameHoldingBasis(p, latest)
      );
    });
    const change = treasuryChange(quarterBefore?.btcHeldAtEnd ?? null, latest.btcHeldAtEnd);
    const changePct = change?.changeShare == null ? null : change.changeShare * 100;
    const reasons: LiquidationReason[] = [];
    if (share !== null && share > 1) reasons.push('sold-more-than-produced');
    if (changePct !== null && changePct <= -config.quarterDeclinePct) reasons.push('treasury-fell');
    if (latest.btcHeldAtEnd === 0 && sorted.some((p) => (p.btcHeldAtEnd ?? 0) > 0)) reasons.push('treasury-at-zero');
    out.push({
      ticker,
      month: latest.month,
      periodMonths: latest.periodMonths,
      publishedOn: latest.publishedOn ?? '',
      btcSold: latest.btcSold,
      btcProduced,
      productionBasis: latest.btcProduced !== null ? 'reported' : estimated !== null ? 'estimated' : 'none',
      shareOfProductionSoldPct: share === null ? null : share * 100,
      btcHeldAtEnd: latest.btcHeldAtEnd,
      btcHeldQuarterBefore: quarterBefore?.btcHeldAtEnd ?? null,
      treasuryChangePct: changePct,
      reasons,
    });
  }
  return out;
}

/**
 * The sector over the `windowMonths` months ending at the latest month any company reported both
 * figures for; undefined when fewer than `minCompanies` companies are counted in the window.
 */
export function sectorSelling(
  published: readonly MinerPeriod[],
  config: { windowMonths: number; minCompanies: number },
): SectorSellingObservation | undefined {
  const months = sectorMeasures(published).filter((m) => m.tickers.length > 0);
  const last = months.at(-1);
  if (!last) return undefined;
  const fromMonth = addMonths(last.month, -(config.windowMonths - 1));
  const window = months.filter((m) => m.month >= fromMonth);
  const tickers = [...new Set(window.flatMap((m) => m.tickers))].sort();
  if (tickers.length < config.minCompanies) return undefined;
  const btcSold = window.reduce((sum, m) => sum + m.btcSold, 0);
  const btcProduced = window.reduce((sum, m) => sum + m.btcProduced, 0);
  return {
    fromMonth,
    toMonth: last.month,
    tickers,
    btcSold,
    btcProduced,
    shareOfProductionSoldPct: btcProduced > 0 ? (btcSold / btcProduced) * 100 : null,
  };
}

/**
 * The companies' judgements on a day: their latest periods public by then, each with its age in
 * months; a period older than `maxAgeMonths` says nothing about the company now, and the caller
 * treats it as no longer raising.
 */
export function companyLiquidationsAt(
  periods: readonly MinerPeriod[],
  atDate: string,
  config: { quarterDeclinePct: number },
): readonly CompanyLiquidationObservation[] {
  return companyLiquidationsOn(periods, atDate, config.quarterDeclinePct);
}

// Remembered across a day's snapshots (the 10-minute backtest and simulation).
const companyLiquidationsOn = rememberLastCall(
  (periods: readonly MinerPeriod[], atDate: string, quarterDeclinePct: number): CompanyLiquidationObservation[] => {
    const month = atDate.slice(0, 7);
    const published = periodsPublishedBy(periods, atDate);
    return companyJudgements(periods, published.length, quarterDeclinePct, published).map((o) => ({
      ...o,
      ageMonths: monthIndex(month) - monthIndex(o.month),
    }));
  },
);

/*
 * The judgements change only when a period is published, not with the day: remembered by how many
 * periods are public. The periods public by two dates are always one within the other (a period
 * counts from its publication date on), so the same count is the same periods, whichever the
 * dates. A daily backtest asks every day and a 10-minute one 144 times a day; the periods are
 * published a few times a month.
 */
const companyJudgements = rememberLastCall(
  (
    _periods: readonly MinerPeriod[],
    _publishedCount: number,
    quarterDeclinePct: number,
    published: readonly MinerPeriod[],
  ): CompanyLiquidationObservation[] => companyLiquidations(published, { quarterDeclinePct }),
  3,
);

/** The sector's judgement on a day: the periods public by then, summed over the window. */
export function sectorSellingAt(
  periods: readonly MinerPeriod[],
  atDate: string,
  config: { windowMonths: number; minCompanies: number },
): SectorSellingObservation | undefined {
  return sectorSellingOn(periods, atDate, config.windowMonths, config.minCompanies);
}

const sectorSellingOn = rememberLastCall(
  (
    periods: readonly MinerPeriod[],
    atDate: string,
    windowMonths: number,
    minCompanies: number,
  ): SectorSellingObservation | undefined => {
    const published = periodsPublishedBy(periods, atDate);
    return sectorJudgement(periods, published.length, windowMonths, minCompanies, published);
  },
);

/** As companyJudgements: remembered by how many periods are public. */
const sectorJudgement = rememberLastCall(
  (
    _periods: readonly MinerPeriod[],
    _publishedCount: number,
    windowMonths: number,
    minCompanies: number,
    published: readonly MinerPeriod[],
  ) => sectorSelling(published, { windowMonths, minCompanies }),
  4,
);

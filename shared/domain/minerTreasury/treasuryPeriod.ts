/**
 * One reporting period of a listed miner's bitcoin treasury, as the measures and the holdings
 * reconciliation read it: plain numbers in BTC, null where the company's reports did not give the
 * figure. Rows of shared/data/publicMinersMonthly.json map onto it (publicMinersMonthly.ts).
 */

export interface TreasuryPeriod {
  ticker: string;
  /** The period's last month, YYYY-MM. */
  month: string;
  /** 1 for a monthly update, 3 for a quarterly report. */
  periodMonths: number;
  btcProduced: number | null;
  btcSold: number | null;
  /** Bitcoin bought in the period; 0 when the reports mention no purchase. */
  btcBought: number | null;
  /** Any other change the company explained (signed; e.g. bitcoin received for a sale of assets); 0 when none. */
  btcOtherChange: number | null;
  btcHeldAtEnd: number | null;
  /** Set when the holding is of a day other than the period's end (a weekly disclosure). */
  btcHeldAsOf?: string;
  /**
   * What the holding counts: `unrestricted` when the company reported only its unpledged bitcoin
   * (MARA while its Silvergate loans held coins as collateral); absent for all it holds.
   */
  btcHeldBasis?: HoldingBasis;
}

export const HOLDING_BASES = ['total', 'unrestricted'] as const;
export type HoldingBasis = (typeof HOLDING_BASES)[number];

/**
 * Whether two holdings count the same thing. A move from total to unrestricted holdings is a
 * change of what is reported, not bitcoin sold: comparing them would read pledged coins as a
 * liquidation (MARA's 11,285 total in October 2022 against 4,200 unrestricted in November).
 */
export const sameHoldingBasis = (
  a: Pick<TreasuryPeriod, 'btcHeldBasis'>,
  b: Pick<TreasuryPeriod, 'btcHeldBasis'>,
): boolean => (a.btcHeldBasis ?? 'total') === (b.btcHeldBasis ?? 'total');

/** A period's figures the measures read beyond the treasury flows; null where not reported. */
export interface MinerPeriod extends TreasuryPeriod {
  operatingHashrateEhs: number | null;
  powerCapacityMw: number | null;
  aiHpcContractedMw: number | null;
  /** Interest expense over the period, USD. */
  interestExpenseUsd: number | null;
  /**
   * When the period's figures were all public (the latest source date of its figures, YYYY-MM-DD):
   * a signal judges a period only from this day on, so a backtest never reads a report early.
   */
  publishedOn?: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0 of a YYYY-MM month, so that consecutive months differ by one. */
export function monthIndex(month: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`not a month YYYY-MM: ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** The month `months` after `month` (negative: before). */
export function addMonths(month: string, months: number): string {
  const index = monthIndex(month) + months;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last month before the period begins: the month whose closing holding opens the period. */
export const monthBeforePeriod = (period: Pick<TreasuryPeriod, 'month' | 'periodMonths'>): string =>
  addMonths(period.month, -period.periodMonths);

/** The first day of the period, YYYY-MM-DD. */
export const periodStartDate = (period: Pick<TreasuryPeriod, 'month' | 'periodMonths'>): string =>
  `${addMonths(period.month, 1 - period.periodMonths)}-01`;

/**
 * Does a miner's reported bitcoin holding follow from the one before it? held(t) = held(t-1) +
 * produced - sold + bought + other. Companies round their holdings to whole bitcoin and call them
 * "approximately", so a gap up to the tolerance below is reporting noise; a larger one is a figure
 * that is wrong, mis-dated, in the wrong unit, or a flow the reports did not give, and must be
 * explained (the data file's reconciliationNote) or fixed.
 */
import { monthBeforePeriod, sameHoldingBasis, type TreasuryPeriod } from './treasuryPeriod';

/** A gap up to max(minBtc, shareOfOpeningHolding x the opening holding) reconciles. */
export const RECONCILIATION_TOLERANCE = { minBtc: 2, shareOfOpeningHolding: 0.001 } as const;

export const reconciliationToleranceBtc = (openingHeldBtc: number): number =>
  Math.max(RECONCILIATION_TOLERANCE.minBtc, RECONCILIATION_TOLERANCE.shareOfOpeningHolding * openingHeldBtc);

export type HoldingsCheck =
  | {
      status: 'reconciles' | 'gap';
      ticker: string;
      month: string;
      openingHeldBtc: number;
      expectedHeldBtc: number;
      reportedHeldBtc: number;
      /** reported - expected. */
      gapBtc: number;
      toleranceBtc: number;
    }
  | { status: 'not-checkable'; ticker: string; month: string; reason: string };

/**
 * Checks every period against the one before it, per company. `periods` may be in any order and
 * mix companies; a period is checkable only when the company's previous period ends the month
 * before it begins and both holdings and all of this period's flows are known.
 */
export function reconcileHoldings(periods: readonly TreasuryPeriod[]): HoldingsCheck[] {
  const byKey = new Map(periods.map((p) => [`${p.ticker} ${p.month}`, p]));
  return periods.map((period) => {
    const { ticker, month } = period;
    const notCheckable = (reason: string): HoldingsCheck => ({ status: 'not-checkable', ticker, month, reason });
    const previous = byKey.get(`${ticker} ${monthBeforePeriod(period)}`);
    if (!previous) return notCheckable(`no period ending ${monthBeforePeriod(period)} to start from`);
    if (previous.btcHeldAtEnd === null) return notCheckable(`holding at the end of ${previous.month} not known`);
    if (previous.btcHeldAsOf !== undefined)
      return notCheckable(`holding of ${previous.month} is of ${previous.btcHeldAsOf}, not the month end`);
    if (period.btcHeldAtEnd === null) return notCheckable('holding at the end of the period not known');
    if (!sameHoldingBasis(previous, period))
      return notCheckable(
        `holding counts ${period.btcHeldBasis ?? 'total'} bitcoin, ${previous.month}'s ${previous.btcHeldBasis ?? 'total'}`,
      );
    if (period.btcHeldAsOf !== undefined)
      return notCheckable(`holding is of ${period.btcHeldAsOf}, not the period end`);
    const { btcProduced, btcSold, btcBought, btcOtherChange } = period;
    if (btcProduced === null || btcSold === null || btcBought === null || btcOtherChange === null) {
      const flows = { btcProduced, btcSold, btcBought, btcOtherChange };
      const unknown = Object.keys(flows).filter((k) => flows[k as keyof typeof flows] === null);
      return notCheckable(`${unknown.join(', ')} not known`);
    }
    const openingHeldBtc = previous.btcHeldAtEnd;
    const expectedHeldBtc = openingHeldBtc + btcProduced - btcSold + btcBought + btcOtherChange;
    const gapBtc = period.btcHeldAtEnd - expectedHeldBtc;
    const toleranceBtc = reconciliationToleranceBtc(openingHeldBtc);
    return {
      status: Math.abs(gapBtc) <= toleranceBtc ? 'reconciles' : 'gap',
      ticker,
      month,
      openingHeldBtc,
      expectedHeldBtc,
      reportedHeldBtc: period.btcHeldAtEnd,
      gapBtc,
      toleranceBtc,
    };
  });
}

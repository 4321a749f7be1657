/**
 * The measures of each company's periods: share of production sold, treasury change against the
 * company's previous period (only when that period ends right before this one), interest cost per
 * BTC mined and the share of capacity contracted to AI/HPC; with market conditions, the months of
 * cash costs the treasury covers. One formula per measure, each in its own file.
 */
import { aiHpcCapacityShare } from './aiHpcCapacityShare';
import { interestCostUsdPerBtcMined } from './interestCostPerBtc';
import { shareOfProductionSold } from './shareOfProductionSold';
import { treasuryChange, type TreasuryChange } from './treasuryChange';
import { monthBeforePeriod, sameHoldingBasis, type MinerPeriod } from './treasuryPeriod';
import { monthsOfCashCostsCovered } from './treasuryRunway';

export interface MarketConditions {
  hashpriceUsdPerPhDay: number;
  btcPriceUsd: number;
  /** The company's cash cost per BTC mined, or null when not known. */
  cashCostUsdPerBtc: (ticker: string) => number | null;
}

export interface CompanyPeriodMeasures {
  ticker: string;
  month: string;
  periodMonths: number;
  shareOfProductionSold: number | null;
  treasuryChange: TreasuryChange | null;
  interestCostUsdPerBtcMined: number | null;
  aiHpcCapacityShare: number | null;
  /** Present when market conditions were given. */
  monthsOfCashCostsCovered?: number | null;
}

export function companyMeasures(periods: readonly MinerPeriod[], market?: MarketConditions): CompanyPeriodMeasures[] {
  const byKey = new Map(periods.map((p) => [`${p.ticker} ${p.month}`, p]));
  return periods.map((p) => {
    const previous = byKey.get(`${p.ticker} ${monthBeforePeriod(p)}`);
    const comparable =
      previous !== undefined &&
      previous.btcHeldAsOf === undefined &&
      p.btcHeldAsOf === undefined &&
      sameHoldingBasis(previous, p);
    const measures: CompanyPeriodMeasures = {
      ticker: p.ticker,
      month: p.month,
      periodMonths: p.periodMonths,
      shareOfProductionSold: shareOfProductionSold(p),
      treasuryChange: comparable ? treasuryChange(previous.btcHeldAtEnd, p.btcHeldAtEnd) : null,
      interestCostUsdPerBtcMined: interestCostUsdPerBtcMined(p),
      aiHpcCapacityShare: aiHpcCapacityShare(p),
    };
    if (market)
      measures.monthsOfCashCostsCovered = monthsOfCashCostsCovered({
        btcHeld: p.btcHeldAtEnd,
        operatingHashrateEhs: p.operatingHashrateEhs,
        hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
        btcPriceUsd: market.btcPriceUsd,
        cashCostUsdPerBtc: market.cashCostUsdPerBtc(p.ticker),
      });
    return measures;
  });
}

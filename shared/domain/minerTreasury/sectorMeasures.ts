/**
 * The listed miners together, month by month: what the companies that reported both figures
 * mined and sold, and the share sold (total sold / total produced, so a large miner weighs more
 * than a small one), with the change of the treasuries of those that reported both holdings.
 * Monthly rows only: a quarterly total cannot be placed in one month. The companies counted
 * differ from month to month; `tickers` says which, so a reader never compares unlike sums blind.
 */
import { companyMeasures } from './companyMeasures';
import type { MinerPeriod } from './treasuryPeriod';

export interface SectorMonth {
  month: string;
  /** Companies with both BTC produced and BTC sold this month. */
  tickers: string[];
  btcProduced: number;
  btcSold: number;
  shareOfProductionSold: number | null;
  /** Sum of the treasury changes of the companies with both holdings (not necessarily `tickers`). */
  treasuryChangeBtc: number | null;
  treasuryChangeTickers: string[];
}

export function sectorMeasures(periods: readonly MinerPeriod[]): SectorMonth[] {
  const monthly = periods.filter((p) => p.periodMonths === 1);
  const changes = new Map(companyMeasures(monthly).map((m) => [`${m.ticker} ${m.month}`, m.treasuryChange]));
  const months = [...new Set(monthly.map((p) => p.month))].sort();
  return months.map((month) => {
    const rows = monthly.filter((p) => p.month === month);
    const flows = rows.filter((p) => p.btcProduced !== null && p.btcSold !== null);
    const btcProduced = flows.reduce((sum, p) => sum + p.btcProduced!, 0);
    const btcSold = flows.reduce((sum, p) => sum + p.btcSold!, 0);
    const changed = rows.filter((p) => changes.get(`${p.ticker} ${month}`) != null);
    return {
      month,
      tickers: flows.map((p) => p.ticker),
      btcProduced,
      btcSold,
      shareOfProductionSold: btcProduced > 0 ? btcSold / btcProduced : null,
      treasuryChangeBtc:
        changed.length > 0 ? changed.reduce((sum, p) => sum + changes.get(`${p.ticker} ${month}`)!.changeBtc, 0) : null,
      treasuryChangeTickers: changed.map((p) => p.ticker),
    };
  });
}

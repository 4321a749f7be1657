/**
 * Monthly means of the daily network history (hashrate and realized hashprice), the series the
 * fleet-over-time model steps through. Days missing a figure are left out of their month; a month
 * with no complete day is left out, and the model refuses a gap, so a hole in history is loud.
 */
import type { DailyNetwork } from './dailyNetwork';
import type { MonthlyNetwork } from './fleetOverTime';
import { realizedHashprice } from './hashprice';

export function monthlyNetwork(
  daily: readonly DailyNetwork[],
  fromMonth = '0000-00',
  toMonth = '9999-99',
): MonthlyNetwork[] {
  const sums = new Map<string, { hashrate: number; hashprice: number; days: number }>();
  for (const d of daily) {
    const month = d.date.slice(0, 7);
    if (month < fromMonth || month > toMonth) continue;
    if (
      d.hashrateHps === undefined ||
      d.btcPriceUsd === undefined ||
      d.issuanceBtc === undefined ||
      d.feesBtc === undefined
    )
      continue;
    const hp = realizedHashprice({
      issuanceBtc: d.issuanceBtc,
      feesBtc: d.feesBtc,
      btcPriceUsd: d.btcPriceUsd,
      hashrateHps: d.hashrateHps,
    }).usdPerPhDay;
    const s = sums.get(month) ?? { hashrate: 0, hashprice: 0, days: 0 };
    s.hashrate += d.hashrateHps;
    s.hashprice += hp;
    s.days += 1;
    sums.set(month, s);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, s]) => ({ month, hashrateHps: s.hashrate / s.days, hashpriceUsdPerPhDay: s.hashprice / s.days }));
}

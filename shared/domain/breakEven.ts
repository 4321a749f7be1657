/**
 * Break-even power price: the electricity price at which a machine's revenue equals its power cost.
 * Formula (docs/design.md §3): USD/kWh = hashprice_USD_per_PH_day / 1000 * (1 - f) / (E * 0.024),
 * since one TH/s at E J/TH draws E W, i.e. E * 24 / 1000 = E * 0.024 kWh a day, and earns
 * hashprice / 1000 USD a day.
 * Check: S19 XP (~21.5 J/TH) at $29/PH/day, f = 0 -> about 5.6 c/kWh.
 */
import { HOURS_PER_DAY } from './units';

/** kWh a day that one TH/s draws at `efficiencyJPerTh` (J/TH = W per TH/s). */
export function kwhPerThDay(efficiencyJPerTh: number): number {
  return (efficiencyJPerTh * HOURS_PER_DAY) / 1000;
}

export function breakEvenPowerPriceUsdPerKwh(
  hashpriceUsdPerPhDay: number,
  efficiencyJPerTh: number,
  poolFeeFraction = 0,
): number {
  const revenueUsdPerThDay = (hashpriceUsdPerPhDay / 1000) * (1 - poolFeeFraction);
  return revenueUsdPerThDay / kwhPerThDay(efficiencyJPerTh);
}

/**
 * Break-even hashprice (the curtailment strike): the hashprice under which running a machine of
 * `efficiencyJPerTh` at `powerPriceUsdPerKwh` costs more in power than it earns. It is the same
 * equation as the break-even power price, solved for the hashprice:
 * USD/PH/day = USD/kWh * (E * 0.024) * 1000 / (1 - f).
 * Costs paid whether the machine runs or not (hosting, depreciation) are left out on purpose: they
 * do not change the run-or-curtail decision. A 100% pool fee earns nothing: the strike is Infinity.
 */
export function breakEvenHashpriceUsdPerPhDay(
  powerPriceUsdPerKwh: number,
  efficiencyJPerTh: number,
  poolFeeFraction = 0,
): number {
  if (poolFeeFraction >= 1) return Number.POSITIVE_INFINITY;
  return (powerPriceUsdPerKwh * kwhPerThDay(efficiencyJPerTh) * 1000) / (1 - poolFeeFraction);
}

/**
 * The hashprice under which a machine, a line or a fleet loses money on a cash basis (power and
 * hosting): its hashcost grossed up for the pool fee, since revenue per PH/s-day hashed is
 * hashprice x (1 - fee). Hosting without hashrate never breaks even (Infinity).
 */
export function cashBreakEvenHashpriceUsdPerPhDay(
  day: { hashcostUsdPerPhDay: number; hostingOpexUsdPerDay: number },
  poolFeeFraction: number,
): number {
  if (!Number.isFinite(day.hashcostUsdPerPhDay)) return day.hostingOpexUsdPerDay > 0 ? Number.POSITIVE_INFINITY : 0;
  return day.hashcostUsdPerPhDay / (1 - poolFeeFraction);
}

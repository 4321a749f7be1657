/**
 * Keep hashing or lease the site: both paths' NPVs over the same horizon (the build plus the lease
 * term), the lease's IRR and payback, and the hashprice at which the two NPVs are equal.
 *
 * The mining path comes in as day-by-day revenue and cost for the whole site at a reference
 * hashprice h0 (from the scenario projection, halving included). Revenue is proportional to the
 * hashprice the projection starts from (every day is scaled by given / derived-today), costs are
 * not, so the mining NPV at any starting hashprice h is the same days with revenue x h / h0: the
 * break-even is the root of miningNpv(h) - leaseNpv, found by Brent's method to the last bit.
 */
import { brentRoot, internalRateOfReturnPct, paybackYears, presentValueUsd, type CashFlow } from './finance';
import { DAYS_PER_YEAR_EXACT } from './miningPerMegawatt';

export interface MiningDays {
  /** The hashprice the projection started from, USD/PH/day. */
  referenceHashpriceUsdPerPhDay: number;
  /** Per day of the horizon, in order from today: the site's revenue and its costs (power, hosting), USD. */
  revenueUsd: readonly number[];
  costUsd: readonly number[];
}

export interface ConversionInput {
  mining: MiningDays;
  /** The lease's flows for the whole site, USD (capex and fleet sale at t = 0). */
  leaseFlows: readonly CashFlow[];
  discountRatePct: number;
}

export interface ConversionResult {
  miningNpvUsd: number;
  leaseNpvUsd: number;
  leaseIrrPct: number | null;
  leasePaybackYears: number | null;
  /** Null when mining's NPV beats the lease's even at a hashprice of zero (or never reaches it). */
  conversionBreakEvenHashpriceUsdPerPhDay: number | null;
}

/** A day's cash arrives at the end of the day. */
const dayAtYears = (day: number): number => (day + 1) / DAYS_PER_YEAR_EXACT;

/** The mining NPV as a function of the starting hashprice: exact, linear in it. */
export function miningNpvAt(mining: MiningDays, discountRatePct: number): (hashpriceUsdPerPhDay: number) => number {
  const growth = 1 + discountRatePct / 100;
  let revenuePv = 0;
  let costPv = 0;
  for (let d = 0; d < mining.revenueUsd.length; d += 1) {
    const discount = growth ** dayAtYears(d);
    revenuePv += mining.revenueUsd[d]! / discount;
    costPv += mining.costUsd[d]! / discount;
  }
  const h0 = mining.referenceHashpriceUsdPerPhDay;
  return (h) => (revenuePv * h) / h0 - costPv;
}

/** The largest hashprice searched for a break-even, USD/PH/day (about 200 times 2026's). */
const MAX_BREAK_EVEN_HASHPRICE = 10_000;

export function compareConversion(input: ConversionInput): ConversionResult {
  const leaseNpvUsd = presentValueUsd(input.leaseFlows, input.discountRatePct);
  const npvAt = miningNpvAt(input.mining, input.discountRatePct);
  const gap = (h: number): number => npvAt(h) - leaseNpvUsd;
  let breakEven: number | null = null;
  if (gap(0) < 0 && gap(MAX_BREAK_EVEN_HASHPRICE) > 0) breakEven = brentRoot(gap, 0, MAX_BREAK_EVEN_HASHPRICE);
  else if (gap(0) === 0) breakEven = 0;
  return {
    miningNpvUsd: npvAt(input.mining.referenceHashpriceUsdPerPhDay),
    leaseNpvUsd,
    leaseIrrPct: internalRateOfReturnPct(input.leaseFlows),
    leasePaybackYears: paybackYears(input.leaseFlows),
    conversionBreakEvenHashpriceUsdPerPhDay: breakEven,
  };
}

/**
 * The cash a megawatt of site power earns leased to an AI/HPC tenant, month by month, per MW of
 * the site's power (not of IT load: the comparison with mining is per MW of the same site).
 *
 * Model: at t = 0 the conversion is paid (capex per MW of IT load x the IT share) and the mining
 * fleet is sold (asicResidualUsd, spread over the site's MW by the caller); for `buildMonths`
 * nothing is earned; then rent is paid at the end of each month for `termYears`, the first-year
 * rate rising by the escalator at each anniversary of rent start, less the tenant-credit haircut;
 * when the landlord pays the power (powerPassThrough false), the site draws its full capacity at
 * the site's power price every hour of the term.
 */
import { equivalentAnnualUsd, presentValueUsd, type CashFlow } from './finance';
import { HOURS_PER_YEAR } from './miningPerMegawatt';
import { leaseRateUsdPerMwItYear, type HpcLease } from './hpcLeaseTerms';

export interface LeasePerMegawatt {
  /** Rent in the first year per MW of site power: rate on IT load x IT share, before the haircut. */
  leaseRevenueUsdPerMwYear: number;
  /** First-year rent after the credit haircut, less the power the landlord pays (if any), per MW of site power. */
  leaseMarginUsdPerMwYear: number;
  /** The rate per MW of IT load averaged over the term, escalators included (how announced deals are quoted). */
  averageRateUsdPerMwItYear: number;
  /** Months from today to the end of the term (build + term). */
  horizonMonths: number;
  /** Per MW of site power; capex and the fleet sale at t = 0. */
  flows: CashFlow[];
}

export function leasePerMegawatt(
  lease: HpcLease,
  powerPriceUsdPerKwh: number,
  asicResidualUsdPerMw: number,
): LeasePerMegawatt {
  const itShare = lease.itLoadSharePct / 100;
  const rateUsdPerMwItYear = leaseRateUsdPerMwItYear(lease);
  const haircut = lease.tenantCreditHaircutPct / 100;
  const escalator = 1 + lease.escalatorPctPerYear / 100;
  const landlordPowerUsdPerMwYear = lease.powerPassThrough ? 0 : powerPriceUsdPerKwh * 1000 * HOURS_PER_YEAR;
  const termMonths = Math.max(1, Math.round(lease.termYears * 12));
  const flows: CashFlow[] = [{ atYears: 0, usd: -lease.capexUsdPerMw * itShare + asicResidualUsdPerMw }];
  let rateSum = 0;
  for (let m = 1; m <= termMonths; m += 1) {
    const rentYear = Math.floor((m - 1) / 12);
    const rateThisMonth = (rateUsdPerMwItYear * escalator ** rentYear) / 12;
    rateSum += rateThisMonth;
    flows.push({
      atYears: (lease.buildMonths + m) / 12,
      usd: rateThisMonth * itShare * (1 - haircut) - landlordPowerUsdPerMwYear / 12,
    });
  }
  return {
    leaseRevenueUsdPerMwYear: rateUsdPerMwItYear * itShare,
    leaseMarginUsdPerMwYear: rateUsdPerMwItYear * itShare * (1 - haircut) - landlordPowerUsdPerMwYear,
    averageRateUsdPerMwItYear: (rateSum * 12) / termMonths,
    horizonMonths: lease.buildMonths + termMonths,
    flows,
  };
}

/**
 * The offer's equivalent annual value per MW of site power: its NPV per MW (capex, build months,
 * rent after the haircut, any power the landlord pays; the fleet sale left out) spread evenly over
 * its horizon at its discount rate. What a year of leasing is worth once the conversion is paid
 * for, comparable with a year's mining margin per MW (the site-conversion-advantage signal).
 */
export function leaseEquivalentUsdPerMwYear(lease: HpcLease, powerPriceUsdPerKwh: number): number {
  const perMw = leasePerMegawatt(lease, powerPriceUsdPerKwh, 0);
  return equivalentAnnualUsd(
    presentValueUsd(perMw.flows, lease.discountRatePct),
    lease.discountRatePct,
    perMw.horizonMonths / 12,
  );
}

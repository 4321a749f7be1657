/**
 * What one of the owner's sites earns hashing per MW-year on a given hashprice, and the mean of it
 * over trailing days: the figure the site-conversion-advantage signal holds against the site's
 * lease offer. The same formulas as the calculator's siteEconomics (fleetDay, then
 * miningPerMegawatt): per MW of the fleets' nameplate power, after power (at the site's price),
 * hosting and the pool fee.
 */
import { fleetDay, type FleetLine, type OperatingTerms } from '../machineEconomics';
import { miningPerMegawatt } from './miningPerMegawatt';

/** A site as the signals see it: its machines, one set of terms, and its lease offer's yearly figures. */
export interface SiteMiningSpec {
  name: string;
  lines: readonly FleetLine[];
  /** The site's power price, and its fleets' shared pool fee, uptime and hosting. */
  terms: OperatingTerms;
  /** The lease offer's first-year rent after the credit haircut, less any power the landlord pays, per MW of site power. */
  leaseMarginUsdPerMwYear: number;
  /** The offer's equivalent annual value per MW of site power, conversion capex and build included (leaseEquivalentUsdPerMwYear). */
  leaseEquivalentUsdPerMwYear: number;
}

/** The site's cash margin (revenue - power - hosting) per MW of its fleets' power, per year, at this hashprice. */
export function siteMiningMarginUsdPerMwYear(
  site: Pick<SiteMiningSpec, 'lines' | 'terms'>,
  hashpriceUsdPerPhDay: number,
): number {
  // BTC price only sets the BTC figures of a day, which the margin per MW does not read.
  const day = fleetDay(site.lines, site.terms, { hashpriceUsdPerPhDay, btcPriceUsd: 1 });
  return miningPerMegawatt({
    powerWatts: day.powerWatts,
    hashrateThs: day.hashrateThs,
    uptimeFraction: site.terms.uptimeFraction,
    poolFeeFraction: site.terms.poolFeeFraction,
    hashpriceUsdPerPhDay,
    profitUsdPerDay: day.profitUsdPerDay,
  }).miningMarginUsdPerMwYear;
}

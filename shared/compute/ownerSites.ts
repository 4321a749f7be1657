/**
 * The owner's sites as configured (compute config `sites`, fleets by name) turned into what their
 * two readers take: the calculator request that prices a site (GET /v1/sites), and the site's
 * machines, terms and lease margin for the site-conversion-advantage signal. One mapping for
 * both: a site is priced as one fleet, all its fleets' machines at the site's power price, with
 * the pool fee, uptime and hosting its fleets share (the config refuses fleets that differ).
 */
import type { ComputeConfig, OwnerFleetConfig } from '../config/computeConfig';
import type { CalculatorRequestInput } from '../calculator/request';
import type { MachineModel } from '../data/machineCatalog';
import type { OwnerFleet } from '../domain/profitability';
import { sitePowerPriceUsdPerKwh, type Site } from '../domain/site';
import { leaseEquivalentUsdPerMwYear, leasePerMegawatt } from '../domain/siteEconomics/leaseCashFlows';
import type { SiteMiningSpec } from '../domain/siteEconomics/siteMiningMargin';
import { resolveOwnerFleets } from './ownerFleets';

/** A configured site and the calculator request that prices it (without `market`: the snapshot gives it). */
export interface OwnerSite {
  site: Site;
  request: CalculatorRequestInput;
}

function fleetsOf(site: Site, fleets: readonly OwnerFleetConfig[]): OwnerFleetConfig[] {
  return site.fleets.map((name) => fleets.find((f) => f.name === name)!);
}

/** The calculator request of each site: its fleets' machine lines as configured (the request takes the same two shapes). */
export function ownerSiteRequests(config: Pick<ComputeConfig, 'sites' | 'fleets'>): OwnerSite[] {
  return config.sites.map((site) => {
    const fleets = fleetsOf(site, config.fleets);
    const terms = fleets[0]!;
    return {
      site,
      request: {
        machines: fleets.flatMap((f) => f.machines),
        powerPriceUsdPerKwh: sitePowerPriceUsdPerKwh(site.powerPrice),
        poolFeePct: terms.poolFeePct,
        uptimePct: terms.uptimePct,
        hostingOpexUsdPerMachinePerDay: terms.hostingOpexUsdPerMachinePerDay,
        site: { powerCapacityMw: site.powerCapacityMw },
        ...(site.leaseOffer ? { hpcLease: site.leaseOffer } : {}),
      },
    };
  });
}

/** The sites with a lease offer, as the signal sees them (fleets resolved against the catalog, once per cold start). */
export function resolveOwnerSitesForSignals(
  config: Pick<ComputeConfig, 'sites' | 'fleets'>,
  catalog: { readonly machines: readonly MachineModel[] },
): SiteMiningSpec[] {
  const resolved: OwnerFleet[] = resolveOwnerFleets(config.fleets, catalog);
  return config.sites.flatMap((site) => {
    if (!site.leaseOffer) return [];
    const fleets = site.fleets.map((name) => resolved.find((f) => f.name === name)!);
    const powerPriceUsdPerKwh = sitePowerPriceUsdPerKwh(site.powerPrice);
    return [
      {
        name: site.name,
        lines: fleets.flatMap((f) => f.lines),
        // The fleets share their other terms (the config checks it); the site's power price replaces theirs.
        terms: { ...fleets[0]!.terms, powerPriceUsdPerKwh },
        // The fleet sale (asicResidualUsd) is a flow at conversion, not part of the yearly figures.
        leaseMarginUsdPerMwYear: leasePerMegawatt(site.leaseOffer, powerPriceUsdPerKwh, 0).leaseMarginUsdPerMwYear,
        leaseEquivalentUsdPerMwYear: leaseEquivalentUsdPerMwYear(site.leaseOffer, powerPriceUsdPerKwh),
      },
    ];
  });
}

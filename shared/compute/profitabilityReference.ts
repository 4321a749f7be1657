/**
 * What the compute prices with besides the network data: the bundled reference data (machine
 * catalog, fleet mix, power price distribution, public miners) and the owner's fleets (and sites) resolved
 * against the catalog. Pure: the compute, the backtest and the benches build it the same way.
 */
import type { ComputeConfig } from '../config/computeConfig';
import { bundledFleetMix, bundledMachineCatalog, bundledPowerPrices, bundledPublicMiners } from '../data/bundledData';
import { bundledMinerSeries } from '../data/bundledMinerSeries';
import { pctToFraction } from '../domain/units';
import { resolveOwnerFleets } from './ownerFleets';
import { resolveOwnerSitesForSignals } from './ownerSites';
import type { ProfitabilityReference } from './profitabilityRecord';

export function loadProfitabilityReference(config: ComputeConfig): ProfitabilityReference {
  // Bundled data, validated in the tests and at synth time rather than at every cold start.
  const catalog = bundledMachineCatalog;
  return {
    catalog,
    fleetMix: bundledFleetMix,
    powerPrices: bundledPowerPrices,
    ownerFleets: resolveOwnerFleets(config.fleets, catalog),
    poolFeeFraction: pctToFraction(config.globalFleetPoolFeePct),
    publicMiners: bundledPublicMiners.miners,
    sites: resolveOwnerSitesForSignals(config, catalog),
    minerPeriods: bundledMinerSeries().periods,
  };
}

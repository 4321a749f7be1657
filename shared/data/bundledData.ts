/**
 * The data files bundled with the functions (machine catalog, fleet mix, power prices, public
 * miners, the industry cost benchmark, the announced AI/HPC lease deals), typed and NOT re-validated at cold start: validating them with zod took about a third of
 * the compute function's import time, on every cold start, to re-check bytes that cannot change
 * once deployed. They are checked before they can ship instead: validateBundledData() (below) runs
 * in the tests (test/unit/data/bundledData.test.ts) and on every `cdk synth` (infra/buildApp.ts),
 * and it requires each file to be exactly its parsed form (no default left to fill in, nothing to
 * trim), so the casts here give what parsing would. A file a user supplies still goes through its
 * parseX() function.
 *
 * Only type imports from the schema modules: this module must not pull zod into a bundle.
 */
import type { FleetMix } from './fleetMix';
import type { HpcLeaseDeals } from './hpcLeaseDeals';
import hpcLeaseDealsJson from './hpcLeaseDeals.json';
import type { IndustryCost } from './industryCost';
import industryCostJson from './industryCost.json';
import fleetMixJson from './fleetMix.json';
import type { MachineCatalog } from './machineCatalog';
import machinesJson from './machines.json';
import type { PowerPriceDistribution } from './powerPrices';
import powerPricesJson from './powerPrices.json';
import type { PublicMiners } from './publicMiners';
import publicMinersJson from './publicMiners.json';

export const bundledMachineCatalog = machinesJson as unknown as MachineCatalog;
export const bundledFleetMix = fleetMixJson as unknown as FleetMix;
export const bundledPowerPrices = powerPricesJson as unknown as PowerPriceDistribution;
export const bundledPublicMiners = publicMinersJson as unknown as PublicMiners;
export const bundledIndustryCost = industryCostJson as unknown as IndustryCost;
export const bundledHpcLeaseDeals = hpcLeaseDealsJson as unknown as HpcLeaseDeals;

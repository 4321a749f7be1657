/**
 * The profitability result: everything the compute step derives from one network snapshot, in
 * memory with the domain's units (fractions, infinities). The stored form is the profitability
 * record (shared/compute/profitabilityRecord.ts).
 * Expected hashprice (docs/design.md §3, hashprice.ts), the break-even power price of every catalog
 * machine (breakEven.ts), the share of the global fleet that is cash-flow negative
 * (fleetShare.ts) and each owner fleet's day (machineEconomics.ts) and cost per BTC
 * (productionCost.ts). No formula lives here: this file only wires the ones that have a home.
 *
 * It runs on every new network snapshot and in backtests over years of history, so
 * per-catalog work that does not depend on the market (each model's J/TH) is computed once per
 * catalog and cached; everything that depends on the market is computed afresh each call.
 */
import * as z from '../schema/z';
import { breakEvenPowerPriceUsdPerKwh } from './breakEven';
import { fleetShareNegative, type FleetBand, type FleetShareNegative, type PowerPriceBand } from './fleetShare';
import { fleetShareNegativeBand, powerPriceCaseFactors, type FleetShareBand } from './fleetShareBand';

/** A power-price case: the distribution's shape moved to this median. */
export interface PowerPriceCaseMedian {
  medianUsdPerKwh: number;
}
import { expectedHashprice, type Hashprice } from './hashprice';
import { fleetDay, type FleetDay, type FleetLine, type OperatingTerms } from './machineEconomics';
import { costToProduceBtc, type CostPerBtc } from './productionCost';

export interface SnapshotMarket {
  btcPriceUsd: number;
  difficulty: number;
  subsidyBtc: number;
  /** Mean fees per block over a recent window, BTC. */
  feesBtcPerBlock: number;
  networkHashrateHps: number;
}

/** One of the owner's fleets, as configured: machines, operating terms and the costs beyond power. */
export interface OwnerFleet {
  name: string;
  lines: readonly FleetLine[];
  terms: OperatingTerms;
  /** Hardware and infrastructure spend being depreciated, USD. */
  capexUsd: number;
  usefulLifeDays: number;
  /** SG&A and other fixed costs, USD per day for the whole fleet. */
  overheadUsdPerDay: number;
}

export const operatingTermsSchema = z.object({
  powerPriceUsdPerKwh: z.number().check(z.minimum(0), z.maximum(10)),
  poolFeeFraction: z.number().check(z.minimum(0), z.maximum(1)),
  uptimeFraction: z.number().check(z.minimum(0), z.maximum(1)),
  hostingOpexUsdPerDay: z.number().check(z.minimum(0)),
});

export const ownerFleetSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1)),
  lines: z
    .array(
      z.object({
        machine: z.object({ hashrateThs: z.number().check(z.positive()), powerWatts: z.number().check(z.positive()) }),
        count: z.int().check(z.nonnegative()),
      }),
    )
    .check(z.minLength(1)),
  terms: operatingTermsSchema,
  capexUsd: z.number().check(z.minimum(0)),
  usefulLifeDays: z.number().check(z.positive()),
  overheadUsdPerDay: z.number().check(z.minimum(0)),
}) satisfies z.ZodMiniType<OwnerFleet>;

/** What the snapshot needs of a catalog machine (machines.json rows satisfy it). */
export interface CatalogMachine {
  id: string;
  model: string;
  hashrateThs: number;
  powerWatts: number;
}

export interface ProfitabilityInput {
  market: SnapshotMarket;
  catalog: { readonly machines: readonly CatalogMachine[] };
  fleetMix: { readonly bands: readonly FleetBand[] };
  /**
   * The power prices the global fleet pays, and their low and high cases (the published readings
   * around the central one): with the cases the result carries the fleet share's band.
   */
  powerPrices: {
    readonly bands: readonly PowerPriceBand[];
    readonly cases?: { readonly low: PowerPriceCaseMedian; readonly high: PowerPriceCaseMedian };
  };
  ownerFleets: readonly OwnerFleet[];
  /** Pool fee assumed for the catalog break-evens and the global fleet share. */
  poolFeeFraction: number;
}

export interface MachineBreakEven {
  id: string;
  model: string;
  efficiencyJPerTh: number;
  breakEvenPowerPriceUsdPerKwh: number;
}

export interface OwnerFleetResult {
  name: string;
  /** The fleet's own power price (its terms), carried so nothing has to find the fleet again. */
  powerPriceUsdPerKwh: number;
  day: FleetDay;
  costPerBtc: CostPerBtc;
}

export interface ProfitabilityResult {
  hashprice: Hashprice;
  machines: MachineBreakEven[];
  fleetShare: FleetShareNegative;
  /** The share's band across the power-price cases, when the input has cases. */
  fleetShareBand?: FleetShareBand;
  ownerFleets: OwnerFleetResult[];
}

interface PreparedCatalog {
  ids: string[];
  models: string[];
  /** W / TH of each machine, the same figure machineDay uses. */
  efficienciesJPerTh: Float64Array;
}

const preparedCatalogs = new WeakMap<readonly CatalogMachine[], PreparedCatalog>();

/** Per-model efficiency computed once per catalog (it does not depend on the market). */
function prepareCatalog(machines: readonly CatalogMachine[]): PreparedCatalog {
  let prepared = preparedCatalogs.get(machines);
  if (!prepared) {
    prepared = {
      ids: machines.map((m) => m.id),
      models: machines.map((m) => m.model),
      efficienciesJPerTh: Float64Array.from(machines, (m) => m.powerWatts / m.hashrateThs),
    };
    preparedCatalogs.set(machines, prepared);
  }
  return prepared;
}

export function computeProfitability(input: ProfitabilityInput): ProfitabilityResult {
  const { market, poolFeeFraction } = input;
  const hashprice = expectedHashprice(market);
  const hashpriceUsdPerPhDay = hashprice.usdPerPhDay;

  const catalog = prepareCatalog(input.catalog.machines);
  const machines: MachineBreakEven[] = new Array<MachineBreakEven>(catalog.ids.length);
  for (let i = 0; i < catalog.ids.length; i += 1) {
    const efficiencyJPerTh = catalog.efficienciesJPerTh[i]!;
    machines[i] = {
      id: catalog.ids[i]!,
      model: catalog.models[i]!,
      efficiencyJPerTh,
      breakEvenPowerPriceUsdPerKwh: breakEvenPowerPriceUsdPerKwh(
        hashpriceUsdPerPhDay,
        efficiencyJPerTh,
        poolFeeFraction,
      ),
    };
  }

  const fleetShare = fleetShareNegative({
    hashpriceUsdPerPhDay,
    networkHashrateHps: market.networkHashrateHps,
    fleetMix: input.fleetMix,
    powerPrices: input.powerPrices,
    poolFeeFraction,
  });

  const cases = input.powerPrices.cases;
  let fleetShareBand: FleetShareBand | undefined;
  if (cases) {
    fleetShareBand = fleetShareNegativeBand(
      {
        hashpriceUsdPerPhDay,
        networkHashrateHps: market.networkHashrateHps,
        fleetMix: input.fleetMix,
        powerPrices: input.powerPrices,
        poolFeeFraction,
      },
      powerPriceCaseFactors(input.powerPrices.bands, cases),
    );
  }

  const marketTerms = { hashpriceUsdPerPhDay, btcPriceUsd: market.btcPriceUsd };
  const ownerFleets: OwnerFleetResult[] = new Array<OwnerFleetResult>(input.ownerFleets.length);
  for (let i = 0; i < input.ownerFleets.length; i += 1) {
    const fleet = input.ownerFleets[i]!;
    const day = fleetDay(fleet.lines, fleet.terms, marketTerms);
    ownerFleets[i] = {
      name: fleet.name,
      powerPriceUsdPerKwh: fleet.terms.powerPriceUsdPerKwh,
      day,
      costPerBtc: costToProduceBtc({
        btcMinedPerDay: day.revenueBtcPerDay,
        powerCostUsdPerDay: day.powerCostUsdPerDay,
        hostingOpexUsdPerDay: day.hostingOpexUsdPerDay,
        capexUsd: fleet.capexUsd,
        usefulLifeDays: fleet.usefulLifeDays,
        overheadUsdPerDay: fleet.overheadUsdPerDay,
      }),
    };
  }

  return { hashprice, machines, fleetShare, ...(fleetShareBand ? { fleetShareBand } : {}), ownerFleets };
}

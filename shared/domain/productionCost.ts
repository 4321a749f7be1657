/**
 * Cost to produce one BTC (docs/design.md §3): energy only = power cost per day / BTC mined per day;
 * cash cost adds hosting and other opex; all-in adds hardware depreciation (capex spread over a
 * useful life) and overheads (SG&A, a fixed amount per day). Public miners reported all-in costs
 * near $80,000/BTC in late 2025.
 */

export interface ProductionCostInput {
  btcMinedPerDay: number;
  powerCostUsdPerDay: number;
  hostingOpexUsdPerDay: number;
  /** Hardware (and infrastructure) spend being depreciated, USD. */
  capexUsd: number;
  usefulLifeDays: number;
  overheadUsdPerDay: number;
}

export interface CostPerBtc {
  energyUsdPerBtc: number;
  cashUsdPerBtc: number;
  allInUsdPerBtc: number;
}

/** Straight-line depreciation per day. */
export function depreciationUsdPerDay(capexUsd: number, usefulLifeDays: number): number {
  if (usefulLifeDays <= 0) throw new RangeError(`usefulLifeDays must be positive, got ${usefulLifeDays}`);
  return capexUsd / usefulLifeDays;
}

/** USD a day spread over the BTC mined a day; Infinity when nothing is mined. */
function perBtc(usdPerDay: number, btcMinedPerDay: number): number {
  return btcMinedPerDay > 0 ? usdPerDay / btcMinedPerDay : Number.POSITIVE_INFINITY;
}

/**
 * Cost per BTC; Infinity when nothing is mined (a stopped fleet produces no BTC at any cost).
 * No closure inside: this runs for every owner fleet on every snapshot, and a closure created per
 * call costs ~20x the arithmetic under tsx/esbuild `keepNames` (see bench/snapshot.bench.ts).
 */
export function costToProduceBtc(input: ProductionCostInput): CostPerBtc {
  const energy = input.powerCostUsdPerDay;
  const cash = energy + input.hostingOpexUsdPerDay;
  const allIn = cash + depreciationUsdPerDay(input.capexUsd, input.usefulLifeDays) + input.overheadUsdPerDay;
  return {
    energyUsdPerBtc: perBtc(energy, input.btcMinedPerDay),
    cashUsdPerBtc: perBtc(cash, input.btcMinedPerDay),
    allInUsdPerBtc: perBtc(allIn, input.btcMinedPerDay),
  };
}

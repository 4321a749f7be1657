/**
 * Cost to produce one BTC (DESIGN.md §3): energy only = power cost per day / BTC mined per day;
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

/** Cost per BTC; Infinity when nothing is mined (a stopped fleet produces no BTC at any cost). */
export function costToProduceBtc(input: ProductionCostInput): CostPerBtc {
  const perBtc = (usdPerDay: number): number =>
    input.btcMinedPerDay > 0 ? usdPerDay / input.btcMinedPerDay : Number.POSITIVE_INFINITY;
  const energy = input.powerCostUsdPerDay;
  const cash = energy + input.hostingOpexUsdPerDay;
  const allIn = cash + depreciationUsdPerDay(input.capexUsd, input.usefulLifeDays) + input.overheadUsdPerDay;
  return { energyUsdPerBtc: perBtc(energy), cashUsdPerBtc: perBtc(cash), allInUsdPerBtc: perBtc(allIn) };
}

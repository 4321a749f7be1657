/**
 * The network's underwater share as a function of hashprice, tabulated once per projection: for a
 * grid of hashprices, the share of network hashrate whose power cost exceeds its revenue
 * (fleetShare.ts, on a fleet mix and a power-price distribution). The closed loop reads it with
 * one interpolation per path per day instead of re-running the band arithmetic (10,000 paths x 730
 * days x every band would dominate the run).
 */
import { fleetShareNegative, type FleetBand, type PowerPriceBand } from '../fleetShare';

/** Grid: log-spaced hashprices from 0.1 to 100,000 USD/PH/day (every hashprice Bitcoin has had since 2013 fits). */
const MIN_USD_PER_PH_DAY = 0.1;
const MAX_USD_PER_PH_DAY = 100_000;
const POINTS = 1024;
const LOG_MIN = Math.log(MIN_USD_PER_PH_DAY);
const LOG_STEP = (Math.log(MAX_USD_PER_PH_DAY) - LOG_MIN) / (POINTS - 1);

export interface UnderwaterCurve {
  /** Share of network hashrate cash-flow negative (0..1) at each grid hashprice. */
  readonly shareAtGrid: Float64Array;
}

export function underwaterCurve(input: {
  fleetMix: { readonly bands: readonly FleetBand[] };
  powerPrices: { readonly bands: readonly PowerPriceBand[] };
  poolFeeFraction: number;
}): UnderwaterCurve {
  const shareAtGrid = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i += 1) {
    shareAtGrid[i] = fleetShareNegative({
      hashpriceUsdPerPhDay: Math.exp(LOG_MIN + i * LOG_STEP),
      networkHashrateHps: 0,
      fleetMix: input.fleetMix,
      powerPrices: input.powerPrices,
      poolFeeFraction: input.poolFeeFraction,
    }).shareNegativeFraction;
  }
  return { shareAtGrid };
}

/** The underwater share (0..1) at `hashpriceUsdPerPhDay`, interpolated in log hashprice; clamped to the grid. */
export function underwaterShareAt(curve: UnderwaterCurve, hashpriceUsdPerPhDay: number): number {
  const grid = curve.shareAtGrid;
  if (!(hashpriceUsdPerPhDay > MIN_USD_PER_PH_DAY)) return grid[0]!;
  const x = (Math.log(hashpriceUsdPerPhDay) - LOG_MIN) / LOG_STEP;
  if (x >= POINTS - 1) return grid[POINTS - 1]!;
  const i = Math.floor(x);
  const w = x - i;
  return grid[i]! * (1 - w) + grid[i + 1]! * w;
}

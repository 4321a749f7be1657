/**
 * The share of the fleet under water as a band, not a point. Its most contested input is the power
 * price miners pay: the share moves about 14 points per cent of power price, and the published
 * figures of a year disagree by a cent or more (fleetHistory.json carries a low, a central and a
 * high reading of each year, each with its source). The band is the central case's share with the
 * range of the three cases' shares around it.
 */
import {
  fleetShareNegative,
  medianPowerPriceUsdPerKwh,
  scalePowerPrices,
  type FleetShareInput,
  type PowerPriceBand,
} from './fleetShare';
import { fractionToPct } from './units';

export const POWER_PRICE_CASES = ['low', 'central', 'high'] as const;
export type PowerPriceCase = (typeof POWER_PRICE_CASES)[number];

export interface FleetShareBand {
  /** The central case's share under water, 0..1. */
  centralFraction: number;
  /** The least of the three cases' shares, 0..1. */
  lowFraction: number;
  /** The greatest of the three cases' shares, 0..1. */
  highFraction: number;
}

/** The band's ends in percent: what is stored (the profitability record) and what the signals judge. */
export interface FleetShareBandPct {
  lowPct: number;
  highPct: number;
}

/** A band's ends in percent: the one conversion the stored record and the signal input share. */
export function fleetShareBandPct(band: FleetShareBand): FleetShareBandPct {
  return { lowPct: fractionToPct(band.lowFraction), highPct: fractionToPct(band.highFraction) };
}

/**
 * The band of three cases' shares. Taken as their range rather than as low case = low share: where
 * each case runs its own fleet (the backtest's fleet model), cheaper power also keeps older
 * machines running longer, so the cases' shares need not be ordered as their prices are.
 */
export function fleetShareBandOf(shares: Readonly<Record<PowerPriceCase, number>>): FleetShareBand {
  const all = POWER_PRICE_CASES.map((c) => shares[c]);
  return { centralFraction: shares.central, lowFraction: Math.min(...all), highFraction: Math.max(...all) };
}

/** How far each case's median power price sits from the central's, as a factor (low <= 1 <= high). */
export interface PowerPriceCaseFactors {
  low: number;
  high: number;
}

/** The cases' factors: each case's median power price over the central distribution's. */
export function powerPriceCaseFactors(
  centralBands: readonly PowerPriceBand[],
  cases: { readonly low: { medianUsdPerKwh: number }; readonly high: { medianUsdPerKwh: number } },
): PowerPriceCaseFactors {
  const centralMedian = medianPowerPriceUsdPerKwh(centralBands);
  return { low: cases.low.medianUsdPerKwh / centralMedian, high: cases.high.medianUsdPerKwh / centralMedian };
}

/**
 * The band for one fleet (the live compute's fleet mix of today) with its power prices moved to
 * each case: every band edge of the central distribution scaled by the case's factor.
 */
export function fleetShareNegativeBand(input: FleetShareInput, factors: PowerPriceCaseFactors): FleetShareBand {
  const shareAt = (factor: number): number =>
    fleetShareNegative({ ...input, powerPrices: { bands: scalePowerPrices(input.powerPrices.bands, factor) } })
      .shareNegativeFraction;
  return fleetShareBandOf({ low: shareAt(factors.low), central: shareAt(1), high: shareAt(factors.high) });
}

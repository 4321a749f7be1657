/**
 * Share of the global fleet that is cash-flow negative (docs/design.md §3): the sum over machine
 * generations of (share of network hashrate) x (share of that hashrate whose power price is above
 * the generation's break-even power price). Both distributions are data (fleetMix.json,
 * powerPrices.json); this file holds only the arithmetic.
 *
 * Within a power-price band the hashrate is taken as spread evenly, so the share above a price
 * falls linearly across the band: the result is continuous in hashprice and never rises as
 * hashprice rises. Power price and efficiency are assumed independent (a simplification: the
 * newest machines tend to sit on the cheapest power, so this errs towards a higher share).
 */
import { breakEvenPowerPriceUsdPerKwh } from './breakEven';
import { hpsToEhs } from './units';

export interface FleetBand {
  id: string;
  label: string;
  /** Representative efficiency of the band, J/TH. */
  efficiencyJPerTh: number;
  /** Share of network hashrate in this band, 0..1. */
  hashrateShareFraction: number;
}

export interface PowerPriceBand {
  minUsdPerKwh: number;
  maxUsdPerKwh: number;
  /** Share of network hashrate paying a price inside [min, max), 0..1. */
  hashrateShareFraction: number;
}

export interface FleetShareInput {
  hashpriceUsdPerPhDay: number;
  networkHashrateHps: number;
  fleetMix: { readonly bands: readonly FleetBand[] };
  powerPrices: { readonly bands: readonly PowerPriceBand[] };
  poolFeeFraction: number;
}

export interface FleetBandShare {
  id: string;
  label: string;
  efficiencyJPerTh: number;
  hashrateShareFraction: number;
  breakEvenPowerPriceUsdPerKwh: number;
  /** Share of this band's hashrate paying more than its break-even, 0..1. */
  shareAboveBreakEvenFraction: number;
  /** This band's contribution to the network share negative: hashrateShare x shareAbove. */
  shareNegativeFraction: number;
  hashrateAtRiskHps: number;
}

export interface FleetShareNegative {
  /** Share of network hashrate that is cash-flow negative on power, 0..1. */
  shareNegativeFraction: number;
  hashrateAtRiskHps: number;
  hashrateAtRiskEhs: number;
  byBand: FleetBandShare[];
}

/**
 * Share of hashrate paying more than `priceUsdPerKwh`, with hashrate spread evenly inside each
 * band (linear interpolation), so the result is continuous and non-increasing in the price.
 */
export function shareAbovePowerPrice(bands: readonly PowerPriceBand[], priceUsdPerKwh: number): number {
  let share = 0;
  for (const band of bands) {
    if (priceUsdPerKwh <= band.minUsdPerKwh) {
      share += band.hashrateShareFraction;
    } else if (priceUsdPerKwh < band.maxUsdPerKwh) {
      share +=
        (band.hashrateShareFraction * (band.maxUsdPerKwh - priceUsdPerKwh)) / (band.maxUsdPerKwh - band.minUsdPerKwh);
    }
  }
  return share;
}

const clampFraction = (x: number): number => Math.min(1, Math.max(0, x));

export function fleetShareNegative(input: FleetShareInput): FleetShareNegative {
  const { hashpriceUsdPerPhDay, networkHashrateHps, poolFeeFraction } = input;
  if (!Number.isFinite(hashpriceUsdPerPhDay))
    throw new RangeError(`hashpriceUsdPerPhDay must be finite, got ${hashpriceUsdPerPhDay}`);
  if (!Number.isFinite(networkHashrateHps) || networkHashrateHps < 0) {
    throw new RangeError(`networkHashrateHps must be a non-negative number, got ${networkHashrateHps}`);
  }
  const powerBands = input.powerPrices.bands;
  let shareNegativeFraction = 0;
  const byBand: FleetBandShare[] = [];
  for (const band of input.fleetMix.bands) {
    const breakEven = breakEvenPowerPriceUsdPerKwh(hashpriceUsdPerPhDay, band.efficiencyJPerTh, poolFeeFraction);
    const shareAbove = clampFraction(shareAbovePowerPrice(powerBands, breakEven));
    const bandNegative = band.hashrateShareFraction * shareAbove;
    shareNegativeFraction += bandNegative;
    byBand.push({
      id: band.id,
      label: band.label,
      efficiencyJPerTh: band.efficiencyJPerTh,
      hashrateShareFraction: band.hashrateShareFraction,
      breakEvenPowerPriceUsdPerKwh: breakEven,
      shareAboveBreakEvenFraction: shareAbove,
      shareNegativeFraction: bandNegative,
      hashrateAtRiskHps: bandNegative * networkHashrateHps,
    });
  }
  shareNegativeFraction = clampFraction(shareNegativeFraction);
  const hashrateAtRiskHps = shareNegativeFraction * networkHashrateHps;
  return { shareNegativeFraction, hashrateAtRiskHps, hashrateAtRiskEhs: hpsToEhs(hashrateAtRiskHps), byBand };
}

/**
 * A power-price distribution moved to another median: every band edge scaled by
 * `medianUsdPerKwh / medianOf(bands)`, so the shape (the spread between cheap and dear power) is
 * kept and only its level changes. The first band's lower edge stays at zero if it was.
 */
export function scalePowerPrices(bands: readonly PowerPriceBand[], factor: number): PowerPriceBand[] {
  if (!(factor > 0)) throw new RangeError(`power-price scale factor must be positive, got ${factor}`);
  return bands.map((b) => ({ ...b, minUsdPerKwh: b.minUsdPerKwh * factor, maxUsdPerKwh: b.maxUsdPerKwh * factor }));
}

/** The power price under which half of the hashrate pays (linear inside a band). */
export function medianPowerPriceUsdPerKwh(bands: readonly PowerPriceBand[]): number {
  let below = 0;
  for (const b of bands) {
    if (below + b.hashrateShareFraction >= 0.5) {
      return b.minUsdPerKwh + ((0.5 - below) / b.hashrateShareFraction) * (b.maxUsdPerKwh - b.minUsdPerKwh);
    }
    below += b.hashrateShareFraction;
  }
  return bands.at(-1)?.maxUsdPerKwh ?? 0;
}

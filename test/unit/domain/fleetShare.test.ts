import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFleetMix } from '../../../shared/data/fleetMix';
import { loadPowerPrices } from '../../../shared/data/powerPrices';
import {
  fleetShareNegative,
  shareAbovePowerPrice,
  type FleetBand,
  type PowerPriceBand,
} from '../../../shared/domain/fleetShare';
import { ehsToHps } from '../../../shared/domain/units';

const fleetMix = loadFleetMix();
const powerPrices = loadPowerPrices();
/** About 1,020 EH/s: the network hashrate CoinShares reported for Q1 2026. */
const networkHashrateHps = ehsToHps(1020);

const shareAt = (hashpriceUsdPerPhDay: number, poolFeeFraction = 0.02) =>
  fleetShareNegative({ hashpriceUsdPerPhDay, networkHashrateHps, fleetMix, powerPrices, poolFeeFraction });

describe('fleet share negative: calibration on Q1 2026 conditions', () => {
  it('lands inside the published 15-20% of the fleet at a $29/PH/day hashprice (CoinShares Q1 2026)', () => {
    const withPoolFee = shareAt(29, 0.02);
    const withoutPoolFee = shareAt(29, 0);
    const at35 = shareAt(35);
    const at45 = shareAt(45);
    console.info(
      `fleet share negative (default data, 1,020 EH/s): $29 -> ${(withPoolFee.shareNegativeFraction * 100).toFixed(2)}% ` +
        `(${withPoolFee.hashrateAtRiskEhs.toFixed(1)} EH/s, 2% pool fee; ${(withoutPoolFee.shareNegativeFraction * 100).toFixed(2)}% with no fee), ` +
        `$35 -> ${(at35.shareNegativeFraction * 100).toFixed(2)}%, $45 -> ${(at45.shareNegativeFraction * 100).toFixed(2)}%`,
    );
    for (const result of [withPoolFee, withoutPoolFee]) {
      expect(result.shareNegativeFraction).toBeGreaterThanOrEqual(0.15);
      expect(result.shareNegativeFraction).toBeLessThanOrEqual(0.2);
    }
    // With hashprice back at the Q4 2025 $36-38 range, the share falls well under the warn level.
    expect(at35.shareNegativeFraction).toBeLessThan(0.15);
    expect(at45.shareNegativeFraction).toBeLessThan(at35.shareNegativeFraction);
  });

  it('puts the S19 XP-class band (22 J/TH) under water above about 5.6 c/kWh at $29, as docs/design.md §3 says', () => {
    const band = shareAt(29, 0).byBand.find((b) => b.id === '20to25');
    // 29 / 1000 / (22 x 0.024) = 0.0549 USD/kWh.
    expect(band?.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.0549, 4);
  });
});

describe('fleet share negative: arithmetic', () => {
  // Two generations and two power bands, small enough to do by hand.
  const fleet = {
    bands: [
      { id: 'new', label: 'new', efficiencyJPerTh: 20, hashrateShareFraction: 0.75 },
      { id: 'old', label: 'old', efficiencyJPerTh: 40, hashrateShareFraction: 0.25 },
    ],
  };
  const power = {
    bands: [
      { minUsdPerKwh: 0.02, maxUsdPerKwh: 0.04, hashrateShareFraction: 0.5 },
      { minUsdPerKwh: 0.04, maxUsdPerKwh: 0.08, hashrateShareFraction: 0.5 },
    ],
  };

  it('matches hand arithmetic at $48/PH/day with no pool fee', () => {
    // Break-even: new 48/1000/(20 x 0.024) = 0.1 USD/kWh (above every band: share above 0);
    // old 48/1000/(40 x 0.024) = 0.05 (inside the 4-8 c band: 0.5 x (0.08 - 0.05)/0.04 = 0.375).
    // Share negative = 0.75 x 0 + 0.25 x 0.375 = 0.09375.
    const result = fleetShareNegative({
      hashpriceUsdPerPhDay: 48,
      networkHashrateHps: ehsToHps(1000),
      fleetMix: fleet,
      powerPrices: power,
      poolFeeFraction: 0,
    });
    expect(result.byBand[0]?.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.1, 12);
    expect(result.byBand[1]?.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.05, 12);
    expect(result.byBand[1]?.shareAboveBreakEvenFraction).toBeCloseTo(0.375, 12);
    expect(result.shareNegativeFraction).toBeCloseTo(0.09375, 12);
    expect(result.hashrateAtRiskEhs).toBeCloseTo(93.75, 9);
    expect(result.byBand[1]?.hashrateAtRiskHps).toBeCloseTo(ehsToHps(93.75), -6);
  });

  it('counts the whole fleet when hashprice is zero or negative, and none when it is huge', () => {
    const at = (hashpriceUsdPerPhDay: number) =>
      fleetShareNegative({
        hashpriceUsdPerPhDay,
        networkHashrateHps: 1,
        fleetMix: fleet,
        powerPrices: power,
        poolFeeFraction: 0,
      }).shareNegativeFraction;
    expect(at(0)).toBe(1);
    expect(at(-5)).toBe(1);
    expect(at(10_000)).toBe(0);
  });

  it('interpolates linearly inside a power band', () => {
    expect(shareAbovePowerPrice(power.bands, 0.03)).toBeCloseTo(0.25 + 0.5, 12);
    expect(shareAbovePowerPrice(power.bands, 0.06)).toBeCloseTo(0.25, 12);
    expect(shareAbovePowerPrice(power.bands, 0.01)).toBe(1);
    expect(shareAbovePowerPrice(power.bands, 0.08)).toBe(0);
  });

  it('rejects a non-finite hashprice and a negative network hashrate', () => {
    expect(() =>
      fleetShareNegative({
        hashpriceUsdPerPhDay: Number.NaN,
        networkHashrateHps: 1,
        fleetMix: fleet,
        powerPrices: power,
        poolFeeFraction: 0,
      }),
    ).toThrow(/hashpriceUsdPerPhDay/);
    expect(() =>
      fleetShareNegative({
        hashpriceUsdPerPhDay: 30,
        networkHashrateHps: -1,
        fleetMix: fleet,
        powerPrices: power,
        poolFeeFraction: 0,
      }),
    ).toThrow(/networkHashrateHps/);
  });
});

/** Random normalized distributions: weights scaled to sum to 1. */
const normalized = (weights: number[]): number[] => {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
};
const fleetArb = fc
  .array(
    fc.record({
      efficiencyJPerTh: fc.double({ min: 5, max: 120, noNaN: true }),
      weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows): { bands: FleetBand[] } => {
    const shares = normalized(rows.map((r) => r.weight));
    return {
      bands: rows.map((r, i) => ({
        id: `b${i}`,
        label: `b${i}`,
        efficiencyJPerTh: r.efficiencyJPerTh,
        hashrateShareFraction: shares[i]!,
      })),
    };
  });
const powerArb = fc
  .array(
    fc.record({
      width: fc.double({ min: 0.001, max: 0.1, noNaN: true }),
      weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((rows): { bands: PowerPriceBand[] } => {
    const shares = normalized(rows.map((r) => r.weight));
    let lo = 0;
    return {
      bands: rows.map((r, i) => {
        const band = { minUsdPerKwh: lo, maxUsdPerKwh: lo + r.width, hashrateShareFraction: shares[i]! };
        lo += r.width;
        return band;
      }),
    };
  });
const hashpriceArb = fc.double({ min: 0, max: 500, noNaN: true });
const poolFeeArb = fc.double({ min: 0, max: 0.05, noNaN: true });

describe('fleet share negative: properties', () => {
  it('never rises as hashprice rises', () => {
    fc.assert(
      fc.property(
        fleetArb,
        powerArb,
        hashpriceArb,
        hashpriceArb,
        poolFeeArb,
        (fleetMix, powerPrices, a, b, poolFeeFraction) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const at = (h: number) =>
            fleetShareNegative({
              hashpriceUsdPerPhDay: h,
              networkHashrateHps: 1e21,
              fleetMix,
              powerPrices,
              poolFeeFraction,
            }).shareNegativeFraction;
          return at(high) <= at(low) + 1e-12;
        },
      ),
    );
  });

  it('stays in [0, 1] and never puts more hashrate at risk than the network has', () => {
    fc.assert(
      fc.property(
        fleetArb,
        powerArb,
        hashpriceArb,
        fc.double({ min: 0, max: 1e23, noNaN: true }),
        poolFeeArb,
        (fleetMix, powerPrices, h, networkHashrateHps, poolFeeFraction) => {
          const result = fleetShareNegative({
            hashpriceUsdPerPhDay: h,
            networkHashrateHps,
            fleetMix,
            powerPrices,
            poolFeeFraction,
          });
          return (
            result.shareNegativeFraction >= 0 &&
            result.shareNegativeFraction <= 1 &&
            result.hashrateAtRiskHps <= networkHashrateHps &&
            result.hashrateAtRiskEhs <= networkHashrateHps / 1e18
          );
        },
      ),
    );
  });

  it('with the default data, falls as hashprice rises from $10 to $100', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        (h, step) => {
          return shareAt(h + step).shareNegativeFraction <= shareAt(h).shareNegativeFraction;
        },
      ),
    );
  });
});

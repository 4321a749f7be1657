/**
 * The fleet share as a band: the central case with the range of the low and high power-price
 * cases. Checked on the calibration fleet (February 2026) and as properties over random markets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledFleetMix, bundledMachineCatalog, bundledPowerPrices } from '../../../shared/data/bundledData';
import { loadFleetHistory } from '../../../shared/data/fleetHistory';
import { parsePowerPrices } from '../../../shared/data/powerPrices';
import { computeProfitability } from '../../../shared/domain/profitability';
import { fleetShareNegative } from '../../../shared/domain/fleetShare';
import { fleetShareBandOf, fleetShareNegativeBand } from '../../../shared/domain/fleetShareBand';
import { ehsToHps } from '../../../shared/domain/units';

const base = {
  networkHashrateHps: ehsToHps(1020),
  fleetMix: bundledFleetMix,
  powerPrices: bundledPowerPrices,
  poolFeeFraction: 0.02,
};

describe('fleet share band', () => {
  it('has the central case as its centre and the point figure as that centre', () => {
    const input = { ...base, hashpriceUsdPerPhDay: 29 };
    const band = fleetShareNegativeBand(input, { low: 0.037 / 0.042, high: 0.05 / 0.042 });
    expect(band.centralFraction).toBe(fleetShareNegative(input).shareNegativeFraction);
    // Dearer power puts more of the fleet under water, cheaper power less: a real band at $29.
    expect(band.lowFraction).toBeLessThan(band.centralFraction);
    expect(band.highFraction).toBeGreaterThan(band.centralFraction);
    expect(band.highFraction - band.lowFraction).toBeGreaterThan(0.05);
  });

  it('collapses to the point when the cases agree', () => {
    const input = { ...base, hashpriceUsdPerPhDay: 41 };
    const band = fleetShareNegativeBand(input, { low: 1, high: 1 });
    expect(band.lowFraction).toBe(band.centralFraction);
    expect(band.highFraction).toBe(band.centralFraction);
  });

  it('always holds its centre, for any market and any case factors', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 400, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (hashpriceUsdPerPhDay, low, high) => {
          const band = fleetShareNegativeBand({ ...base, hashpriceUsdPerPhDay }, { low, high });
          expect(band.lowFraction).toBeLessThanOrEqual(band.centralFraction);
          expect(band.centralFraction).toBeLessThanOrEqual(band.highFraction);
          expect(band.lowFraction).toBeGreaterThanOrEqual(0);
          expect(band.highFraction).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('takes the range of three cases whose own fleets order them otherwise', () => {
    // Cheaper power can keep older machines running (the model's exits): the low case's share may exceed the central's.
    expect(fleetShareBandOf({ low: 0.3, central: 0.25, high: 0.4 })).toEqual({
      centralFraction: 0.25,
      lowFraction: 0.25,
      highFraction: 0.4,
    });
  });
});

describe("the live compute's band (powerPrices.json's cases)", () => {
  it('are the fleet history cases of the distribution year, so the live band and the backtest band read the same figures', () => {
    const year = Number(bundledPowerPrices.asOf.slice(0, 4));
    const row = loadFleetHistory().powerPriceByYear.find((r) => r.year === year)!;
    expect(bundledPowerPrices.cases.low.medianUsdPerKwh).toBe(row.lowUsdPerKwh);
    expect(bundledPowerPrices.cases.high.medianUsdPerKwh).toBe(row.highUsdPerKwh);
  });

  it('refuses a low case above the bands median, naming the field', () => {
    const raw = structuredClone(bundledPowerPrices) as { cases: { low: { medianUsdPerKwh: number } } };
    raw.cases.low.medianUsdPerKwh = 0.09;
    expect(() => parsePowerPrices(raw)).toThrow(/cases\.low\.medianUsdPerKwh[^]*must not exceed the bands' median/);
  });

  it('comes with every profitability result, around its point figure', () => {
    const result = computeProfitability({
      market: {
        btcPriceUsd: 66_000,
        difficulty: 1.45e14,
        subsidyBtc: 3.125,
        feesBtcPerBlock: 0.03,
        networkHashrateHps: ehsToHps(1020),
      },
      catalog: bundledMachineCatalog,
      fleetMix: bundledFleetMix,
      powerPrices: bundledPowerPrices,
      ownerFleets: [],
      poolFeeFraction: 0.02,
    });
    const band = result.fleetShareBand!;
    expect(band.centralFraction).toBe(result.fleetShare.shareNegativeFraction);
    expect(band.lowFraction).toBeLessThan(band.centralFraction);
    expect(band.highFraction).toBeGreaterThan(band.centralFraction);
    // Without cases (the backtest's dated prices), no band: the backtest takes it from its model runs.
    expect(
      computeProfitability({
        market: {
          btcPriceUsd: 66_000,
          difficulty: 1.45e14,
          subsidyBtc: 3.125,
          feesBtcPerBlock: 0.03,
          networkHashrateHps: ehsToHps(1020),
        },
        catalog: bundledMachineCatalog,
        fleetMix: bundledFleetMix,
        powerPrices: { bands: bundledPowerPrices.bands },
        ownerFleets: [],
        poolFeeFraction: 0.02,
      }).fleetShareBand,
    ).toBeUndefined();
  });
});

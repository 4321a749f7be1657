import { describe, expect, it } from 'vitest';
import { runProjection, type ProjectionStart } from '../../../../shared/domain/projection/closedLoop';
import {
  bootstrapPricePath,
  fixedPricePath,
  lognormalPricePath,
} from '../../../../shared/domain/projection/pricePaths';
import { underwaterCurve } from '../../../../shared/domain/projection/underwaterCurve';
import { HASHES_PER_DIFFICULTY_UNIT } from '../../../../shared/domain/units';

const difficulty = 125e12;
const start: ProjectionStart = {
  dateMs: Date.parse('2026-07-01T00:00:00Z'),
  tipHeight: 957_000,
  difficulty,
  epochStartHeight: 955_584,
  epochStartSec: Date.parse('2026-06-21T00:00:00Z') / 1000,
  hashrateHps: (difficulty * HASHES_PER_DIFFICULTY_UNIT) / 600,
  btcPriceUsd: 60_000,
  feesBtcPerBlock: 0.02,
};
// Half the fleet at 15 J/TH, half at 30 J/TH; everyone pays 5 c/kWh (break-evens 18 and 36 $/PH/day).
const curve = underwaterCurve({
  fleetMix: {
    bands: [
      { id: 'new', label: 'new', efficiencyJPerTh: 15, hashrateShareFraction: 0.5 },
      { id: 'old', label: 'old', efficiencyJPerTh: 30, hashrateShareFraction: 0.5 },
    ],
  },
  powerPrices: { bands: [{ minUsdPerKwh: 0.0499, maxUsdPerKwh: 0.0501, hashrateShareFraction: 1 }] },
  poolFeeFraction: 0,
});
const response = { responsiveFraction: 1, lagDays: 7 };

function constantPrice(usd: number, days: number) {
  return fixedPricePath(new Float64Array(days).fill(usd));
}

describe('runProjection: the fleet answers the price', () => {
  it('keeps every machine on while all of them pay, and capacity grows at the supply rate', () => {
    const out = runProjection({
      start: { ...start, btcPriceUsd: 200_000 },
      horizonDays: 100,
      prices: constantPrice(200_000, 100),
      curve,
      response,
      supplyGrowthPerDay: 0.001,
    });
    expect(out.figures.fleetShareNegativePct.p50[0]).toBe(0);
    expect(out.figures.hashrateEhs.p50[99]! / out.figures.hashrateEhs.p50[0]!).toBeCloseTo(1.001 ** 99, 9);
    // Hashrate above the difficulty's: every retarget goes up.
    expect(out.figures.difficultyAtStart.p50[99]).toBeGreaterThan(difficulty);
  });

  it('switches the old half off after a crash, then difficulty falls, then the old half comes back', () => {
    // About $32/PH/day at $60k: the old half (36) is under water, the new half (18) is not.
    const out = runProjection({
      start: { ...start, btcPriceUsd: 200_000 },
      horizonDays: 200,
      prices: constantPrice(60_000, 200),
      curve,
      response,
      supplyGrowthPerDay: 0,
    });
    const ehs = out.figures.hashrateEhs.p50;
    expect(ehs[60]! / ehs[0]!).toBeLessThan(0.6);
    // The slow epochs retarget down (one epoch at half the hashrate takes four weeks).
    const d = out.figures.difficultyAtStart.p50;
    expect(Math.min(...d) / difficulty).toBeLessThan(0.7);
    // Lower difficulty lifts hashprice back over the old machines' break-even: they return (and the
    // loop may swing on, as 2016-block retargets lag the fleet).
    expect(Math.max(...ehs.slice(61))).toBeGreaterThan(ehs[60]! * 1.3);
  });

  it('gives identical answers for the same seed and different ones for another', () => {
    const mc = (seed: number) =>
      runProjection({
        start,
        horizonDays: 60,
        prices: lognormalPricePath({
          startPriceUsd: 60_000,
          annualVolatilityPct: 60,
          annualDriftPct: 0,
          paths: 200,
          seed,
        }),
        curve,
        response,
        supplyGrowthPerDay: 0.001,
        ownerBreakEvenHashpriceUsdPerPhDay: 30,
        recoveryLevelUsdPerPhDay: 40,
      });
    const a = mc(7);
    const b = mc(7);
    expect(a.figures.hashpriceUsdPerPhDay.p10).toEqual(b.figures.hashpriceUsdPerPhDay.p10);
    expect(a.ownerNegativeProbabilityByMonth).toEqual(b.ownerNegativeProbabilityByMonth);
    expect(a.recovery).toEqual(b.recovery);
    expect(mc(8).figures.hashpriceUsdPerPhDay.p10).not.toEqual(a.figures.hashpriceUsdPerPhDay.p10);
    const p = a.figures.hashpriceUsdPerPhDay;
    expect(p.p10[59]).toBeLessThan(p.p50[59]!);
    expect(p.p50[59]).toBeLessThan(p.p90[59]!);
    expect(a.ownerNegativeProbabilityByMonth).toHaveLength(2);
  });

  it('bootstraps from the window it is given, re-centred: a window of +1% days does not trend', () => {
    const returns = Float64Array.from({ length: 100 }, (_, i) => 0.01 + (i % 2 === 0 ? 0.02 : -0.02));
    const prices = bootstrapPricePath({ startPriceUsd: 50_000, logReturns: returns, paths: 2000, seed: 1 });
    const out = runProjection({ start, horizonDays: 91, prices, curve, response, supplyGrowthPerDay: 0 });
    expect(out.figures.btcPriceUsd.p50[90]! / 50_000).toBeGreaterThan(0.95);
    expect(out.figures.btcPriceUsd.p50[90]! / 50_000).toBeLessThan(1.05);
  });
});

import { describe, expect, it } from 'vitest';
import { runProjection } from '../../../../shared/domain/projection/closedLoop';
import { fixedPricePath, lognormalPricePath } from '../../../../shared/domain/projection/pricePaths';
import { projectionRows } from '../../../../shared/domain/projection/projectionRows';
import { underwaterCurve } from '../../../../shared/domain/projection/underwaterCurve';

const start = {
  dateMs: Date.parse('2026-07-01T00:00:00Z'),
  tipHeight: 957_000,
  difficulty: 125e12,
  epochStartHeight: 955_584,
  epochStartSec: Date.parse('2026-06-21T00:00:00Z') / 1000,
  hashrateHps: 900e18,
  btcPriceUsd: 60_000,
  feesBtcPerBlock: 0.02,
};
const curve = underwaterCurve({
  fleetMix: { bands: [{ id: 'a', label: 'a', efficiencyJPerTh: 20, hashrateShareFraction: 1 }] },
  powerPrices: { bands: [{ minUsdPerKwh: 0.03, maxUsdPerKwh: 0.08, hashrateShareFraction: 1 }] },
  poolFeeFraction: 0.02,
});
const common = {
  start,
  horizonDays: 3,
  curve,
  response: { responsiveFraction: 1, lagDays: 14 },
  supplyGrowthPerDay: 0,
};

describe('projectionRows', () => {
  it("keeps the calculator's row names and adds hashrateEhs and fleetShareNegativePct", () => {
    const rows = projectionRows(
      runProjection({ ...common, prices: fixedPricePath(new Float64Array([60_000, 61_000, 62_000])) }),
      start.dateMs,
    );
    expect(rows.map((r) => r.date)).toEqual(['2026-07-01', '2026-07-02', '2026-07-03']);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      [
        'btcPriceUsd',
        'date',
        'day',
        'difficultyAtStart',
        'fleetShareNegativePct',
        'hashpriceUsdPerPhDay',
        'hashrateEhs',
        'heightAtStart',
      ].sort(),
    );
    expect(rows[1]!.btcPriceUsd).toBe(61_000);
  });

  it('puts <name>P10 and <name>P90 beside each p50 figure with Monte Carlo', () => {
    const prices = lognormalPricePath({
      startPriceUsd: 60_000,
      annualVolatilityPct: 60,
      annualDriftPct: 0,
      paths: 50,
      seed: 3,
    });
    const [, row] = projectionRows(runProjection({ ...common, prices }), start.dateMs);
    for (const name of [
      'btcPriceUsd',
      'difficultyAtStart',
      'hashrateEhs',
      'hashpriceUsdPerPhDay',
      'fleetShareNegativePct',
    ]) {
      expect(row![`${name}P10`] as number).toBeLessThanOrEqual(row![name] as number);
      expect(row![`${name}P90`] as number).toBeGreaterThanOrEqual(row![name] as number);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { costToProduceBtc, depreciationUsdPerDay } from '../../../shared/domain/productionCost';

describe('costToProduceBtc', () => {
  it('energy, cash and all-in cost per BTC match hand arithmetic', () => {
    // Prepare (by hand): 0.05 BTC/day; power $3,000/day -> $60,000/BTC; + hosting $500 -> $70,000/BTC;
    // + $1,095,000 capex over 1,095 days ($1,000/day) + $200 overhead -> $4,700/day / 0.05 = $94,000/BTC
    const input = {
      btcMinedPerDay: 0.05,
      powerCostUsdPerDay: 3000,
      hostingOpexUsdPerDay: 500,
      capexUsd: 1_095_000,
      usefulLifeDays: 1095,
      overheadUsdPerDay: 200,
    };

    // Act
    const cost = costToProduceBtc(input);

    // Assess
    expect(cost.energyUsdPerBtc).toBeCloseTo(60_000, 6);
    expect(cost.cashUsdPerBtc).toBeCloseTo(70_000, 6);
    expect(cost.allInUsdPerBtc).toBeCloseTo(94_000, 6);
  });

  it('a fleet that mines nothing produces no BTC at any cost', () => {
    const cost = costToProduceBtc({
      btcMinedPerDay: 0,
      powerCostUsdPerDay: 10,
      hostingOpexUsdPerDay: 0,
      capexUsd: 0,
      usefulLifeDays: 1,
      overheadUsdPerDay: 0,
    });
    expect(cost.allInUsdPerBtc).toBe(Number.POSITIVE_INFINITY);
  });

  it('depreciates straight-line and rejects a non-positive life', () => {
    expect(depreciationUsdPerDay(3650, 365)).toBe(10);
    expect(() => depreciationUsdPerDay(1, 0)).toThrow(RangeError);
  });
});

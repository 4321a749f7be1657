import { describe, expect, it } from 'vitest';
import { loadProfitabilityReference } from '../../../shared/compute/profitabilityReference';
import { buildProfitabilityRecord } from '../../../shared/compute/profitabilityRecord';
import { profitabilityRecordSchema } from '../../../shared/store/profitabilityRecord';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { snapshotAt } from '../../support/networkSnapshotItem';

// docs/design.md §3 check: D = 148.2e12, price 74,500, reward 3.15 BTC -> about $31.85/PH/day.
const snapshot = snapshotAt('2026-03-01T00:00:00.000Z', {
  observedAt: '2026-03-01T00:00:40.000Z',
  tipHeight: 938_000,
  difficulty: 148.2e12,
  hashrateHps: 1.06e21,
  btcPriceUsd: 74_500,
  fiatPrices: {},
  feesBtcPerBlock: 0.025,
  feeWindowBlocks: 144,
  subsidyBtc: 3.125,
  epochProgress: {
    epoch: 465,
    startHeight: 937_440,
    progressPct: 27.8,
    remainingBlocks: 1456,
    estimatedChangePct: -2.1,
    estimatedRetargetAt: '2026-03-11T00:00:00.000Z',
    previousChangePct: 14.7,
  },
  sources: {},
  flags: [],
});

describe('profitability record', () => {
  const config = parseComputeConfig({
    fleets: [
      {
        name: 'S19 XP fleet',
        machines: [{ model: 'S19 XP', count: 100 }],
        powerPriceUsdPerKwh: 0.062,
        poolFeePct: 0,
        uptimePct: 100,
        capexUsd: 365_250,
        usefulLifeYears: 1,
      },
      { name: 'Switched off', machines: [{ model: 'S21', count: 10 }], powerPriceUsdPerKwh: 0.05, uptimePct: 0 },
    ],
  });
  const reference = loadProfitabilityReference(config);

  it('prices hashprice, a fleet and its cost per BTC by the formulas of docs/design.md §3', () => {
    const { record } = buildProfitabilityRecord({ snapshot, daily: [], epochs: [], reference });
    expect(record.hashprice.expectedUsdPerPhDay).toBeCloseTo(31.85, 1);
    const hp = (74_500 * 3.15 * 86_400 * 1e15) / (148.2e12 * 2 ** 32);
    const fleet = record.ownerFleets[0]!;
    // 100 x 140 TH/s = 14 PH/s earning hp a day each; 100 x 3,010 W x 24 h at $0.062.
    expect(fleet.revenueUsdPerDay).toBeCloseTo(14 * hp, 6);
    expect(fleet.powerCostUsdPerDay).toBeCloseTo(301 * 24 * 0.062, 6);
    expect(fleet.breakEvenPowerPriceUsdPerKwh!).toBeCloseTo(hp / 1000 / (21.5 * 0.024), 9);
    // All-in adds capex over its life: $365,250 over 365.25 days = $1,000 a day.
    const btcPerDay = (14 * hp) / 74_500;
    expect(fleet.energyUsdPerBtc!).toBeCloseTo((301 * 24 * 0.062) / btcPerDay, 4);
    expect(fleet.allInUsdPerBtc!).toBeCloseTo((301 * 24 * 0.062 + 1000) / btcPerDay, 4);
  });

  it('stores null where the domain gives infinity, and no indicators without history', () => {
    const { record } = buildProfitabilityRecord({ snapshot, daily: [], epochs: [], reference });
    const off = record.ownerFleets[1]!;
    expect(off.revenueUsdPerDay).toBe(0);
    expect(off.energyUsdPerBtc).toBeNull();
    expect(off.allInUsdPerBtc).toBeNull();
    expect(off.breakEvenBtcPriceUsd).toBeNull();
    expect(record.hashprice.realized).toBeNull();
    expect(record.indicators).toMatchObject({ hashRibbon: null, puell: null, difficultyStreak: null });
    expect(record.indicators.projectedAdjustment.estimatedChangePct).toBe(-2.1);
    expect(profitabilityRecordSchema.parse(record)).toEqual(record);
  });
});

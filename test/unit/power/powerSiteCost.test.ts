/**
 * The arithmetic of `BENCH monthly-cost-one-ercot-site` (infra/cost/monthlyCost.ts,
 * powerSiteMonthlyCost): what the site's own metrics and alarm cost once the base deployment has
 * used CloudWatch's free allowances, what stays inside X-Ray's and KMS's, and the usage lines
 * from the measured inputs. The inputs here are round numbers, not the bench's measurements.
 */
import { describe, expect, it } from 'vitest';
import { powerSiteMonthlyCost, type CostInputs, type PowerSiteCostInputs } from '../../../infra/cost/monthlyCost';

const base: CostInputs = {
  scheduleRateMinutes: 10,
  ingestMemoryMb: 512,
  computeMemoryMb: 512,
  drainRateMinutes: 5,
  customMetrics: 10,
  alarms: 11,
  dashboards: 1,
  customerManagedKeys: 0,
  keyRotationsBilled: 0,
  cloudWatchFreeTier: true,
};
const inputs: PowerSiteCostInputs = {
  base,
  roundsPerMonth: 8640,
  powerMemoryMb: 256,
  roundSeconds: 4,
  initSeconds: 3,
  coldStartsPerMonth: 720,
  intervalsPerDay: 120,
  readUnitsPerRound: 2,
  itemBytes: 332,
  retentionDays: 400,
  logBytesPerRound: 1200,
  metrics: 2,
  alarms: 1,
  parametersPerColdStart: 3,
};
const line = (cost: ReturnType<typeof powerSiteMonthlyCost>, item: string) =>
  cost.lines.find((l) => l.item === `power: ${item}`)!.usdPerMonth;

describe('powerSiteMonthlyCost', () => {
  it('bills the site’s two metrics and its alarm in full: the base deployment already uses the free ones', () => {
    const cost = powerSiteMonthlyCost(inputs);
    expect(line(cost, 'CloudWatch custom metrics')).toBeCloseTo(0.6, 10);
    expect(line(cost, 'CloudWatch alarms')).toBeCloseTo(0.1, 10);
    // 12,240 traces beside the base's 17,280: inside the 100,000 free; 2,160 decrypts inside the 20,000.
    expect(line(cost, 'X-Ray traces')).toBe(0);
    expect(line(cost, 'SSM + KMS (secrets)')).toBe(0);
  });

  it('counts the usage from the inputs: GB-s of both functions, writes of prices and compute runs', () => {
    const cost = powerSiteMonthlyCost(inputs);
    // (8,640 x 4 s + 720 x 3 s) x 0.25 GB + 3,600 x 1 s x 0.5 GB = 10,980 GB-s.
    expect(line(cost, 'Lambda compute (Arm)')).toBeCloseTo(10_980 * 0.0000133334, 8);
    // 3,600 prices x 1 WRU + 3,600 compute runs x 14.
    expect(line(cost, 'DynamoDB writes')).toBeCloseTo((54_000 / 1e6) * 0.625, 10);
    expect(cost.totalUsd).toBeCloseTo(
      cost.lines.reduce((sum, l) => sum + l.usdPerMonth, 0),
      10,
    );
  });

  it('without the free allowances, the traces and the decrypts are billed too', () => {
    const cost = powerSiteMonthlyCost({ ...inputs, base: { ...base, cloudWatchFreeTier: false } });
    expect(line(cost, 'X-Ray traces')).toBeCloseTo((12_240 / 1e6) * 5, 10);
    expect(line(cost, 'SSM + KMS (secrets)')).toBeCloseTo((2_160 / 1e4) * 0.03, 10);
  });
});

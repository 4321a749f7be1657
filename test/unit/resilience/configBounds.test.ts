/**
 * Issue #15, defect 10: config numbers that DynamoDB cannot store (or that make every figure
 * derived from them unstorable) are refused at parse time, naming the field, instead of making
 * every compute fail at its write.
 */
import { describe, expect, it } from 'vitest';
import { parseComputeConfig } from '../../../shared/config/computeConfig';

const fleet = (over: Record<string, unknown>, machine: Record<string, unknown> = {}) => ({
  fleets: [
    {
      name: 'F',
      machines: [{ name: 'custom', hashrateThs: 200, powerWatts: 3500, count: 10, ...machine }],
      powerPriceUsdPerKwh: 0.05,
      ...over,
    },
  ],
});

describe('config numbers within storable bounds (issue #15, defect 10)', () => {
  it('refuses a hashrate of 1e-320 TH/s and a capex of 1e300 USD, naming the field', () => {
    expect(() => parseComputeConfig(fleet({}, { hashrateThs: 1e-320 }))).toThrow(/fleets\.0\.machines\.0\.hashrateThs/);
    expect(() => parseComputeConfig(fleet({ capexUsd: 1e300 }))).toThrow(/fleets\.0\.capexUsd/);
    expect(() => parseComputeConfig(fleet({ overheadUsdPerDay: 1e200 }))).toThrow(/fleets\.0\.overheadUsdPerDay/);
    expect(() => parseComputeConfig(fleet({ hostingOpexUsdPerMachinePerDay: 1e150 }))).toThrow(
      /hostingOpexUsdPerMachinePerDay/,
    );
    expect(() => parseComputeConfig(fleet({}, { count: 1e300 }))).toThrow(/fleets\.0\.machines\.0\.count/);
    expect(() => parseComputeConfig({ signals: { 'price-level': { levelsUsd: [1e-200] } } })).toThrow(
      /signals\.price-level\.levelsUsd\.0/,
    );
  });
  it('still accepts every realistic fleet', () => {
    expect(() =>
      parseComputeConfig(fleet({ capexUsd: 2.5e9, overheadUsdPerDay: 1e6 }, { hashrateThs: 0.01 })),
    ).not.toThrow();
  });
});

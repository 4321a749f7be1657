import { describe, expect, it } from 'vitest';
import { computeConfigFromEnv, parseComputeConfig, ComputeConfigError } from '../../../shared/config/computeConfig';

describe('compute config', () => {
  it('defaults to the thresholds of docs/design.md §4', () => {
    const { signals, fleets } = parseComputeConfig({});
    expect(signals['difficulty-negative-streak']).toMatchObject({ warningStreak: 2, criticalStreak: 3 });
    expect(signals['hashprice-floor']).toMatchObject({ floorUsdPerPhDay: 30 });
    expect(signals['fleet-share-negative']).toMatchObject({ warningPct: 15, criticalPct: 20 });
    expect(signals['price-level'].levelsUsd).toEqual([74_500]);
    expect(fleets).toEqual([]);
  });

  it('reads JSON from HASHWATCH_COMPUTE_CONFIG and fills defaults around what is given', () => {
    const config = computeConfigFromEnv({
      HASHWATCH_COMPUTE_CONFIG: JSON.stringify({
        signals: { 'price-level': { levelsUsd: [60000, 70000] } },
        fleets: [{ name: 'Texas S19', machines: [{ model: 'S19 XP', count: 100 }], powerPriceUsdPerKwh: 0.062 }],
      }),
    });
    expect(config.signals['price-level']).toMatchObject({ levelsUsd: [60000, 70000], hysteresisPct: 2 });
    expect(config.fleets[0]).toMatchObject({ name: 'Texas S19', poolFeePct: 2, uptimePct: 97, usefulLifeYears: 4 });
    expect(computeConfigFromEnv({})).toEqual(parseComputeConfig({}));
  });

  it('names the bad field', () => {
    const bad = () =>
      parseComputeConfig({ fleets: [{ name: 'A', machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: -1 }] });
    expect(bad).toThrow(ComputeConfigError);
    expect(bad).toThrow(/fleets\.0\.powerPriceUsdPerKwh/);
    expect(() =>
      parseComputeConfig({ signals: { 'difficulty-negative-streak': { warningStreak: 3, criticalStreak: 2 } } }),
    ).toThrow(/signals\.difficulty-negative-streak\.criticalStreak/);
    expect(() => computeConfigFromEnv({ HASHWATCH_COMPUTE_CONFIG: '{not json' })).toThrow(
      /HASHWATCH_COMPUTE_CONFIG is not valid JSON/,
    );
  });

  describe('refuses a misspelt key at every level, naming it and the nearest valid one', () => {
    const fleet = { name: 'A', machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 };
    it.each([
      ['fleet for fleets', { fleet: [fleet] }, 'fleet: unknown field; did you mean "fleets"?'],
      [
        'poolFee for poolFeePct',
        { fleets: [{ ...fleet, poolFee: 2 }] },
        'fleets.0.poolFee: unknown field; did you mean "poolFeePct"?',
      ],
      [
        'a misspelt signal id',
        { signals: { 'hashprice-flor': { floorUsdPerPhDay: 40 } } },
        'signals.hashprice-flor: unknown field; did you mean "hashprice-floor"?',
      ],
      [
        'floor for floorUsdPerPhDay',
        { signals: { 'hashprice-floor': { floor: 40 } } },
        'signals.hashprice-floor.floor: unknown field; did you mean "floorUsdPerPhDay"?',
      ],
      [
        'a misspelt key in a custom machine line',
        {
          fleets: [{ ...fleet, machines: [{ name: 'X', hashrateThs: 100, powerWatts: 3000, count: 1, hashrate: 1 }] }],
        },
        'fleets.0.machines.0.hashrate: unknown field; did you mean "hashrateThs"?',
      ],
      [
        'an unrelated key (the known ones are listed)',
        { colour: 'blue' },
        'colour: unknown field; known fields: signals, fleets, sites, globalFleetPoolFeePct, currency, profitabilityRetentionDays',
      ],
    ])('%s', (_name, config, message) => {
      expect(() => parseComputeConfig(config)).toThrow(ComputeConfigError);
      expect(() => parseComputeConfig(config)).toThrow(`invalid compute config: ${message}`);
      expect(() => computeConfigFromEnv({ HASHWATCH_COMPUTE_CONFIG: JSON.stringify(config) })).toThrow(message);
    });
  });
});

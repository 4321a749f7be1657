import { describe, expect, it } from 'vitest';
import {
  aggregateIntoBands,
  fleetOnDate,
  fleetOverTime,
  generationsOnSale,
  nextMonth,
  type FleetGeneration,
  type FleetOverTimeInput,
  type MonthlyNetwork,
} from '../../../shared/domain/fleetOverTime';
import { medianPowerPriceUsdPerKwh, scalePowerPrices } from '../../../shared/domain/fleetShare';
import { ehsToHps } from '../../../shared/domain/units';

const legacy: FleetGeneration = { id: 'legacy', label: 'legacy', efficiencyJPerTh: 100, releaseYear: 2015 };
const gen2016: FleetGeneration = { id: 'a', label: 'A', efficiencyJPerTh: 50, releaseYear: 2016 };
const gen2017: FleetGeneration = { id: 'b', label: 'B', efficiencyJPerTh: 25, releaseYear: 2017 };
/** All hashrate pays 5-6 c/kWh, evenly. */
const power = [{ minUsdPerKwh: 0.05, maxUsdPerKwh: 0.06, hashrateShareFraction: 1 }];

const months = (rows: [string, number, number][]): MonthlyNetwork[] =>
  rows.map(([month, ehs, hashpriceUsdPerPhDay]) => ({ month, hashrateHps: ehsToHps(ehs), hashpriceUsdPerPhDay }));

const input = (over: Partial<FleetOverTimeInput> = {}): FleetOverTimeInput => ({
  generations: [gen2016, gen2017],
  legacy,
  months: months([
    ['2016-11', 10, 1000],
    ['2016-12', 20, 1000],
  ]),
  powerPricesForYear: () => power,
  parameters: { lifetimeYears: 5, exitFractionPerMonth: 0.5, onSaleYears: 1, poolFeeFraction: 0 },
  ...over,
});

describe('fleet over time: one month at a time', () => {
  it("adds the month's growth from the machines on sale and keeps the older hashrate", () => {
    // 10 EH/s of legacy at the start; 20 EH/s in December: the 10 EH/s added are the 2016 model's.
    const fleet = fleetOverTime(input());
    expect(fleet.months.map((m) => m.month)).toEqual(['2017-01']);
    const bands = fleet.months[0]!.bands;
    expect(bands.map((b) => [b.id, b.hashrateShareFraction])).toEqual([
      ['a', 0.5],
      ['legacy', 0.5],
    ]);
    expect(fleet.months[0]!.meanEfficiencyJPerTh).toBeCloseTo(75, 9);
  });

  it('switches off the least efficient first when the hashrate falls', () => {
    const fleet = fleetOverTime(
      input({
        months: months([
          ['2016-11', 10, 1000],
          ['2016-12', 20, 1000],
          ['2017-01', 15, 1000],
        ]),
      }),
    );
    // January: 15 EH/s run; the 5 EH/s that stopped are legacy (100 J/TH), not the 50 J/TH model.
    expect(fleet.months[1]!.bands.map((b) => [b.id, b.hashrateShareFraction])).toEqual([
      ['a', 10 / 15],
      ['legacy', 5 / 15],
    ]);
  });

  it('retires underwater machines at the exit rate and replaces them with the models on sale', () => {
    // At $100/PH/day the legacy machine (100 J/TH = 2.4 kWh/TH/day) breaks even at 4.2 c/kWh: all of
    // it pays more (5-6 c), so half of it leaves; the 2016 model breaks even at 8.3 c and stays.
    const fleet = fleetOverTime(
      input({
        months: months([
          ['2016-11', 10, 100],
          ['2016-12', 10, 100],
        ]),
      }),
    );
    expect(fleet.months[0]!.bands.map((b) => [b.id, b.hashrateShareFraction])).toEqual([
      ['a', 0.5],
      ['legacy', 0.5],
    ]);
  });

  it('retires machines at the end of their life whatever they earn', () => {
    const rows: [string, number, number][] = [];
    let m = '2016-01';
    for (let i = 0; i < 14; i += 1) {
      rows.push([m, 10, 1000]);
      m = nextMonth(m);
    }
    const fleet = fleetOverTime(
      input({
        months: months(rows),
        parameters: { lifetimeYears: 1, exitFractionPerMonth: 0, onSaleYears: 1, poolFeeFraction: 0 },
      }),
    );
    // The legacy seed of 2016-01 reaches 12 months in 2017-01: by 2017-02 none of it is left.
    expect(fleetOnDate(fleet, '2016-12-15')!.bands.map((b) => b.id)).toEqual(['legacy']);
    expect(fleetOnDate(fleet, '2017-02-15')!.bands.map((b) => b.id)).toEqual(['b']);
  });

  it('refuses months that are not consecutive, and bad parameters, naming them', () => {
    expect(() =>
      fleetOverTime(
        input({
          months: months([
            ['2016-11', 10, 1000],
            ['2017-01', 10, 1000],
          ]),
        }),
      ),
    ).toThrow(/months\[1\] \(2017-01\) does not follow 2016-11/);
    expect(() =>
      fleetOverTime(
        input({ parameters: { lifetimeYears: 0, exitFractionPerMonth: 0, onSaleYears: 1, poolFeeFraction: 0 } }),
      ),
    ).toThrow(/lifetimeYears/);
  });
});

describe('fleet over time: helpers', () => {
  it('puts on sale the models of the latest release years up to the year, or none before the first', () => {
    expect(generationsOnSale([gen2016, gen2017], 2015, 2)).toEqual([]);
    expect(generationsOnSale([gen2016, gen2017], 2016, 2)).toEqual([gen2016]);
    expect(generationsOnSale([gen2016, gen2017], 2019, 1)).toEqual([gen2017]);
    expect(generationsOnSale([gen2016, gen2017], 2019, 2)).toEqual([gen2016, gen2017]);
  });

  it('moves a power-price distribution to another median, keeping its shape', () => {
    const bands = [
      { minUsdPerKwh: 0, maxUsdPerKwh: 0.04, hashrateShareFraction: 0.5 },
      { minUsdPerKwh: 0.04, maxUsdPerKwh: 0.1, hashrateShareFraction: 0.5 },
    ];
    expect(medianPowerPriceUsdPerKwh(bands)).toBeCloseTo(0.04, 12);
    const scaled = scalePowerPrices(bands, 1.5);
    expect(medianPowerPriceUsdPerKwh(scaled)).toBeCloseTo(0.06, 12);
    expect(scaled[1]!.maxUsdPerKwh).toBeCloseTo(0.15, 12);
  });

  it('sums a fleet month into efficiency bands, share-weighting their efficiency', () => {
    const month = {
      month: '2020-01',
      meanEfficiencyJPerTh: 0,
      bands: [
        { id: 'x', label: 'x', efficiencyJPerTh: 15, hashrateShareFraction: 0.25 },
        { id: 'y', label: 'y', efficiencyJPerTh: 17, hashrateShareFraction: 0.25 },
        { id: 'z', label: 'z', efficiencyJPerTh: 30, hashrateShareFraction: 0.5 },
      ],
    };
    const bands = aggregateIntoBands(month, [
      { id: 'le17', label: '<= 17', maxJPerTh: 17 },
      { id: '17to25', label: '17-25', minJPerTh: 17, maxJPerTh: 25 },
      { id: 'gt25', label: '> 25', minJPerTh: 25 },
    ]);
    expect(bands.map((b) => [b.id, b.hashrateShareFraction, b.efficiencyJPerTh, b.machineIds])).toEqual([
      ['le17', 0.5, 16, ['x', 'y']],
      ['17to25', 0, 21, []],
      ['gt25', 0.5, 30, ['z']],
    ]);
  });
});

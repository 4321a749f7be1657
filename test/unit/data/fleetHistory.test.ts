/**
 * The fleet-over-time inputs (fleetHistory.json) and what the bundled model gives at the anchors it
 * was fitted to; and the proof that the compute's fleet (fleetMix.json) is the model's latest month,
 * so the fleet the live compute uses cannot drift from the one the backtest validates.
 */
import { describe, expect, it } from 'vitest';
import { bundledFleetMix, bundledMachineCatalog, bundledPowerPrices } from '../../../shared/data/bundledData';
import { DataFileError } from '../../../shared/data/dataFile';
import {
  FLEET_HISTORY_FILE,
  loadFleetHistory,
  parseFleetHistory,
  powerPriceCaseFactorsOfYear,
  powerPricesForYear,
  runFleetModel,
} from '../../../shared/data/fleetHistory';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import { fleetOnDate } from '../../../shared/domain/fleetOverTime';
import { medianPowerPriceUsdPerKwh } from '../../../shared/domain/fleetShare';
import { formatFleetMix, modelFleetMix } from '../../../local/backtest/writeFleetMix';
import { readFileSync } from 'node:fs';

const file = loadFleetHistory();
const run = runFleetModel({
  daily: loadDailyHistory(),
  catalog: bundledMachineCatalog,
  basePowerPrices: bundledPowerPrices,
  poolFeeFraction: 0.02,
});

describe('fleetHistory.json', () => {
  it('is an estimate with a median power price for every year from 2015 on, each sourced', () => {
    expect(file.method).toBe('estimate');
    expect(file.powerPriceByYear[0]!.year).toBe(2015);
    expect(file.powerPriceByYear.at(-1)!.year).toBeGreaterThanOrEqual(2026);
    for (const row of file.powerPriceByYear) expect(row.source.length).toBeGreaterThan(10);
  });

  it('refuses a missing year, naming the file and the row', () => {
    const raw = structuredClone(file) as { powerPriceByYear: unknown[] };
    raw.powerPriceByYear.splice(3, 1);
    expect(() => parseFleetHistory(raw)).toThrow(DataFileError);
    expect(() => parseFleetHistory(raw)).toThrow(new RegExp(`${FLEET_HISTORY_FILE}[^]*powerPriceByYear\\[3\\]\\.year`));
  });

  it('carries a low and a high case for every year, each sourced, around the central median', () => {
    for (const row of file.powerPriceByYear) {
      expect(row.lowUsdPerKwh, String(row.year)).toBeLessThanOrEqual(row.medianUsdPerKwh);
      expect(row.highUsdPerKwh, String(row.year)).toBeGreaterThanOrEqual(row.medianUsdPerKwh);
      expect(row.lowSource.length).toBeGreaterThan(10);
      expect(row.highSource.length).toBeGreaterThan(10);
    }
    // The year the review contested: the published 2022 figures span 4 to 7-8 c/kWh.
    const y2022 = file.powerPriceByYear.find((r) => r.year === 2022)!;
    expect([y2022.lowUsdPerKwh, y2022.highUsdPerKwh]).toEqual([0.04, 0.075]);
  });

  it('refuses a low case above the median and a high case under it, naming the row and field', () => {
    const low = structuredClone(file) as { powerPriceByYear: { lowUsdPerKwh: number }[] };
    low.powerPriceByYear[7]!.lowUsdPerKwh = 0.09;
    expect(() => parseFleetHistory(low)).toThrow(
      /powerPriceByYear\[7\]\.lowUsdPerKwh[^]*must not exceed medianUsdPerKwh/,
    );
    const high = structuredClone(file) as { powerPriceByYear: { highUsdPerKwh: number }[] };
    high.powerPriceByYear[7]!.highUsdPerKwh = 0.01;
    expect(() => parseFleetHistory(high)).toThrow(
      /powerPriceByYear\[7\]\.highUsdPerKwh[^]*must not be under medianUsdPerKwh/,
    );
    const missing = structuredClone(file) as { powerPriceByYear: { highSource?: string }[] };
    delete missing.powerPriceByYear[2]!.highSource;
    expect(() => parseFleetHistory(missing)).toThrow(/powerPriceByYear\[2\]\.highSource/);
  });

  it("moves the shape to each case's median, and the case factors are those medians over the central", () => {
    for (const powerCase of ['low', 'high'] as const) {
      const priceFor = powerPricesForYear(file, bundledPowerPrices, powerCase);
      for (const row of file.powerPriceByYear)
        expect(medianPowerPriceUsdPerKwh(priceFor(row.year))).toBeCloseTo(
          powerCase === 'low' ? row.lowUsdPerKwh : row.highUsdPerKwh,
          9,
        );
    }
    const factors = powerPriceCaseFactorsOfYear(file, 2022);
    expect(factors.low * 0.06).toBeCloseTo(0.04, 12);
    expect(factors.high * 0.06).toBeCloseTo(0.075, 12);
  });

  it("moves the Q1 2026 power-price shape to each year's median", () => {
    const priceFor = powerPricesForYear(file, bundledPowerPrices);
    for (const row of file.powerPriceByYear)
      expect(medianPowerPriceUsdPerKwh(priceFor(row.year))).toBeCloseTo(row.medianUsdPerKwh, 9);
    // Years outside the table take the nearest row.
    expect(medianPowerPriceUsdPerKwh(priceFor(2010))).toBeCloseTo(file.powerPriceByYear[0]!.medianUsdPerKwh, 9);
  });
});

describe('the fleet model on the bundled history', () => {
  it('meets every fleet-efficiency anchor it was fitted to, within the stated tolerance', () => {
    for (const anchor of file.anchors) {
      const fleet = fleetOnDate(run.fleet, anchor.date)!;
      console.info(`${anchor.figure}: model ${fleet.meanEfficiencyJPerTh.toFixed(1)} J/TH, published ${anchor.value}`);
      expect(Math.abs(fleet.meanEfficiencyJPerTh - anchor.valueJPerTh), anchor.figure).toBeLessThanOrEqual(
        anchor.toleranceJPerTh,
      );
    }
  });

  it('grows more efficient year by year, and every month is a distribution', () => {
    const january = (year: number) => fleetOnDate(run.fleet, `${year}-01-15`)!.meanEfficiencyJPerTh;
    for (let year = 2017; year <= 2026; year += 1) expect(january(year), String(year)).toBeLessThan(january(year - 1));
    for (const month of run.fleet.months) {
      expect(month.bands.reduce((s, b) => s + b.hashrateShareFraction, 0)).toBeCloseTo(1, 9);
    }
  });

  it('is what fleetMix.json (the live compute fleet) holds: regenerate with npx tsx local/backtest/writeFleetMix.ts', () => {
    const fleetMixText = readFileSync(new URL('../../../shared/data/fleetMix.json', import.meta.url), 'utf8');
    expect(fleetMixText).toBe(formatFleetMix(modelFleetMix()));
    expect(bundledFleetMix.asOf).toBe(`${run.fleet.months.at(-1)!.month}-01`);
  });
});

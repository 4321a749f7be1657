/**
 * The bundled data files reach the functions unparsed (shared/data/bundledData.ts); this is the
 * check that makes that safe, and proof that the check is not blind.
 */
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../../shared/data/dataFile';
import { bundledMinerSeries } from '../../../shared/data/bundledMinerSeries';
import publicMinersMonthlyJson from '../../../shared/data/publicMinersMonthly.json';
import {
  BUNDLED_FILES,
  validateBundledData,
  validateBundledFile,
  validateBundledMinerSeries,
} from '../../../shared/data/validateBundledData';

describe('bundled data files', () => {
  it('all seven pass their schema and are already their parsed form', () => {
    expect(BUNDLED_FILES.map((f) => f.fileName)).toEqual([
      'shared/data/machines.json',
      'shared/data/fleetMix.json',
      'shared/data/powerPrices.json',
      'shared/data/publicMiners.json',
      'shared/data/industryCost.json',
      'shared/data/hpcLeaseDeals.json',
      'shared/data/publicMinersMonthly.json',
    ]);
    expect(() => validateBundledData()).not.toThrow();
  });

  it('refuses a bad row, naming file, row and field', () => {
    const machines = BUNDLED_FILES[0]!;
    const raw = structuredClone(machines.raw) as { machines: { powerWatts: number }[] };
    raw.machines[3]!.powerWatts = -1;
    expect(() => validateBundledFile({ ...machines, raw })).toThrow(
      /shared\/data\/machines\.json is invalid:\n {2}machines\[3\] \(.+\)\.powerWatts/,
    );
  });

  it('refuses a file that passes but is not in parsed form (the functions would see the difference)', () => {
    const machines = BUNDLED_FILES[0]!;
    const raw = structuredClone(machines.raw) as { machines: { aliases?: string[]; maker: string }[] };
    delete raw.machines[0]!.aliases; // the schema's default would fill in []
    expect(() => validateBundledFile({ ...machines, raw })).toThrow(DataFileError);
    const padded = structuredClone(machines.raw) as { machines: { maker: string }[] };
    padded.machines[0]!.maker = ` ${padded.machines[0]!.maker} `; // the schema would trim it
    expect(() => validateBundledFile({ ...machines, raw: padded })).toThrow(/differs from its parsed form/);
  });

  it('refuses a bundled miner series that is not the sourced one (a month added without `miners -- check`)', () => {
    const bundled = bundledMinerSeries();
    expect(bundled.periods).toHaveLength(publicMinersMonthlyJson.rows.length);
    expect(() => validateBundledMinerSeries()).not.toThrow();
    const sourced = structuredClone(publicMinersMonthlyJson) as { rows: { btcSold: { value: number | null } }[] };
    sourced.rows[10]!.btcSold.value = (sourced.rows[10]!.btcSold.value ?? 0) + 1;
    expect(() => validateBundledMinerSeries(sourced, bundled)).toThrow(
      /publicMinersMonthly\.series\.json.*npm run miners -- check/s,
    );
    expect(() =>
      validateBundledMinerSeries(publicMinersMonthlyJson, { ...bundled, periods: bundled.periods.slice(1) }),
    ).toThrow(DataFileError);
  });
});

/**
 * The check that makes shared/data/bundledData.ts safe: every bundled data file passes its schema
 * and already is its parsed form. Runs in the tests and at synth time, never in a function.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  bundledFleetMix,
  bundledHpcLeaseDeals,
  bundledIndustryCost,
  bundledMachineCatalog,
  bundledPowerPrices,
  bundledPublicMiners,
} from './bundledData';
import { bundledMinerSeries, MINER_SERIES_FILE, minerSeriesOf } from './bundledMinerSeries';
import { DataFileError } from './dataFile';
import { FLEET_MIX_FILE, parseFleetMix } from './fleetMix';
import { HPC_LEASE_DEALS_FILE, parseHpcLeaseDeals } from './hpcLeaseDeals';
import { MACHINES_FILE, parseMachineCatalog } from './machineCatalog';
import { parsePowerPrices, POWER_PRICES_FILE } from './powerPrices';
import { parsePublicMiners, PUBLIC_MINERS_FILE } from './publicMiners';
import { parsePublicMinersMonthly, PUBLIC_MINERS_MONTHLY_FILE } from './publicMinersMonthly';
import { INDUSTRY_COST_FILE, parseIndustryCost } from './industryCost';
import publicMinersMonthlyJson from './publicMinersMonthly.json';

export interface BundledFile {
  fileName: string;
  raw: unknown;
  parse: (raw: unknown, fileName: string) => unknown;
}

export const BUNDLED_FILES: readonly BundledFile[] = [
  { fileName: MACHINES_FILE, raw: bundledMachineCatalog, parse: parseMachineCatalog },
  { fileName: FLEET_MIX_FILE, raw: bundledFleetMix, parse: parseFleetMix },
  { fileName: POWER_PRICES_FILE, raw: bundledPowerPrices, parse: parsePowerPrices },
  { fileName: PUBLIC_MINERS_FILE, raw: bundledPublicMiners, parse: parsePublicMiners },
  { fileName: INDUSTRY_COST_FILE, raw: bundledIndustryCost, parse: parseIndustryCost },
  { fileName: HPC_LEASE_DEALS_FILE, raw: bundledHpcLeaseDeals, parse: parseHpcLeaseDeals },
  { fileName: PUBLIC_MINERS_MONTHLY_FILE, raw: publicMinersMonthlyJson, parse: parsePublicMinersMonthly },
];

/** Throws DataFileError (file, row, field) for a file that fails its schema or is not in parsed form. */
export function validateBundledFile({ fileName, raw, parse }: BundledFile): void {
  const parsed = parse(raw, fileName);
  if (!isDeepStrictEqual(parsed, raw)) {
    throw new DataFileError(fileName, [
      'passes its schema but differs from its parsed form (a default to fill in or a value to trim): write the parsed form into the file, since the functions use it unparsed',
    ]);
  }
}

/**
 * Throws DataFileError when the series the functions bundle is not the one the sourced monthly file
 * gives (a month added to publicMinersMonthly.json without `npm run miners -- check`).
 */
export function validateBundledMinerSeries(
  sourced: unknown = publicMinersMonthlyJson,
  bundled: unknown = bundledMinerSeries(),
): void {
  const expected = minerSeriesOf(parsePublicMinersMonthly(sourced, PUBLIC_MINERS_MONTHLY_FILE));
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(expected)), bundled))
    throw new DataFileError(MINER_SERIES_FILE, [
      `is not the series of ${PUBLIC_MINERS_MONTHLY_FILE}: run \`npm run miners -- check\` to write it again`,
    ]);
}

export function validateBundledData(files: readonly BundledFile[] = BUNDLED_FILES): void {
  for (const file of files) validateBundledFile(file);
  if (files === BUNDLED_FILES) validateBundledMinerSeries();
}

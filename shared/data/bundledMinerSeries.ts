/**
 * The listed miners' series bundled with the code, as the miner signals (the compute's reference)
 * and the read API's GET /v1/miners read it: the periods' figures and dates only. The functions
 * bundle publicMinersMonthly.series.json, derived from publicMinersMonthly.json by minerSeriesOf
 * (`npm run miners -- check` writes it), not the sourced file itself: the sources, notes and kinds
 * are most of its bytes (389 of the compute bundle's 1,038 KiB) and no function reads them.
 * validateBundledData() (tests, every synth) refuses a series that is not the file's. The bundles
 * hold it brotli-compressed and parse it on first use (minerSeriesText.embedded.ts says why).
 */
import type { MinerPeriod } from '../domain/minerTreasury/treasuryPeriod';
import { treasuryPeriodOf, type MinerMonthRow } from './minerPeriods';
import { minerSeriesText } from '#miner-series-text';

export interface MinerSeries {
  asOf: string;
  companies: readonly { ticker: string; name: string }[];
  periods: readonly MinerPeriod[];
}

export const MINER_SERIES_FILE = 'shared/data/publicMinersMonthly.series.json';

/** The series of a sourced monthly file: its date, its companies and each row's figures. */
export function minerSeriesOf(file: {
  asOf: string;
  companies: readonly { ticker: string; name: string }[];
  rows: readonly MinerMonthRow[];
}): MinerSeries {
  return {
    asOf: file.asOf,
    companies: file.companies.map(({ ticker, name }) => ({ ticker, name })),
    periods: file.rows.map(treasuryPeriodOf),
  };
}

let bundled: MinerSeries | undefined;

/** The bundled series (typed, not re-validated at cold start: see validateBundledData), parsed once. */
export function bundledMinerSeries(): MinerSeries {
  return (bundled ??= JSON.parse(minerSeriesText()) as MinerSeries);
}

/**
 * The Lambda bundles embed the listed miners' series brotli-compressed (minerSeriesText.embedded.ts):
 * the .br beside publicMinersMonthly.series.json must be exactly that file, or the deployed compute
 * and read API would judge and serve other figures than the tests and the local run.
 * test/deployed/artifact.test.ts reads it through the synthesized compute, whose first snapshot of
 * a day judges the miner signals.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundledMinerSeries, MINER_SERIES_FILE } from '../../../shared/data/bundledMinerSeries';
import { minerSeriesText } from '../../../shared/data/minerSeriesText';
import { REPO_ROOT } from '../../deployed/support/cloudAssembly';

describe('embedded miner series (.br)', () => {
  it('inflates to exactly publicMinersMonthly.series.json (regenerate: npm run miners -- check)', () => {
    const inflated = brotliDecompressSync(readFileSync(`${REPO_ROOT}/${MINER_SERIES_FILE}.br`)).toString('utf8');
    expect(inflated).toBe(minerSeriesText());
    expect(inflated).toBe(readFileSync(`${REPO_ROOT}/${MINER_SERIES_FILE}`, 'utf8'));
  });

  it('is parsed once: every call gives the same series, the one the file holds', () => {
    expect(bundledMinerSeries()).toBe(bundledMinerSeries());
    expect(bundledMinerSeries()).toEqual(JSON.parse(minerSeriesText()));
    expect(bundledMinerSeries().periods.length).toBeGreaterThan(200);
  });
});

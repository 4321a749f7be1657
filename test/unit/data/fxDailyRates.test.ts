/**
 * The Lambda bundles embed the per-day exchange rates gzipped (fxDailyText.embedded.ts): the .gz
 * beside the CSV must be exactly the CSV, or the deployed API would convert with other rates than
 * the tests and the local run read.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fxDailyText } from '../../../shared/data/history/fxDailyText';

const historyFile = (name: string) => new URL(`../../../shared/data/history/${name}`, import.meta.url);

describe('fx_daily_ecb.csv.gz', () => {
  it('inflates to exactly fx_daily_ecb.csv (regenerate: gzip -9 -n -c fx_daily_ecb.csv > fx_daily_ecb.csv.gz)', () => {
    const inflated = gunzipSync(readFileSync(historyFile('fx_daily_ecb.csv.gz'))).toString('utf8');
    expect(inflated).toBe(fxDailyText());
    expect(inflated.startsWith('date,usd_per_eur,')).toBe(true);
  });
});

/**
 * The text of `fx_daily_ecb.csv`, embedded in the bundle gzipped (`fx_daily_ecb.csv.gz`, esbuild's
 * binary loader: infra/constructs/bundleOptions.ts) and inflated on first use: the text would add
 * 208 KiB to the calculator's bundle (which serves the read API) and put it over its size budget
 * (bench/bundles.bench.ts); gzipped it adds about 90 KiB. The bundler picks this module for
 * `#fx-daily-text`. test/unit/data/fxDailyRates.test.ts checks the .gz is exactly the CSV
 * (regenerate with `gzip -9 -n -c fx_daily_ecb.csv > fx_daily_ecb.csv.gz`).
 */
import { gunzipSync } from 'node:zlib';
import gzipped from './fx_daily_ecb.csv.gz';

export function fxDailyText(): string {
  return gunzipSync(gzipped).toString('utf8');
}

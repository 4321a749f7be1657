/**
 * The text of `publicMinersMonthly.series.json`, embedded in the bundle brotli-compressed
 * (`publicMinersMonthly.series.json.br`, esbuild's binary loader: infra/constructs/bundleOptions.ts)
 * and inflated on first use. Imported as JSON it was a 66 KiB object literal in the read API's and
 * the compute's bundles, which every cold start compiles and builds whether or not it reads a
 * miner; compressed it is 3.9 KB (the text is 107 KB). The bundler picks this module for `#miner-series-text`;
 * test/unit/data/embeddedMinerSeries.test.ts checks the .br is exactly the JSON
 * (`npm run miners -- check` writes both).
 */
import { brotliDecompressSync } from 'node:zlib';
import compressed from './publicMinersMonthly.series.json.br';

export function minerSeriesText(): string {
  return brotliDecompressSync(compressed).toString('utf8');
}

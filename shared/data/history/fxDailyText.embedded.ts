/**
 * The text of `fx_daily_ecb.csv`, embedded in the bundle brotli-compressed (`fx_daily_ecb.csv.br`,
 * esbuild's binary loader: infra/constructs/bundleOptions.ts) and inflated on first use: as text it
 * would be 208 KiB of the read API's and the calculator's bundles, which every cold start compiles
 * and scans; compressed it is 45 KB (gzip, which it was before, 68 KB). The bundler picks this
 * module for `#fx-daily-text`; test/unit/data/embeddedHistory.test.ts checks the .br is exactly the
 * CSV (local/data/writeEmbeddedHistory.ts writes it).
 */
import { brotliDecompressSync } from 'node:zlib';
import compressed from './fx_daily_ecb.csv.br';

export function fxDailyText(): string {
  return brotliDecompressSync(compressed).toString('utf8');
}

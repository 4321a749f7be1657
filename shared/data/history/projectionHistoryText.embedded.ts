/**
 * The text of `btc_daily_projection.csv`, embedded in the bundle brotli-compressed
 * (`btc_daily_projection.csv.br`, esbuild's binary loader: infra/constructs/bundleOptions.ts) and
 * inflated when asked for, on the first request that projects: as text it was 593 KiB of the
 * calculator's bundle, which every cold start compiles; compressed it is about 240 KiB. The bundler
 * picks this module for `#daily-projection-text`; test/unit/data/embeddedHistory.test.ts checks the
 * .br is exactly the CSV (local/data/writeEmbeddedHistory.ts writes it).
 */
import { brotliDecompressSync } from 'node:zlib';
import compressed from './btc_daily_projection.csv.br';

export function projectionHistoryText(): string {
  return brotliDecompressSync(compressed).toString('utf8');
}

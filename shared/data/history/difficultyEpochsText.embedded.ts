/**
 * The text of `btc_difficulty_epochs.csv`, embedded in the bundle brotli-compressed
 * (`btc_difficulty_epochs.csv.br`, esbuild's binary loader: infra/constructs/bundleOptions.ts) and
 * inflated when asked for: 70 KiB as text, about 20 KiB compressed, in every bundle that reads the
 * epochs. The bundler picks this module for `#difficulty-epochs-text` (condition
 * `hashwatch-bundle`); tsx and vitest read the file from disk through difficultyEpochsText.ts.
 * test/unit/data/embeddedHistory.test.ts checks the .br is exactly the CSV
 * (local/data/writeEmbeddedHistory.ts writes it).
 */
import { brotliDecompressSync } from 'node:zlib';
import compressed from './btc_difficulty_epochs.csv.br';

export function difficultyEpochsText(): string {
  return brotliDecompressSync(compressed).toString('utf8');
}

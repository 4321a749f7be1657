/**
 * The text of the bundled `btc_difficulty_epochs.csv`, read from disk next to this module: how
 * tsx (local run, backtest, CLI) and vitest see it. A Lambda asset holds only its bundle, so the
 * functions get difficultyEpochsText.embedded.ts instead, which esbuild inlines the file into:
 * package.json maps `#difficulty-epochs-text` to that one under the `hashwatch-bundle` condition,
 * which only the bundler sets (infra/constructs/bundleOptions.ts).
 */
import { readFileSync } from 'node:fs';

export function difficultyEpochsText(): string {
  return readFileSync(new URL('./btc_difficulty_epochs.csv', import.meta.url), 'utf8');
}

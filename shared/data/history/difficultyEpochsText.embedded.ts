/**
 * The text of `btc_difficulty_epochs.csv`, embedded in the bundle by esbuild's text loader
 * (infra/constructs/bundleOptions.ts: loader `.csv` -> text). The bundler picks this module for
 * `#difficulty-epochs-text` (condition `hashwatch-bundle`); tsx and vitest read the file from disk
 * through difficultyEpochsText.ts.
 */
import csvText from './btc_difficulty_epochs.csv';

export function difficultyEpochsText(): string {
  return csvText;
}

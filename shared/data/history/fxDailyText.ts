/**
 * The text of the bundled `fx_daily_ecb.csv`, read from disk next to this module: how tsx and vitest
 * see it. The Lambda bundles get fxDailyText.embedded.ts instead (package.json maps
 * `#fx-daily-text` to it under the `hashwatch-bundle` condition, which only the bundler sets), as
 * for the difficulty epochs (difficultyEpochsText.ts).
 */
import { readFileSync } from 'node:fs';

export function fxDailyText(): string {
  return readFileSync(new URL('./fx_daily_ecb.csv', import.meta.url), 'utf8');
}

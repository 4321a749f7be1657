/**
 * The text of `btc_daily_projection.csv`, read from disk next to this module: how tsx and vitest
 * see it. The calculator's Lambda bundle gets projectionHistoryText.embedded.ts instead (package.json
 * maps `#daily-projection-text` to it under the `hashwatch-bundle` condition, which only the bundler
 * sets), as for the difficulty epochs (difficultyEpochsText.ts).
 */
import { readFileSync } from 'node:fs';

export function projectionHistoryText(): string {
  return readFileSync(new URL('./btc_daily_projection.csv', import.meta.url), 'utf8');
}

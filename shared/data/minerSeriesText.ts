/**
 * The text of the bundled `publicMinersMonthly.series.json`, read from disk next to this module:
 * how tsx (local run, backtest, CLI) and vitest see it. A Lambda asset holds only its bundle, so
 * the functions get minerSeriesText.embedded.ts instead: package.json maps `#miner-series-text` to
 * that one under the `hashwatch-bundle` condition, which only the bundler sets
 * (infra/constructs/bundleOptions.ts), as for the history files (shared/data/history/).
 */
import { readFileSync } from 'node:fs';

export function minerSeriesText(): string {
  return readFileSync(new URL('./publicMinersMonthly.series.json', import.meta.url), 'utf8');
}

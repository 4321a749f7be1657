/**
 * The text of `btc_daily_projection.csv`, embedded in the bundle by esbuild's text loader
 * (infra/constructs/bundleOptions.ts); the bundler picks this module for `#daily-projection-text`.
 */
import csvText from './btc_daily_projection.csv';

export function projectionHistoryText(): string {
  return csvText;
}

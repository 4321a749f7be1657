/**
 * The text of `fx_daily_ecb.csv`, embedded in the bundle by esbuild's text loader
 * (infra/constructs/bundleOptions.ts); the bundler picks this module for `#fx-daily-text`.
 */
import csvText from './fx_daily_ecb.csv';

export function fxDailyText(): string {
  return csvText;
}

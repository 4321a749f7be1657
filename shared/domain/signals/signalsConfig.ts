/**
 * What each signal is configured with (its timing and its thresholds), by signal id: the output of
 * each definition's config schema (detectors/), so that a field exists in one place. The compute
 * config's `signals` schema is derived from the same list (shared/config/computeConfig.ts).
 */
export type { SignalsConfig } from './detectors';

/**
 * What every signal is configured with besides its thresholds: whether it runs, and how long a
 * change must hold before it is committed (stateMachine.ts). Each signal's config schema
 * (its definition, detectors/) starts from `timingConfig` with its own dwell defaults.
 *
 * Why dwell: on the real daily history the raw 30d/60d hashrate crossing flips several times
 * within days (2022-07-04 for one day); an alert that flaps is worse than none.
 */
import * as z from '../../schema/z';

export interface SignalTiming {
  raiseDwellHours: number;
  clearDwellHours: number;
}

export interface DetectorConfig extends SignalTiming {
  enabled: boolean;
}

const hours = z.number().check(z.nonnegative(), z.maximum(24 * 365));

/** The shared fields of a signal's config schema, with its dwell defaults. */
export const timingConfig = (raiseDwellHours: number, clearDwellHours: number) => ({
  enabled: z._default(z.boolean(), true),
  /** Hours a raise or escalation condition must hold before the event fires. */
  raiseDwellHours: z._default(hours, raiseDwellHours),
  /** Hours the recovery condition must hold before the signal clears. */
  clearDwellHours: z._default(hours, clearDwellHours),
});

/**
 * What a detector sees in one evaluation, before hysteresis and dwell: which severity the entry
 * thresholds support right now, and whether the (stricter) recovery condition holds.
 */
import type { Evidence } from './evidence';
import type { Severity } from './severity';

/** `Id`: the signal's id (the engine's observations are of SignalId, signalIds.ts). */
export interface Observation<Id extends string = string> {
  signal: Id;
  /** '' for network-wide signals; the fleet name or the price level otherwise. */
  subject: string;
  /** Severity the entry thresholds support now; undefined when they are not met. */
  entered: Severity | undefined;
  /**
   * The value is back beyond the hysteresis band: an active signal may clear. Between the entry
   * threshold and the band neither holds, and an active signal stays active.
   */
  recovered: boolean;
  evidence: Evidence;
  /**
   * The moment the observed figures stand for, when earlier than the decision: a once-a-day
   * judgement stands for its whole UTC day (defineSignal's `judgedDaily`). A change first seen in
   * it counts its dwell from then, so a judgement made late in the day raises and clears on the
   * same day an on-time one does. Absent: the decision time.
   */
  asOf?: string;
}

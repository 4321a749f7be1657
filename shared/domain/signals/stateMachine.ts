/**
 * One signal's state machine: clear -> active(warning|critical) -> clear, with hysteresis (the
 * detector's entry and recovery conditions differ) and a minimum dwell (a change must hold for a
 * while, measured in decision time, before it is committed). One episode gives one `raised`, at
 * most one `escalated` per severity step up, and one `cleared`; an active episode never steps
 * down in severity (it keeps the highest it reached until it clears), so noise around the
 * critical threshold cannot make it flap either.
 *
 * Replays are harmless: an evaluation at or before the state's last decision time changes nothing.
 */
import type { Observation } from './observation';
import { severityRank, type Severity, type Transition } from './severity';
import type { SignalTiming } from './signalTiming';
import { isActive, type PendingChange, type SignalState } from './signalState';
import { MS_PER_HOUR } from '../units';

export type { SignalTiming } from './signalTiming';

export interface CommittedTransition {
  transition: Transition;
  /** Severity the event carries: the new one for raised/escalated, the ending one for cleared. */
  severity: Severity;
  previousSeverity: Severity | null;
  /** Start of the episode (for cleared: the episode that ended). */
  episodeStartedAt: string;
  episodeId: string;
}

export interface StepResult {
  state: SignalState;
  /** Whether the evaluation was applied (false for a stale or replayed decision time). */
  applied: boolean;
  transition: CommittedTransition | undefined;
}

/** The change the observation asks for, before dwell. */
function wantedChange(
  state: SignalState,
  observation: Observation,
): { direction: 'up' | 'down'; severity: Severity | undefined } | undefined {
  if (!isActive(state)) {
    return observation.entered ? { direction: 'up', severity: observation.entered } : undefined;
  }
  if (observation.entered && severityRank(observation.entered) > severityRank(state.severity)) {
    return { direction: 'up', severity: observation.entered };
  }
  if (observation.recovered) return { direction: 'down', severity: undefined };
  return undefined;
}

/**
 * Advances `state` with `observation` decided at `decidedAt`. `eventIdOf` names the event a
 * transition would carry (so the raise's id can become the episode id).
 */
export function stepSignal(
  state: SignalState,
  observation: Observation,
  timing: SignalTiming,
  decidedAt: string,
  eventIdOf: (transition: Transition) => string,
): StepResult {
  const decidedAtMs = Date.parse(decidedAt);
  if (state.evaluatedAt !== null && decidedAtMs <= Date.parse(state.evaluatedAt)) {
    return { state, applied: false, transition: undefined };
  }
  const evaluated: SignalState = { ...state, evaluatedAt: decidedAt, lastEvidence: observation.evidence };
  const wanted = wantedChange(state, observation);
  if (!wanted) return { state: { ...evaluated, pending: null }, applied: true, transition: undefined };

  const pending: PendingChange =
    state.pending?.direction === wanted.direction
      ? state.pending
      : { direction: wanted.direction, since: observation.asOf ?? decidedAt };
  const dwellHours = wanted.direction === 'up' ? timing.raiseDwellHours : timing.clearDwellHours;
  const heldHours = (decidedAtMs - Date.parse(pending.since)) / MS_PER_HOUR;
  if (heldHours < dwellHours) return { state: { ...evaluated, pending }, applied: true, transition: undefined };

  if (wanted.direction === 'up' && !isActive(state)) {
    const episodeId = eventIdOf('raised');
    const severity = wanted.severity!;
    return {
      state: { ...evaluated, status: 'active', severity, activeSince: decidedAt, episodeId, pending: null },
      applied: true,
      transition: { transition: 'raised', severity, previousSeverity: null, episodeStartedAt: decidedAt, episodeId },
    };
  }
  const active = state as SignalState & { severity: Severity; activeSince: string; episodeId: string };
  if (wanted.direction === 'up') {
    const severity = wanted.severity!;
    return {
      state: { ...evaluated, severity, pending: null },
      applied: true,
      transition: {
        transition: 'escalated',
        severity,
        previousSeverity: active.severity,
        episodeStartedAt: active.activeSince,
        episodeId: active.episodeId,
      },
    };
  }
  return {
    state: { ...evaluated, status: 'clear', severity: null, activeSince: null, pending: null },
    applied: true,
    transition: {
      transition: 'cleared',
      severity: active.severity,
      previousSeverity: active.severity,
      episodeStartedAt: active.activeSince,
      episodeId: active.episodeId,
    },
  };
}

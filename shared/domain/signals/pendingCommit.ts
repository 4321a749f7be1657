/**
 * What a signal waiting out its dwell will do, and when: a condition seen since `since` commits
 * (raise, escalate or clear) once it has held the signal's dwell, at `commitsAt`, if it keeps
 * holding. The state machine (stateMachine.ts) decides with the same dwell; this only says it
 * ahead, so an analyst sees what is building up before it fires.
 */
import { MS_PER_HOUR } from '../units';
import type { Evidence } from './evidence';
import type { SignalId } from './signalIds';
import type { SignalState } from './signalState';
import type { SignalTiming } from './stateMachine';

export interface PendingCommit {
  /** raise: a clear signal would become active; escalate: an active one would go critical; clear. */
  change: 'raise' | 'escalate' | 'clear';
  /** The first evaluation that saw the condition. */
  since: string;
  /** How long it must hold, hours (the signal's raiseDwellHours or clearDwellHours). */
  dwellHours: number;
  /** When it commits if it keeps holding (since + dwell). */
  commitsAt: string;
}

export function pendingCommit(state: SignalState, timing: SignalTiming): PendingCommit | null {
  const pending = state.pending;
  if (!pending) return null;
  const dwellHours = pending.direction === 'up' ? timing.raiseDwellHours : timing.clearDwellHours;
  return {
    change: pending.direction === 'down' ? 'clear' : state.status === 'active' ? 'escalate' : 'raise',
    since: pending.since,
    dwellHours,
    commitsAt: new Date(Date.parse(pending.since) + dwellHours * MS_PER_HOUR).toISOString(),
  };
}

/** A signal whose change waits out its dwell: what it will do, when, and its latest figures. */
export interface PendingSignal {
  signal: SignalId;
  subject: string;
  commit: PendingCommit;
  evidence: Evidence | null;
}

/** The states' pending changes, in the order given (the status view, the backtest report). */
export function pendingSignals(
  states: Iterable<SignalState>,
  timingOf: (signal: SignalId) => SignalTiming,
): PendingSignal[] {
  const out: PendingSignal[] = [];
  for (const state of states) {
    const commit = pendingCommit(state, timingOf(state.signal));
    if (commit) out.push({ signal: state.signal, subject: state.subject, commit, evidence: state.lastEvidence });
  }
  return out;
}

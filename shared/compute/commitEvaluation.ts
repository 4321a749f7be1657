/**
 * Commits one evaluation of the signals: each changed state with its event (if any) and outbox
 * entry, atomically, under the state's version (optimistic concurrency). Used by the snapshot's
 * pass and the sites' pass (computeSnapshot.ts, computeSitePower.ts).
 */
import type { EvaluationResult } from '../domain/signals/evaluateSignals';
import type { SignalEvent } from '../domain/signals/eventDocument';
import { eventSignalOf, SIGNAL_IDS } from '../domain/signals/signalIds';
import { stateKey, type SignalState } from '../domain/signals/signalState';
import type { SignalStateStore, VersionedSignalState } from './ports';

const MAX_COMMIT_ATTEMPTS = 5;

export interface CommittedEvaluation {
  /** The events committed, in signal order. */
  recorded: SignalEvent[];
  /** Every state as it stands after the commits, by stateKey. */
  latest: Map<string, SignalState>;
  /** The same with their versions: what a later pass commits against without listing again. */
  stored: Map<string, VersionedSignalState>;
}

/**
 * Evaluates against the stored states and commits each changed state with its event under the
 * state's version; on a conflict (another compute moved a state on) re-reads and evaluates again.
 * States already decided at this decision time (or later) are skipped by the engine, so it converges.
 */
export async function commitEvaluation(
  deps: { states: SignalStateStore },
  storedFirst: Map<string, VersionedSignalState>,
  evaluate: (previous: Map<string, SignalState>) => EvaluationResult,
): Promise<CommittedEvaluation> {
  const recorded: SignalEvent[] = [];
  let stored = new Map(storedFirst);
  let latest = new Map<string, SignalState>();
  for (let attempt = 1; ; attempt += 1) {
    if (attempt > 1) stored = new Map(await deps.states.list());
    latest = new Map([...stored].map(([k, v]) => [k, v.state]));
    const result = evaluate(latest);
    const eventOf = new Map(result.rendered.map((r) => [stateKey(r.document.signal, r.document.subject), r]));
    const outcomes = await Promise.all(
      result.states.map(async (state) => {
        const key = stateKey(state.signal, state.subject);
        const event = eventOf.get(key) ?? eventOf.get(stateKey(eventSignalOf(state.signal, 'cleared'), state.subject));
        const expectedVersion = stored.get(key)?.version ?? 0;
        const outcome = await deps.states.commit({ state, expectedVersion, event });
        if (outcome === 'committed') {
          latest.set(key, state);
          stored.set(key, { state, version: expectedVersion + 1 });
          if (event) recorded.push(event.document);
        }
        return outcome;
      }),
    );
    if (!outcomes.includes('conflict')) break;
    if (attempt >= MAX_COMMIT_ATTEMPTS)
      throw new Error(`signal states kept changing under us after ${attempt} attempts`);
  }
  // Commits ran in parallel: report the events in signal order, whatever order they landed in.
  recorded.sort(
    (a, b) => SIGNAL_IDS.indexOf(a.signal) - SIGNAL_IDS.indexOf(b.signal) || a.subject.localeCompare(b.subject),
  );
  return { recorded, latest, stored };
}

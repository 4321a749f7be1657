/**
 * The signal engine: every detector observes the input, each (signal, subject) state machine
 * steps with its observation, and every committed transition becomes an event document. Pure and
 * deterministic: the same input and previous states always give the same states and the same
 * events (ids included), which is what makes replays, duplicate deliveries and races harmless
 * once the store records each event id once.
 */
import type { SignalsConfig } from '../../config/computeConfig';
import { DETECTORS } from './detectors';
import { moneyText } from './moneyText';
import { signalEventId, SIGNAL_EVENT_SCHEMA_VERSION, SIGNAL_EVENT_TYPE, type SignalEvent } from './eventDocument';
import type { SignalInput } from './signalInput';
import { SIGNAL_IDS, type SignalId } from './signalIds';
import { initialSignalState, stateKey, type SignalState } from './signalState';
import { stepSignal } from './stateMachine';

export interface EvaluationResult {
  /** States that this evaluation changed (new or updated), in signal order. */
  states: SignalState[];
  /** Events of the committed transitions, in signal order. */
  events: SignalEvent[];
}

/** Previous states by `stateKey(signal, subject)`; missing ones start clear. */
export type StatesByKey = ReadonlyMap<string, SignalState>;

export function statesByKey(states: Iterable<SignalState>): Map<string, SignalState> {
  const map = new Map<string, SignalState>();
  for (const s of states) map.set(stateKey(s.signal, s.subject), s);
  return map;
}

function evaluateOne<S extends SignalId>(
  signal: S,
  input: SignalInput,
  previous: StatesByKey,
  config: SignalsConfig,
  result: EvaluationResult,
): void {
  const detector = DETECTORS[signal];
  const signalConfig = config[signal];
  if (!signalConfig.enabled) return;
  for (const observation of detector.observe(input, signalConfig)) {
    const before =
      previous.get(stateKey(signal, observation.subject)) ?? initialSignalState(signal, observation.subject);
    const step = stepSignal(before, observation, signalConfig, input.decidedAt, (transition) =>
      signalEventId(signal, observation.subject, transition, input.decidedAt),
    );
    if (!step.applied) continue;
    result.states.push(step.state);
    const t = step.transition;
    if (!t) continue;
    const id = signalEventId(signal, observation.subject, t.transition, input.decidedAt);
    const description = detector.describe({
      subject: observation.subject,
      severity: t.severity,
      transition: t.transition,
      previousSeverity: t.previousSeverity,
      evidence: observation.evidence,
      money: moneyText(input.textCurrency),
    });
    result.events.push({
      schemaVersion: SIGNAL_EVENT_SCHEMA_VERSION,
      type: SIGNAL_EVENT_TYPE,
      id,
      signal,
      subject: observation.subject,
      severity: t.severity,
      transition: t.transition,
      previousSeverity: t.previousSeverity,
      occurredAt: input.decidedAt,
      episode: { id: t.episodeId, startedAt: t.episodeStartedAt },
      title: description.title,
      summary: description.summary,
      evidence: observation.evidence,
      ...(input.textCurrency ? { currency: input.textCurrency } : {}),
    });
  }
}

export function evaluateSignals(input: SignalInput, previous: StatesByKey, config: SignalsConfig): EvaluationResult {
  const result: EvaluationResult = { states: [], events: [] };
  for (const signal of SIGNAL_IDS) evaluateOne(signal, input, previous, config, result);
  return result;
}

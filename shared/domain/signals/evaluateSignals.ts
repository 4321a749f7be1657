/**
 * The signal engine: every detector observes the input, each (signal, subject) state machine
 * steps with its observation, and every committed transition becomes an event document. Pure and
 * deterministic: the same input and previous states always give the same states and the same
 * events (ids included), which is what makes replays, duplicate deliveries and races harmless
 * once the store records each event id once. Each event's message (subject, text, details) is
 * rendered here, once, from the description it was decided with; the outbox stores it.
 */
import type { SignalsConfig } from './signalsConfig';
import { DETECTORS } from './detectors';
import { signalFigures } from './eventFigures';
import { moneyText } from './moneyText';
import { signalEventId, SIGNAL_EVENT_SCHEMA_VERSION, SIGNAL_EVENT_TYPE, type SignalEvent } from './eventDocument';
import { renderEventMessage, type RenderedEvent } from './eventMessage';
import type { SignalInput } from './signalInput';
import { eventSignalOf, SIGNAL_IDS, type SignalId } from './signalIds';
import type { EvidenceOrigin } from './evidence';
import type { Observation } from './observation';
import { initialSignalState, isActive, stateKey, type SignalState } from './signalState';
import { stepSignal, type SignalTiming } from './stateMachine';

export interface EvaluationResult {
  /** States that this evaluation changed (new or updated), in signal order. */
  states: SignalState[];
  /** Events of the committed transitions, in signal order. */
  events: SignalEvent[];
  /** The same events with their messages, rendered as they were decided (what the outbox stores). */
  rendered: RenderedEvent[];
}

/** Previous states by `stateKey(signal, subject)`; missing ones start clear. */
export type StatesByKey = ReadonlyMap<string, SignalState>;

export function statesByKey(states: Iterable<SignalState>): Map<string, SignalState> {
  const map = new Map<string, SignalState>();
  for (const s of states) map.set(stateKey(s.signal, s.subject), s);
  return map;
}

/**
 * Signals that judge the BTC price itself: not evaluated at all (no raise, no clear, no dwell
 * advanced) on a price no second source confirms (docs/resilience.md).
 */
const PRICE_JUDGED_SIGNALS: ReadonlySet<SignalId> = new Set<SignalId>(['price-level']);

/** Clears at once, whatever the configured dwell: the subject is gone, nothing is left to wait for. */
const RETIRE_TIMING = { raiseDwellHours: 0, clearDwellHours: 0 };

function evaluateOne<S extends SignalId>(
  signal: S,
  input: SignalInput,
  previous: StatesByKey,
  config: SignalsConfig,
  result: EvaluationResult,
): void {
  const detector = DETECTORS[signal];
  const signalConfig = config[signal];
  if (signalConfig.enabled && PRICE_JUDGED_SIGNALS.has(signal) && input.priceConfirmed === false) return;
  if (signalConfig.enabled && detector.judges && !detector.judges(input)) return;
  const observations = signalConfig.enabled ? detector.observe(input, signalConfig) : [];
  for (const observation of observations)
    step(signal, observation, 'observed', signalConfig, input, previous, config, result);
  for (const retired of retiredSubjects(signal, observations, signalConfig.enabled, previous)) {
    const evidence = retired.lastEvidence ?? { values: {}, thresholds: {} };
    const reason = signalConfig.enabled ? 'subject removed from the config' : 'signal disabled in the config';
    step(
      signal,
      {
        signal,
        subject: retired.subject,
        entered: undefined,
        recovered: true,
        evidence: { values: { ...evidence.values, retiredBecause: reason }, thresholds: evidence.thresholds },
      },
      'stored',
      RETIRE_TIMING,
      input,
      previous,
      config,
      result,
    );
  }
}

/**
 * Active states this evaluation will never judge again: every subject of a disabled signal, and a
 * named subject (price level, fleet) the detector no longer observes because the config dropped it.
 * A network-wide subject ('') is only retired by disabling its signal: a detector without data this
 * time (a gap in the history) observes nothing, and that is no reason to clear.
 */
function retiredSubjects(
  signal: SignalId,
  observations: readonly Observation[],
  enabled: boolean,
  previous: StatesByKey,
): SignalState[] {
  const observed = new Set(observations.map((o) => o.subject));
  return [...previous.values()].filter(
    (s) => s.signal === signal && isActive(s) && (!enabled || (s.subject !== '' && !observed.has(s.subject))),
  );
}

function step(
  signal: SignalId,
  observation: Observation,
  origin: EvidenceOrigin,
  timing: SignalTiming,
  input: SignalInput,
  previous: StatesByKey,
  config: SignalsConfig,
  result: EvaluationResult,
): void {
  const before = previous.get(stateKey(signal, observation.subject)) ?? initialSignalState(signal, observation.subject);
  const stepped = stepSignal(before, observation, timing, input.decidedAt, (transition) =>
    signalEventId(signal, observation.subject, transition, input.decidedAt),
  );
  if (!stepped.applied) return;
  result.states.push(stepped.state);
  const t = stepped.transition;
  if (!t) return;
  // A site-curtail episode's end is published as site-resume (CLEARED_AS): its id, words and switch
  // (a disabled signal's own subjects still announce their clearing, as retired).
  const eventSignal = eventSignalOf(signal, t.transition);
  if (eventSignal !== signal && !config[eventSignal].enabled) return;
  const id = signalEventId(eventSignal, observation.subject, t.transition, input.decidedAt);
  const description = DETECTORS[eventSignal].describe(
    {
      subject: observation.subject,
      severity: t.severity,
      transition: t.transition,
      previousSeverity: t.previousSeverity,
      evidence: observation.evidence,
      money: moneyText(input.textCurrency),
    },
    origin,
  );
  const event: SignalEvent = {
    schemaVersion: SIGNAL_EVENT_SCHEMA_VERSION,
    type: SIGNAL_EVENT_TYPE,
    id,
    signal: eventSignal,
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
    figures: signalFigures(eventSignal, observation.evidence, input.textCurrency, origin),
  };
  result.events.push(event);
  result.rendered.push({ document: event, message: renderEventMessage(event, description) });
}

/**
 * The signals that judge a site's power price: decided on their own pass, at the time a price or a
 * hashprice arrived (computeSitePower.ts), never on the snapshot's pass, which has no site prices
 * (and would otherwise retire every curtailed class as "no longer observed").
 */
export const SITE_POWER_SIGNALS: readonly SignalId[] = ['site-power-stale', 'site-curtail', 'site-resume'];
const SNAPSHOT_SIGNALS: readonly SignalId[] = SIGNAL_IDS.filter((s) => !SITE_POWER_SIGNALS.includes(s));

export function evaluateSignals(
  input: SignalInput,
  previous: StatesByKey,
  config: SignalsConfig,
  signals: readonly SignalId[] = SNAPSHOT_SIGNALS,
): EvaluationResult {
  const result: EvaluationResult = { states: [], events: [], rendered: [] };
  for (const signal of signals) evaluateOne(signal, input, previous, config, result);
  return result;
}

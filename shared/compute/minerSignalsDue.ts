/**
 * The listed-miner signals judge monthly and quarterly reports: the compute gives them the series
 * once a UTC day rather than at every snapshot (the way projected-fleet-loss is projected once a
 * day). Judged at every snapshot, their dozen subjects were a dozen state writes every 10 minutes
 * for figures that change once a month.
 *
 * "Once a day" means until every subject they judge has been judged that day, not until one has:
 * each subject's state is its own write, and a compute that fails between those writes (a crash,
 * a throttled commit) left the rest unjudged until the next day. An active state of a subject they
 * no longer observe keeps them due until the engine retires it; an inactive one does not. (A day
 * judged late counts its dwell from the day's start: defineSignal's `judgedDaily`.)
 */
import { DETECTORS } from '../domain/signals/detectors';
import type { SignalInput } from '../domain/signals/signalInput';
import type { SignalsConfig } from '../domain/signals/signalsConfig';
import { isActive, stateKey, type SignalState } from '../domain/signals/signalState';

const MINER_SIGNALS = ['miner-treasury-liquidation', 'miner-selling-pressure'] as const;
type MinerSignal = (typeof MINER_SIGNALS)[number];

/** `input` carries the miners' periods; the caller drops them when this says they are not due. */
export function minerSignalsDue(input: SignalInput, states: Iterable<SignalState>, config: SignalsConfig): boolean {
  const day = input.decidedAt.slice(0, 10);
  const byKey = new Map([...states].map((s) => [stateKey(s.signal, s.subject), s]));
  const judgedToday = (s: SignalState | undefined) => s?.evaluatedAt != null && s.evaluatedAt.slice(0, 10) >= day;
  return MINER_SIGNALS.some((signal) => {
    // A disabled signal is not judged: the engine retires its subjects whatever this says.
    if (!config[signal].enabled) return false;
    const observed = new Set(observedSubjects(signal, input, config));
    if ([...observed].some((subject) => !judgedToday(byKey.get(stateKey(signal, subject))))) return true;
    return [...byKey.values()].some((s) => s.signal === signal && isActive(s) && !observed.has(s.subject));
  });
}

function observedSubjects<S extends MinerSignal>(signal: S, input: SignalInput, config: SignalsConfig): string[] {
  return DETECTORS[signal].observe(input, config[signal]).map((o) => o.subject);
}

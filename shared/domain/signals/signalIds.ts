/**
 * Signal ids, severities and transitions: the public contract subscribers filter on (SNS message
 * attributes `signal`, `severity`, `transition`). Never rename one. The ids are those of the
 * signal definitions, in the order of their list (detectors/index.ts): a new signal is its
 * definition and its line in that list, nothing here.
 */
import { SIGNALS, type SignalId } from './detectors';
import type { Transition } from './severity';

export { SEVERITIES, TRANSITIONS, severityRank, type Severity, type Transition } from './severity';
export type { SignalId } from './detectors';

type IdsOf<L extends readonly { signal: string }[]> = { readonly [K in keyof L]: L[K]['signal'] };

export const SIGNAL_IDS = SIGNALS.map((s) => s.signal) as unknown as IdsOf<typeof SIGNALS>;

export function isSignalId(value: string): value is SignalId {
  return (SIGNAL_IDS as readonly string[]).includes(value);
}

/**
 * Signals whose `cleared` transition is announced under another id: a class's curtailment is one
 * `site-curtail` state (active while curtailed), whose end subscribers receive as `site-resume`.
 * The announcing id has no state of its own and observes nothing; its config only enables it.
 */
export const CLEARED_AS: Readonly<Partial<Record<SignalId, SignalId>>> = { 'site-curtail': 'site-resume' };

/** The id an event of `signal`'s `transition` is published under. */
export function eventSignalOf(signal: SignalId, transition: Transition): SignalId {
  return transition === 'cleared' ? (CLEARED_AS[signal] ?? signal) : signal;
}

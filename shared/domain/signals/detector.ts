/**
 * A detector: one signal's rule. `observe` turns a SignalInput into observations (one per subject;
 * none when its figures are missing); `describe` words an event for people (title, meaning, the
 * numbers). One file per signal under detectors/.
 */
import type { Evidence } from './evidence';
import type { MoneyText } from './moneyText';
import type { Observation } from './observation';
import type { SignalInput } from './signalInput';
import type { Severity, SignalId, Transition } from './signalIds';
import type { SignalTiming } from './stateMachine';

export interface DescribeInput {
  subject: string;
  severity: Severity;
  transition: Transition;
  previousSeverity: Severity | null;
  evidence: Evidence;
  /** Money in the owner's currency (moneyText.ts): evidence is USD, texts are in this. */
  money: MoneyText;
}

export interface EventDescription {
  /** One line (it becomes the e-mail subject after a short prefix): keep it under ~80 characters. */
  title: string;
  /** What it means for a miner. */
  summary: string;
  /** The numbers, one per line, with their meaning. */
  details: string[];
}

export interface DetectorConfig extends SignalTiming {
  enabled: boolean;
}

export interface SignalDetector<C extends DetectorConfig = DetectorConfig> {
  signal: SignalId;
  observe(input: SignalInput, config: C): Observation[];
  describe(event: DescribeInput): EventDescription;
  /**
   * False when this evaluation does not judge the signal at all (no raise, no clear, no dwell
   * advanced, no subject retired): a signal evaluated once a day skips the evaluations between.
   * Absent: every evaluation judges it.
   */
  judges?(input: SignalInput): boolean;
}

/** What a network-wide detector observes of its figure: the observation, less its signal and subject. */
export type NetworkObservation = Omit<Observation, 'signal' | 'subject'>;

/**
 * A network-wide detector (subject ''): it judges one figure of the input, observes nothing while
 * that figure is missing, and one observation otherwise.
 */
export function networkWideDetector<C extends DetectorConfig, F>(spec: {
  signal: SignalId;
  figure: (input: SignalInput) => F | undefined;
  observe: (figure: F, config: C, input: SignalInput) => NetworkObservation;
  describe: (event: DescribeInput) => EventDescription;
}): SignalDetector<C> {
  return {
    signal: spec.signal,
    observe(input, config) {
      const figure = spec.figure(input);
      return figure === undefined ? [] : [{ signal: spec.signal, subject: '', ...spec.observe(figure, config, input) }];
    },
    describe: spec.describe,
  };
}

/**
 * A detector: one signal's rule as the engine sees it, made by `defineSignal` (defineSignal.ts)
 * from the signal's one declaration under detectors/. `observe` turns a SignalInput into
 * observations (one per subject; none when its figures are missing); `describe` words an event for
 * people (title, meaning, the numbers); `figures` gives its numbers as data (figure.ts).
 *
 * Nothing here names the list of signals: a definition imports this file, and the list
 * (detectors/index.ts) imports the definitions.
 */
import type * as z from '../../schema/z';
import type { FxRate } from '../currency';
import type { Evidence, EvidenceOrigin } from './evidence';
import type { Figure } from './figure';
import type { MoneyText } from './moneyText';
import type { Observation } from './observation';
import type { Severity, Transition } from './severity';
import type { SignalInput } from './signalInput';
import type { DetectorConfig } from './signalTiming';
import type { WatchedFigure } from './watchedFigure';

export type { DetectorConfig } from './signalTiming';

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

/** A signal's row of the signals table in docs/signals.md (written by `npm run docs -- signals-table`). */
export interface SignalDocs {
  /** After the id, when there is one subject per something: "one per fleet". */
  subjects?: string;
  raises: string;
  severity: string;
  clears: string;
  /** After the dwell defaults: why they are what they are ("adjustments are discrete"). */
  dwellNote?: string;
}

export interface SignalDetector<C extends DetectorConfig = DetectorConfig, Id extends string = string> {
  signal: Id;
  /** The signal's config schema: every field has a default, so `{}` parses to the defaults. */
  config: z.ZodMiniType<C, unknown>;
  observe(input: SignalInput, config: C): Observation<Id>[];
  /** `origin` (default `observed`): how strictly the evidence is read (evidence.ts). */
  describe(event: DescribeInput, origin?: EvidenceOrigin): EventDescription;
  /** The figures its events report, money at `rate` (figure.ts). */
  figures(evidence: Evidence, rate: FxRate, origin?: EvidenceOrigin): Figure[];
  /**
   * False when this evaluation does not judge the signal at all (no raise, no clear, no dwell
   * advanced, no subject retired): a signal evaluated once a day skips the evaluations between.
   * Absent: every evaluation judges it.
   */
  judges?(input: SignalInput): boolean;
  /** Its row of the docs table, from its default config; null for a signal documented in another's row. */
  docs(): SignalDocs | null;
  /** The figures it judges (watchedFigure.ts): where its episodes are drawn over time. */
  watches: readonly WatchedFigure[];
  /** Its colour wherever its episodes are drawn (a CSS hex colour, distinct from every other signal's). */
  color: string;
}

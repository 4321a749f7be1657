/**
 * An event's figures: those it carries, or, for an event stored before events carried figures,
 * the ones its signal reports from its stored evidence (at its stored text rate). Never parsed
 * from its words.
 */
import { DETECTORS } from './detectors';
import type { Evidence, EvidenceOrigin } from './evidence';
import { figureRate } from './evidenceFigures';
import type { SignalEvent } from './eventDocument';
import type { Figure } from './figure';
import type { TextCurrency } from './moneyText';
import type { SignalId } from './signalIds';

/** The figures `signal` reports of `evidence`, money in the text currency. */
export function signalFigures(
  signal: SignalId,
  evidence: Evidence,
  currency: TextCurrency | undefined,
  origin: EvidenceOrigin = 'observed',
): Figure[] {
  return DETECTORS[signal].figures(evidence, figureRate(currency), origin);
}

export function eventFigures(event: Pick<SignalEvent, 'signal' | 'evidence' | 'currency' | 'figures'>): Figure[] {
  return event.figures ?? signalFigures(event.signal, event.evidence, event.currency, 'stored');
}

/**
 * What every chat message says, from the stored event document: the headline (tag and title),
 * what it means, the evidence figures (the detector's worded numbers, e.g. "Cumulative change
 * over the streak: -4.45%"), the signal and transition, when it was decided, and the event id.
 * Each channel's formatter (channels/*.ts) lays this out for its app and within its limits.
 */
import { DETECTORS } from '../domain/signals/detectors';
import type { SignalEvent } from '../domain/signals/eventDocument';
import { alertTag } from '../domain/signals/eventMessage';

export type AlertTone = 'critical' | 'warning' | 'cleared';

export interface EvidenceFigure {
  /** "Cumulative change over the streak" */
  name: string;
  /** "-4.45%" */
  value: string;
}

export interface AlertContent {
  tone: AlertTone;
  /** "CRITICAL: Hashprice below the floor ($38/PH/day)" */
  headline: string;
  summary: string;
  figures: EvidenceFigure[];
  /** "fleet-share-negative (texas), raised (critical)" */
  signalLine: string;
  /** "2026-01-23 12:00 UTC" */
  decidedAt: string;
  /** The decision time, ISO 8601 UTC. */
  occurredAt: string;
  eventId: string;
}

export function alertTone(event: Pick<SignalEvent, 'severity' | 'transition'>): AlertTone {
  return event.transition === 'cleared' ? 'cleared' : event.severity;
}

/** A detail line "Name: value" becomes a named figure; a line without a name keeps its text as the value. */
function toFigure(line: string): EvidenceFigure {
  const colon = line.indexOf(': ');
  if (colon <= 0) return { name: 'Detail', value: line };
  return { name: line.slice(0, colon), value: line.slice(colon + 2) };
}

function state(event: SignalEvent): string {
  if (event.transition === 'escalated') return `${event.previousSeverity} -> ${event.severity}`;
  if (event.transition === 'cleared') return `was ${event.severity}`;
  return event.severity;
}

export function alertContent(event: SignalEvent): AlertContent {
  const description = DETECTORS[event.signal].describe(event);
  const decided = new Date(Date.parse(event.occurredAt)).toISOString();
  return {
    tone: alertTone(event),
    headline: `${alertTag(event)}: ${event.title}`,
    summary: event.summary,
    figures: description.details.map(toFigure),
    signalLine: `${event.signal}${event.subject ? ` (${event.subject})` : ''}, ${event.transition} (${state(event)})`,
    decidedAt: `${decided.slice(0, 10)} ${decided.slice(11, 16)} UTC`,
    occurredAt: decided,
    eventId: event.id,
  };
}

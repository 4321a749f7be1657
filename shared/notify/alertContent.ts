/**
 * What every chat message says, from the stored event document: the headline (tag and title),
 * what it means, the event's figures (its structured figures, each written by formatFigure, e.g.
 * "Cumulative change over the streak" / "-4.45%"), the signal and transition, when it was decided,
 * and the event id. Each channel's formatter (channels/*.ts) lays this out for its app and within
 * its limits. An event stored without figures gets them from its evidence (eventFigures.ts).
 */
import type { SignalEvent } from '../domain/signals/eventDocument';
import { eventFigures } from '../domain/signals/eventFigures';
import { alertTag } from '../domain/signals/eventMessage';
import { formatFigure, type Figure } from '../domain/signals/figure';

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

function toEvidenceFigure(figure: Figure): EvidenceFigure {
  return { name: figure.name, value: formatFigure(figure) };
}

function state(event: SignalEvent): string {
  if (event.transition === 'escalated') return `${event.previousSeverity} -> ${event.severity}`;
  if (event.transition === 'cleared') return `was ${event.severity}`;
  return event.severity;
}

export function alertContent(event: SignalEvent): AlertContent {
  const decided = new Date(Date.parse(event.occurredAt)).toISOString();
  return {
    tone: alertTone(event),
    headline: `${alertTag(event)}: ${event.title}`,
    summary: event.summary,
    figures: eventFigures(event).map(toEvidenceFigure),
    signalLine: `${event.signal}${event.subject ? ` (${event.subject})` : ''}, ${event.transition} (${state(event)})`,
    decidedAt: `${decided.slice(0, 10)} ${decided.slice(11, 16)} UTC`,
    occurredAt: decided,
    eventId: event.id,
  };
}

/**
 * An event as people read it: a subject under 100 characters, the e-mail text (the numbers and
 * what they mean for a miner) and the detail lines. Rendered once, when the transition is decided
 * (evaluateSignals), and stored with the event; publishing sends what was stored, so the e-mail
 * can never drift from the event document. How a transport frames it (SNS: MessageStructure,
 * message attributes) is the transport adapter's business (shared/adapters/sns).
 */
import * as z from '../../schema/z';
import type { EventDescription } from './detector';
import { DETECTORS } from './detectors';
import type { SignalEvent } from './eventDocument';
import { moneyText } from './moneyText';

/** Mail transports (SNS among them) reject subjects of 100 characters or more. */
export const MAX_SUBJECT_CHARS = 99;

export const eventMessageSchema = z.object({
  subject: z.string().check(z.minLength(1), z.maxLength(MAX_SUBJECT_CHARS)),
  text: z.string().check(z.minLength(1)),
  /** The numbers, one per line (the text's bullet list). */
  details: z.array(z.string()),
});
export type EventMessage = z.infer<typeof eventMessageSchema>;

/** An event document with its message, as the outbox stores it and a sink sends it. */
export interface RenderedEvent {
  document: SignalEvent;
  message: EventMessage;
}

/** How an alert announces itself: 'CRITICAL', 'Warning' or 'Cleared' (e-mail subjects, chat messages). */
export function alertTag(event: Pick<SignalEvent, 'severity' | 'transition'>): 'CRITICAL' | 'Warning' | 'Cleared' {
  return event.transition === 'cleared' ? 'Cleared' : event.severity === 'critical' ? 'CRITICAL' : 'Warning';
}

export function emailSubject(event: SignalEvent): string {
  const subject = `[Hashwatch] ${alertTag(event)}: ${event.title}`;
  return subject.length <= MAX_SUBJECT_CHARS ? subject : `${subject.slice(0, MAX_SUBJECT_CHARS - 3).trimEnd()}...`;
}

const TRANSITION_WORDS = {
  raised: 'raised',
  escalated: 'escalated',
  cleared: 'cleared',
} as const;

/** The detector's wording of an event, from the event's own fields (what it was decided with). */
export function describeEvent(event: SignalEvent): EventDescription {
  return DETECTORS[event.signal].describe({ ...event, money: moneyText(event.currency) });
}

export function emailText(event: SignalEvent, description: EventDescription = describeEvent(event)): string {
  const money = moneyText(event.currency);
  const state =
    event.transition === 'escalated'
      ? `${event.previousSeverity} -> ${event.severity}`
      : event.transition === 'cleared'
        ? `was ${event.severity}, now clear`
        : event.severity;
  const lines = [
    event.title,
    '',
    description.summary,
    '',
    ...description.details.map((d) => `- ${d}`),
    ...(money.note ? [`- ${money.note}`] : []),
    '',
    `Signal: ${event.signal}${event.subject ? ` (${event.subject})` : ''}, ${TRANSITION_WORDS[event.transition]} (${state})`,
    `Decided at: ${event.occurredAt}${event.transition !== 'raised' ? `; episode since ${event.episode.startedAt}` : ''}`,
    `Event id: ${event.id}`,
    '',
    '--',
    'Hashwatch: Bitcoin mining economics watch. Filter what you receive with an SNS subscription',
    'filter policy on the message attributes signal, severity and transition.',
  ];
  return lines.join('\n');
}

/**
 * The message of an event. The engine passes the description it decided with; without one (an
 * event stored by a build that did not store its message) the detector describes it again.
 */
export function renderEventMessage(
  event: SignalEvent,
  description: EventDescription = describeEvent(event),
): EventMessage {
  return {
    subject: emailSubject(event),
    text: emailText(event, description),
    details: [...description.details],
  };
}

/**
 * An event as subscribers receive it through SNS (MessageStructure 'json'): a readable e-mail
 * (subject under 100 characters; the numbers and what they mean for a miner) and the JSON event
 * document for HTTPS, SQS and Lambda subscribers, plus the message attributes `signal`,
 * `severity` and `transition` that subscription filter policies match. Pure: the SNS adapter sends
 * this as a PublishCommand input; the local sink prints or posts the same thing.
 */
import { DETECTORS } from './detectors';
import type { SignalEvent } from './eventDocument';
import { moneyText } from './moneyText';

/** SNS rejects subjects of 100 characters or more. */
export const MAX_SUBJECT_CHARS = 99;

export interface SnsMessage {
  Subject: string;
  /** JSON of { default, email, https, sqs, lambda }. */
  Message: string;
  MessageStructure: 'json';
  MessageAttributes: Record<'signal' | 'severity' | 'transition', { DataType: 'String'; StringValue: string }>;
}

export function emailSubject(event: SignalEvent): string {
  const tag = event.transition === 'cleared' ? 'Cleared' : event.severity === 'critical' ? 'CRITICAL' : 'Warning';
  const subject = `[Hashwatch] ${tag}: ${event.title}`;
  return subject.length <= MAX_SUBJECT_CHARS ? subject : `${subject.slice(0, MAX_SUBJECT_CHARS - 3).trimEnd()}...`;
}

const TRANSITION_WORDS = {
  raised: 'raised',
  escalated: 'escalated',
  cleared: 'cleared',
} as const;

export function emailText(event: SignalEvent): string {
  const money = moneyText(event.currency);
  const description = DETECTORS[event.signal].describe({ ...event, money });
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

/** The SNS message for one event. The same document goes to every machine protocol. */
export function buildSnsMessage(event: SignalEvent): SnsMessage {
  const document = JSON.stringify(event);
  const email = emailText(event);
  return {
    Subject: emailSubject(event),
    Message: JSON.stringify({ default: document, email, https: document, sqs: document, lambda: document }),
    MessageStructure: 'json',
    MessageAttributes: {
      signal: { DataType: 'String', StringValue: event.signal },
      severity: { DataType: 'String', StringValue: event.severity },
      transition: { DataType: 'String', StringValue: event.transition },
    },
  };
}

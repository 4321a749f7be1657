/**
 * An event framed for SNS (MessageStructure 'json'): the stored e-mail text for e-mail
 * subscribers, the JSON event document for HTTPS, SQS and Lambda subscribers, and the message
 * attributes `signal`, `severity` and `transition` that subscription filter policies match.
 */
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { renderEventMessage, type EventMessage } from '../../domain/signals/eventMessage';

export interface SnsMessage {
  Subject: string;
  /** JSON of { default, email, https, sqs, lambda }. */
  Message: string;
  MessageStructure: 'json';
  MessageAttributes: Record<'signal' | 'severity' | 'transition', { DataType: 'String'; StringValue: string }>;
}

/**
 * The SNS message for one event and its rendered message (rendered from the event when none is
 * given). The same document goes to every machine protocol.
 */
export function buildSnsMessage(event: SignalEvent, message: EventMessage = renderEventMessage(event)): SnsMessage {
  const document = JSON.stringify(event);
  return {
    Subject: message.subject,
    Message: JSON.stringify({
      default: document,
      email: message.text,
      https: document,
      sqs: document,
      lambda: document,
    }),
    MessageStructure: 'json',
    MessageAttributes: {
      signal: { DataType: 'String', StringValue: event.signal },
      severity: { DataType: 'String', StringValue: event.severity },
      transition: { DataType: 'String', StringValue: event.transition },
    },
  };
}

/**
 * A signal event as stored: the event item (EVENT#<id>/EVENT: the document published, as JSON
 * text, its message as rendered when the transition was decided, and a publishing status), its
 * outbox entry (OUTBOX/EVENT#<occurredAt>#<id>, while unpublished) and its event-log entry
 * (EVENTLOG/EVENT#<occurredAt>#<id>, kept: the read API's recent events). The one mapping between
 * an event and these items, both ways; the repositories (shared/adapters/dynamo) only send them.
 */
import * as z from '../schema/z';
import { signalEventSchema, type SignalEvent } from '../domain/signals/eventDocument';
import {
  eventMessageSchema,
  renderEventMessage,
  type EventMessage,
  type RenderedEvent,
} from '../domain/signals/eventMessage';
import { Entity, keys } from './tableKeys';
import { describeIssues } from './unreadableItem';

/** `unpublishable`: its document cannot be read by this build; kept with the reason, out of the outbox. */
export const EVENT_STATUSES = ['pending', 'publishing', 'published', 'unpublishable'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const storedEventSchema = z.object({
  eventId: z.string(),
  status: z.enum(EVENT_STATUSES),
  attempts: z.int().check(z.nonnegative()),
  document: z.string(),
  /** Absent on items written by builds before 2026-12 (rendered on read instead). */
  message: z.optional(eventMessageSchema),
  publishedAt: z.optional(z.iso.datetime({ offset: true })),
  messageId: z.optional(z.string()),
  lastError: z.optional(z.string()),
});
export type StoredEvent = Omit<z.infer<typeof storedEventSchema>, 'message'> & {
  event: SignalEvent;
  message: EventMessage;
};

/** The event item and its outbox entry, for the state's transaction. */
export function newEventItems(rendered: RenderedEvent): {
  eventItem: Record<string, unknown>;
  outboxItem: Record<string, unknown>;
  logItem: Record<string, unknown>;
} {
  const valid = signalEventSchema.parse(rendered.document);
  const message = eventMessageSchema.parse(rendered.message);
  return {
    eventItem: {
      ...keys.signalEvent(valid.id),
      entity: Entity.SignalEvent,
      eventId: valid.id,
      signal: valid.signal,
      subject: valid.subject,
      severity: valid.severity,
      transition: valid.transition,
      occurredAt: valid.occurredAt,
      status: 'pending' satisfies EventStatus,
      attempts: 0,
      document: JSON.stringify(valid),
      message,
    },
    outboxItem: {
      ...keys.outboxEntry(valid.occurredAt, valid.id),
      entity: Entity.OutboxEntry,
      eventId: valid.id,
      occurredAt: valid.occurredAt,
    },
    // The read API's list of recent events (GET /v1/signals): the document as published.
    logItem: {
      ...keys.eventLogEntry(valid.occurredAt, valid.id),
      entity: Entity.EventLogEntry,
      eventId: valid.id,
      occurredAt: valid.occurredAt,
      document: JSON.stringify(valid),
    },
  };
}

export function readStoredEvent(item: Record<string, unknown>): StoredEvent {
  const stored = storedEventSchema.parse(item);
  const event = signalEventSchema.parse(JSON.parse(stored.document));
  return { ...stored, event, message: stored.message ?? renderEventMessage(event) };
}

/** The stored document as an event, or why this build cannot read it. */
export function readEventDocument(item: Record<string, unknown>): { event: RenderedEvent } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(String(item.document));
  } catch (error) {
    return { error: `document is not JSON: ${(error as Error).message}` };
  }
  const parsed = signalEventSchema.safeParse(json);
  if (parsed.success) {
    // Items from builds before the message was stored are rendered on read, once, here.
    const message = eventMessageSchema.safeParse(item.message);
    return {
      event: { document: parsed.data, message: message.success ? message.data : renderEventMessage(parsed.data) },
    };
  }
  return { error: `document fails the event schema: ${describeIssues(parsed.error)}` };
}

export const eventStatusSchema = z.pick(storedEventSchema, { status: true, attempts: true, lastError: true });

const logItemSchema = z.object({ document: z.string() });

/** An event-log entry's document as the published event, or why this build cannot read it. */
export function readEventLogDocument(item: Record<string, unknown>): { event: SignalEvent } | { error: string } {
  const entry = logItemSchema.safeParse(item);
  if (!entry.success) return { error: `log entry has no document: ${describeIssues(entry.error)}` };
  let json: unknown;
  try {
    json = JSON.parse(entry.data.document);
  } catch (error) {
    return { error: `document is not JSON: ${(error as Error).message}` };
  }
  const parsed = signalEventSchema.safeParse(json);
  return parsed.success
    ? { event: parsed.data }
    : { error: `document fails the event schema: ${describeIssues(parsed.error)}` };
}

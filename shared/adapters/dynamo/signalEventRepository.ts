/**
 * Events and their outbox. An event item (EVENT#<id>/EVENT) keeps the exact document published
 * (as JSON text), its message as rendered when the transition was decided (subject, text, details;
 * publishing sends it as stored), and a status: pending -> publishing (claimed, with a lease) ->
 * published. Items written before the message was stored have none: it is rendered from the
 * document on read (the same detector wording), so an upgrade in place publishes them unchanged. A small
 * outbox entry (OUTBOX/EVENT#<occurredAt>#<id>) exists while the event is unpublished, so the
 * pending events are one Query away, oldest first. The event and its outbox entry are written in
 * the same transaction as the signal state that produced them (signalStateRepository.ts).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { OutboxEntry, OutboxStore } from '../../compute/ports';
import { signalEventSchema, type SignalEvent } from '../../domain/signals/eventDocument';
import {
  eventMessageSchema,
  renderEventMessage,
  type EventMessage,
  type RenderedEvent,
} from '../../domain/signals/eventMessage';
import { documentClient, isConditionalCheckFailure, isTransactionConditionFailure } from './documentClient';
import { Entity, keys } from './tableKeys';

export const EVENT_STATUSES = ['pending', 'publishing', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const storedEventSchema = z.object({
  eventId: z.string(),
  status: z.enum(EVENT_STATUSES),
  attempts: z.number().int().nonnegative(),
  document: z.string(),
  /** Absent on items written by builds before 2026-12 (rendered on read instead). */
  message: eventMessageSchema.optional(),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  messageId: z.string().optional(),
  lastError: z.string().optional(),
});
export type StoredEvent = Omit<z.infer<typeof storedEventSchema>, 'message'> & {
  event: SignalEvent;
  message: EventMessage;
};

/** The event item and its outbox entry, for the state's transaction. */
export function newEventItems(rendered: RenderedEvent): {
  eventItem: Record<string, unknown>;
  outboxItem: Record<string, unknown>;
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
  };
}

function parseStored(item: Record<string, unknown>): StoredEvent {
  const stored = storedEventSchema.parse(item);
  const event = signalEventSchema.parse(JSON.parse(stored.document));
  return { ...stored, event, message: stored.message ?? renderEventMessage(event) };
}

export class DynamoSignalEventRepository implements OutboxStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async get(eventId: string): Promise<StoredEvent | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.signalEvent(eventId), ConsistentRead: true }),
    );
    return out.Item ? parseStored(out.Item) : undefined;
  }

  async listPending(limit: number): Promise<OutboxEntry[]> {
    const { pk, skPrefix } = keys.outboxPrefix;
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => ({ eventId: String(item.eventId), occurredAt: String(item.occurredAt) }));
  }

  async claim(
    eventId: string,
    claimToken: string,
    nowMs: number,
    leaseUntilMs: number,
  ): Promise<RenderedEvent | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signalEvent(eventId),
          UpdateExpression:
            'SET #status = :publishing, claimToken = :token, leaseUntil = :lease, attempts = attempts + :one',
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :pending OR (#status = :publishing AND leaseUntil < :now))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':publishing': 'publishing',
            ':pending': 'pending',
            ':token': claimToken,
            ':lease': leaseUntilMs,
            ':now': nowMs,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!out.Attributes) return undefined;
      const stored = parseStored(out.Attributes);
      return { document: stored.event, message: stored.message };
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }

  async markPublished(
    event: SignalEvent,
    claimToken: string,
    publishedAtMs: number,
    messageId: string | undefined,
  ): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.signalEvent(event.id),
                UpdateExpression: `SET #status = :published, publishedAt = :at${messageId ? ', messageId = :mid' : ''} REMOVE claimToken, leaseUntil, lastError`,
                ConditionExpression: 'claimToken = :token',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':published': 'published',
                  ':at': new Date(publishedAtMs).toISOString(),
                  ':token': claimToken,
                  ...(messageId ? { ':mid': messageId } : {}),
                },
              },
            },
            { Delete: { TableName: this.tableName, Key: keys.outboxEntry(event.occurredAt, event.id) } },
          ],
        }),
      );
    } catch (error) {
      // Our lease ran out and another worker took the event over: it will mark it.
      if (isTransactionConditionFailure(error)) return;
      throw error;
    }
  }

  async release(eventId: string, claimToken: string, error: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signalEvent(eventId),
          UpdateExpression: 'SET #status = :pending, lastError = :error REMOVE claimToken, leaseUntil',
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':error': error.slice(0, 1000), ':token': claimToken },
        }),
      );
    } catch (e) {
      if (isConditionalCheckFailure(e)) return;
      throw e;
    }
  }
}

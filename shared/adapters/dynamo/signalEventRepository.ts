/**
 * Events and their outbox. An event item (EVENT#<id>/EVENT) keeps the exact document published
 * (as JSON text) and a status: pending -> publishing (claimed, with a lease) -> published. A small
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
import type { OutboxEntry, OutboxStore } from '../../compute/computeSnapshot';
import { signalEventSchema, type SignalEvent } from '../../domain/signals/eventDocument';
import { documentClient, isConditionalCheckFailure, isTransactionConditionFailure } from './documentClient';
import { Entity, keys } from './tableKeys';

export const EVENT_STATUSES = ['pending', 'publishing', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const storedEventSchema = z.object({
  eventId: z.string(),
  status: z.enum(EVENT_STATUSES),
  attempts: z.number().int().nonnegative(),
  document: z.string(),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  messageId: z.string().optional(),
  lastError: z.string().optional(),
});
export type StoredEvent = z.infer<typeof storedEventSchema> & { event: SignalEvent };

/** The event item and its outbox entry, for the state's transaction. */
export function newEventItems(event: SignalEvent): {
  eventItem: Record<string, unknown>;
  outboxItem: Record<string, unknown>;
  logItem: Record<string, unknown>;
} {
  const valid = signalEventSchema.parse(event);
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

function parseStored(item: Record<string, unknown>): StoredEvent {
  const stored = storedEventSchema.parse(item);
  return { ...stored, event: signalEventSchema.parse(JSON.parse(stored.document)) };
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
  ): Promise<SignalEvent | undefined> {
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
      return out.Attributes ? parseStored(out.Attributes).event : undefined;
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

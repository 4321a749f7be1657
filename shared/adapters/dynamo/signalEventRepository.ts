/**
 * Events and their outbox. An event item (EVENT#<id>/EVENT) keeps the exact document published
 * (as JSON text), its message as rendered when the transition was decided (subject, text, details;
 * publishing sends it as stored), and a status: pending -> publishing (claimed, with a lease) ->
 * published. Items written before the message was stored have none: it is rendered from the
 * document on read (the same detector wording), so an upgrade in place publishes them unchanged. A small
 * outbox entry (OUTBOX/EVENT#<occurredAt>#<id>) exists while the event is unpublished, so the
 * pending events are one Query away, oldest first. The event and its outbox entry are written in
 * the same transaction as the signal state that produced them (signalStateRepository.ts). The items
 * and their schemas are shared/store/signalEvent.ts.
 */
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from '../../schema/z';
import type { ClaimResult, OutboxEntry, OutboxStore } from '../../compute/ports';
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { eventStatusSchema, readEventDocument, readStoredEvent, type StoredEvent } from '../../store/signalEvent';
import { keys } from '../../store/tableKeys';
import { isConditionalCheckFailure, isTransactionConditionFailure, refusedItem, TableAdapter } from './documentClient';

export { newEventItems, type StoredEvent } from '../../store/signalEvent';

export class DynamoSignalEventRepository extends TableAdapter implements OutboxStore {
  async get(eventId: string): Promise<StoredEvent | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.signalEvent(eventId), ConsistentRead: true }),
    );
    return out.Item ? readStoredEvent(out.Item) : undefined;
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

  /** Status, attempts and last error, without reading the document (which may be unreadable). */
  async getStatus(eventId: string): Promise<z.infer<typeof eventStatusSchema> | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.signalEvent(eventId), ConsistentRead: true }),
    );
    return out.Item ? eventStatusSchema.parse(out.Item) : undefined;
  }

  async claim(entry: OutboxEntry, claimToken: string, nowMs: number, leaseUntilMs: number): Promise<ClaimResult> {
    let attributes: Record<string, unknown> | undefined;
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signalEvent(entry.eventId),
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
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      attributes = out.Attributes;
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      // Our own claim, applied by an attempt whose answer came after the SDK's request timeout:
      // the retry is refused by the write it repeats. Read as "held", the drain would wait out
      // the lease (minutes) for a claim nobody else holds.
      const current = refusedItem(error);
      if (current?.claimToken !== claimToken) return this.whyNotClaimed(entry);
      attributes = current;
    }
    const read = attributes ? readEventDocument(attributes) : { error: 'claim returned no item' };
    if ('event' in read) return { kind: 'claimed', event: read.event };
    await this.setAside(entry, claimToken, read.error);
    return { kind: 'unpublishable', error: read.error };
  }

  /**
   * Held by a live claim (later events must wait), or nothing left to publish. Only a successful
   * read that finds no event means "no such event": a failed read (AccessDenied, throttling) throws,
   * so the drain stops here instead of dropping a held event's outbox entry.
   */
  private async whyNotClaimed(entry: OutboxEntry): Promise<ClaimResult> {
    const status = (await this.getStatus(entry.eventId))?.status;
    if (status === 'publishing') return { kind: 'held' };
    if (status === undefined) {
      // An outbox entry without its event (a manual delete): nothing to publish, drop the entry.
      await this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: keys.outboxEntry(entry.occurredAt, entry.eventId) }),
      );
    }
    return { kind: 'done' };
  }

  /** Marks an event this build cannot read `unpublishable` (kept, with the reason) and takes it out of the outbox. */
  private async setAside(entry: OutboxEntry, claimToken: string, reason: string): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.signalEvent(entry.eventId),
              UpdateExpression: 'SET #status = :unpublishable, lastError = :error REMOVE claimToken, leaseUntil',
              ConditionExpression: 'claimToken = :token',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':unpublishable': 'unpublishable',
                ':error': reason.slice(0, 1000),
                ':token': claimToken,
              },
            },
          },
          { Delete: { TableName: this.tableName, Key: keys.outboxEntry(entry.occurredAt, entry.eventId) } },
        ],
      }),
    );
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

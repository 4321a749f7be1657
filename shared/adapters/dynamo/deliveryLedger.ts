/**
 * The delivery ledger in the table: one item per (event, channel), DELIVERY#<eventId> /
 * <channelKey>, claimed and settled with conditional UpdateItem calls only (the notifier's one
 * table action). A claim succeeds when the pair is new or its last attempt certainly failed;
 * otherwise the existing status comes back with the refusal (ReturnValuesOnConditionCheckFailure),
 * so no extra read is needed; a refusal of our own claim (an SDK retry of a write that was applied
 * but answered late) is recognised by its claim id. Items expire after DELIVERY_RETENTION_DAYS, long after SNS and
 * Lambda have stopped redelivering (hours).
 */
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MS_PER_DAY } from '../../domain/units';
import {
  DELIVERY_STATUSES,
  type ClaimRequest,
  type ClaimResult,
  type DeliveryLedger,
  type DeliveryStatus,
  type SettleRequest,
} from '../../notify/deliveryLedger';
import { isConditionalCheckFailure, refusedItem, TableAdapter } from './documentClient';
import { Entity, keys, TTL_ATTRIBUTE } from '../../store/tableKeys';

export const DELIVERY_RETENTION_DAYS = 30;

export class DynamoDeliveryLedger extends TableAdapter implements DeliveryLedger {
  async claim(request: ClaimRequest): Promise<ClaimResult> {
    const claimId = randomUUID();
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.notificationDelivery(request.eventId, request.channelKey),
          UpdateExpression:
            'SET entity = :entity, channelType = :type, #status = :sending, claimId = :claim, claimedAt = :now, leaseUntil = :lease, #ttl = :ttl ADD claims :one',
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :failed',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':entity': Entity.NotificationDelivery,
            ':type': request.channelType,
            ':sending': 'sending' satisfies DeliveryStatus,
            ':failed': 'failed' satisfies DeliveryStatus,
            ':claim': claimId,
            ':now': request.now.toISOString(),
            ':lease': request.leaseUntil.toISOString(),
            ':ttl': Math.floor((request.now.getTime() + DELIVERY_RETENTION_DAYS * MS_PER_DAY) / 1000),
            ':one': 1,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true, claimId };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      const old = refusedItem(error) ?? {};
      const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
      // Our own claim, applied by an attempt whose answer came too late (the SDK's request
      // timeout): the retry is refused by the write it repeats. Read as "held by another
      // invocation", the alert was left to a Lambda retry that found it "sending" and never
      // posted it (a deployed-asset run under load lost one this way).
      if (text(old.claimId) === claimId) return { claimed: true, claimId };
      const status = text(old.status);
      const leaseUntil = text(old.leaseUntil);
      return {
        claimed: false,
        // An unreadable record is treated as the cautious case: maybe posted.
        status: (DELIVERY_STATUSES as readonly string[]).includes(status ?? '')
          ? (status as DeliveryStatus)
          : 'unknown',
        ...(leaseUntil ? { leaseUntil } : {}),
      };
    }
  }

  async settle(request: SettleRequest): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.notificationDelivery(request.eventId, request.channelKey),
        UpdateExpression: 'SET #status = :status, settledAt = :at, attempts = :attempts, detail = :detail',
        // Only the invocation holding the claim settles it.
        ConditionExpression: 'claimId = :claim',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': request.status,
          ':at': request.at.toISOString(),
          ':attempts': request.attempts,
          ':detail': request.detail ?? '',
          ':claim': request.claimId,
        },
      }),
    );
  }
}

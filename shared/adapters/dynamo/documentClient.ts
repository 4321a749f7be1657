/**
 * The one document client every repository uses, and the small query helpers they share. Their
 * reads take the running request's deadline (shared/async/requestDeadline.ts) when there is one.
 * Hashrate in H/s (~1e21) lies beyond Number.MAX_SAFE_INTEGER: without these options the client
 * refuses to write it and reads it back as a BigInt. A double has 17 significant digits and
 * DynamoDB keeps 38, so the round trip is exact.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { sendOptions } from '../../async/requestDeadline';
import { withoutStorageAttributes } from '../../store/storageAttributes';

/** Numbers as plain numbers, even beyond 2^53 (see above). */
export const wrapNumbersAsNumber = (value: string): number => Number(value);

/**
 * Fresh translate options for each client: lib-dynamodb writes into the objects it is given
 * (it sets `unmarshallOptions.convertWithoutMapWrapper = true`), so a shared options object
 * later passed to `unmarshall` would make it treat a whole item as one attribute value.
 */
export function translateOptions() {
  return {
    marshallOptions: { removeUndefinedValues: true, allowImpreciseNumbers: true },
    unmarshallOptions: { wrapNumbers: wrapNumbersAsNumber },
  };
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, translateOptions());
}

/** The base of the table's adapters: a document client (documentClient above) and the table's name. */
export abstract class TableAdapter {
  protected readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    protected readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  /** The newest item whose sort key starts with the prefix, parsed without its storage attributes. */
  protected async newestItem<T>(
    prefix: { pk: string; skPrefix: string },
    schema: { parse(value: unknown): T },
  ): Promise<T | undefined> {
    const [item] = await queryNewest(this.doc, this.tableName, prefix, 1);
    return item ? schema.parse(withoutStorageAttributes(item)) : undefined;
  }

  /** The item at one key, parsed without its storage attributes; undefined when there is none. */
  protected async itemAt<T>(
    key: { pk: string; sk: string },
    schema: { parse(value: unknown): T },
  ): Promise<T | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key }), sendOptions());
    return out.Item ? schema.parse(withoutStorageAttributes(out.Item)) : undefined;
  }
}

/**
 * The newest `limit` items of one partition whose sort key starts with `skPrefix`, newest first
 * (sort keys embed ISO times or zero-padded numbers, so they sort chronologically).
 */
export async function queryNewest(
  doc: DynamoDBDocumentClient,
  tableName: string,
  prefix: { pk: string; skPrefix: string },
  limit: number,
): Promise<Record<string, unknown>[]> {
  const page = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
    sendOptions(),
  );
  return (page.Items ?? []) as Record<string, unknown>[];
}

/**
 * Every item of one partition whose sort key starts with `prefix.skPrefix` (the whole partition
 * without one), oldest first, across all pages. With `fromSk` (and optionally `toSk`) only the sort
 * keys in that range (inclusive; the range ends with the prefix when `toSk` is absent); with
 * `limit`, at most that many items; `consistentRead` for reads that must see the latest write
 * (optimistic concurrency).
 */
export async function queryAllByPrefix(
  doc: DynamoDBDocumentClient,
  tableName: string,
  prefix: { pk: string; skPrefix?: string },
  options: { fromSk?: string; toSk?: string; limit?: number; consistentRead?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const { fromSk, toSk, limit, consistentRead } = options;
  const range =
    fromSk !== undefined
      ? {
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': prefix.pk,
            ':from': fromSk,
            ':to': toSk ?? `${prefix.skPrefix ?? ''}\uffff`,
          },
        }
      : prefix.skPrefix !== undefined
        ? {
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
          }
        : { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': prefix.pk } };
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        ...range,
        ...(consistentRead ? { ConsistentRead: true } : {}),
        ...(limit !== undefined ? { Limit: limit - items.length } : {}),
        ExclusiveStartKey: startKey,
      }),
      sendOptions(),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    startKey = limit === undefined || items.length < limit ? page.LastEvaluatedKey : undefined;
  } while (startKey);
  return items;
}

export function isConditionalCheckFailure(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'ConditionalCheckFailedException';
}

/**
 * The item a refused conditional write found (asked with ReturnValuesOnConditionCheckFailure
 * 'ALL_OLD'), as plain values: the document client leaves it as raw attribute values. Undefined
 * when the refusal carries none (the item did not exist).
 */
export function refusedItem(error: unknown): Record<string, unknown> | undefined {
  const item = (error as { Item?: Record<string, AttributeValue> } | undefined)?.Item;
  return item ? unmarshall(item, { wrapNumbers: wrapNumbersAsNumber }) : undefined;
}

/** A transaction cancelled because one of its conditions failed (not throttling or a conflict of transactions). */
export function isTransactionConditionFailure(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] } | undefined;
  if (e?.name !== 'TransactionCanceledException') return false;
  return (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
}

/** Another transaction touched the same items at the same time: retrying is right. */
export function isTransactionConflict(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] } | undefined;
  return (
    e?.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')
  );
}

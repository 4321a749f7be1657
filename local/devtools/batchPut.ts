/**
 * Seeds a table fast (the tests' and the simulation's history): items in batches of 25, what
 * DynamoDB leaves unprocessed sent again until none is left.
 */
import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

const BATCH_WRITE_MAX_ITEMS = 25;

export async function batchPut(
  client: DynamoDBClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_WRITE_MAX_ITEMS) {
    let requests = items.slice(i, i + BATCH_WRITE_MAX_ITEMS).map((item) => ({
      PutRequest: { Item: marshall(item, { removeUndefinedValues: true, allowImpreciseNumbers: true }) },
    }));
    while (requests.length > 0) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/**
 * Reads the newest stored network snapshot for the calculator: one Query on pk NETWORK, sort keys
 * beginning with SNAP#, newest first, one item (tableKeys.ts). Read-only; the item's storage keys
 * (pk, sk, entity, expiresAt) are dropped and the rest validated as a NetworkSnapshot, so a stored
 * item of another shape is reported, never priced.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import type { LatestSnapshotReader } from '../../calculator/calculate';
import { TTL_ATTRIBUTE, keys } from './tableKeys';

export class StoredSnapshotInvalidError extends Error {
  constructor(sk: string, detail: string) {
    super(`stored network snapshot ${sk} is not a valid NetworkSnapshot: ${detail}`);
    this.name = 'StoredSnapshotInvalidError';
  }
}

export class DynamoLatestSnapshotReader implements LatestSnapshotReader {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    // Hashrate in H/s (~1e21) is beyond Number.MAX_SAFE_INTEGER: the SDK would hand back a BigInt
    // (or throw); a plain float is what the domain uses and all the precision it needs.
    this.documents = DynamoDBDocumentClient.from(client, { unmarshallOptions: { wrapNumbers: (value: string) => Number(value) } });
  }

  async latestSnapshot(): Promise<NetworkSnapshot | undefined> {
    const { pk, skPrefix } = keys.networkSnapshotPrefix;
    const result = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = result.Items?.[0];
    if (!item) return undefined;
    const { pk: _pk, sk, entity: _entity, [TTL_ATTRIBUTE]: _expiresAt, ...fields } = item;
    const parsed = networkSnapshotSchema.safeParse(fields);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
      throw new StoredSnapshotInvalidError(String(sk), detail);
    }
    return parsed.data;
  }
}

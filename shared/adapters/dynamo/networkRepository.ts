/**
 * The network side of the single table (its items: shared/store/network.ts): raw snapshots (TTL'd), daily rollups and difficulty epochs
 * (kept), and the backfill progress marker. Every item is a plain item: the key (pk/sk), a top-level
 * `entity` string, the record's own fields, and `expiresAt` (epoch seconds) where it expires.
 *
 * Every write is a conditional put on attribute_not_exists(pk): a rerun in the same interval or two
 * overlapping invocations store exactly one item, the stream sees exactly one INSERT, and nothing
 * already stored is ever overwritten by a later (possibly worse) reading. A put is all-or-nothing,
 * so no partial item can exist.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dailyNetworkSchema, type DailyNetwork } from '../../domain/dailyNetwork';
import { difficultyEpochSchema, type DifficultyEpoch } from '../../domain/difficultyEpoch';
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import type { BackfillProgress, NetworkRepository, PutOutcome } from '../../ingest/ports';
import {
  backfillProgressItem,
  backfillProgressSchema,
  dailyNetworkItem,
  difficultyEpochItem,
  networkSnapshotItem,
} from '../../store/network';
import { queryAllByPrefix, TableAdapter } from './documentClient';
import { withoutStorageAttributes } from '../../store/storageAttributes';
import { keys } from '../../store/tableKeys';

export class DynamoNetworkRepository extends TableAdapter implements NetworkRepository {
  private async putOnce(item: Record<string, unknown>): Promise<PutOutcome> {
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return 'stored';
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as { name?: string }).name === 'ConditionalCheckFailedException'
      ) {
        return 'duplicate';
      }
      throw error;
    }
  }

  async putSnapshot(snapshot: NetworkSnapshot, expiresAtEpochSeconds: number): Promise<PutOutcome> {
    return this.putOnce(networkSnapshotItem(snapshot, expiresAtEpochSeconds));
  }

  async latestSnapshot(): Promise<NetworkSnapshot | undefined> {
    return this.newestItem(keys.networkSnapshotPrefix, networkSnapshotSchema);
  }

  async getSnapshot(intervalStart: string): Promise<NetworkSnapshot | undefined> {
    return this.itemAt(keys.networkSnapshot(intervalStart), networkSnapshotSchema);
  }

  async putDaily(day: DailyNetwork): Promise<PutOutcome> {
    return this.putOnce(dailyNetworkItem(day));
  }

  async latestDaily(): Promise<DailyNetwork | undefined> {
    return this.newestItem(keys.dailyNetworkPrefix, dailyNetworkSchema);
  }

  async listDaily(fromDate?: string): Promise<DailyNetwork[]> {
    const fromSk = fromDate ? keys.dailyNetwork(fromDate).sk : undefined;
    const items = await queryAllByPrefix(this.doc, this.tableName, keys.dailyNetworkPrefix, { fromSk });
    return items.map((i) => dailyNetworkSchema.parse(withoutStorageAttributes(i)));
  }

  async putEpoch(epoch: DifficultyEpoch): Promise<PutOutcome> {
    return this.putOnce(difficultyEpochItem(epoch));
  }

  async latestEpoch(): Promise<DifficultyEpoch | undefined> {
    return this.newestItem(keys.difficultyEpochPrefix, difficultyEpochSchema);
  }

  async listEpochs(): Promise<DifficultyEpoch[]> {
    const items = await queryAllByPrefix(this.doc, this.tableName, keys.difficultyEpochPrefix);
    return items.map((i) => difficultyEpochSchema.parse(withoutStorageAttributes(i)));
  }

  async getBackfillProgress(): Promise<BackfillProgress | undefined> {
    return this.itemAt(keys.backfillProgress(), backfillProgressSchema);
  }

  async putBackfillProgress(progress: BackfillProgress): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: backfillProgressItem(progress) }));
  }
}

/**
 * The network side of the single table: raw snapshots (TTL'd), daily rollups and difficulty epochs
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
import * as z from 'zod';
import { dailyNetworkSchema, type DailyNetwork } from '../../domain/dailyNetwork';
import { difficultyEpochSchema, type DifficultyEpoch } from '../../domain/difficultyEpoch';
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import type { BackfillProgress, NetworkRepository, PutOutcome } from '../../ingest/ports';
import { queryAllByPrefix, withoutStorageAttributes, TableAdapter } from './documentClient';
import { Entity, keys, TTL_ATTRIBUTE } from './tableKeys';

export const backfillProgressSchema = z.object({
  /** Steps finished so far, in order; a rerun skips them. */
  completedSteps: z.array(z.enum(['epochs', 'daily'])),
  status: z.enum(['running', 'complete']),
  updatedAt: z.iso.datetime({ offset: true }),
  epochsStored: z.number().int().nonnegative().default(0),
  daysStored: z.number().int().nonnegative().default(0),
}) satisfies z.ZodType<BackfillProgress, unknown>;

/** Validates before any write, with an error that names the record and the offending fields. */
function validated<T>(what: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`refusing to store an invalid ${what}: ${issues}`);
}

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
    const valid = validated('NetworkSnapshot', networkSnapshotSchema, snapshot);
    return this.putOnce({
      ...keys.networkSnapshot(valid.intervalStart),
      entity: Entity.NetworkSnapshot,
      ...valid,
      [TTL_ATTRIBUTE]: expiresAtEpochSeconds,
    });
  }

  async latestSnapshot(): Promise<NetworkSnapshot | undefined> {
    return this.newestItem(keys.networkSnapshotPrefix, networkSnapshotSchema);
  }

  async getSnapshot(intervalStart: string): Promise<NetworkSnapshot | undefined> {
    return this.itemAt(keys.networkSnapshot(intervalStart), networkSnapshotSchema);
  }

  async putDaily(day: DailyNetwork): Promise<PutOutcome> {
    const valid = validated('DailyNetwork', dailyNetworkSchema, day);
    return this.putOnce({ ...keys.dailyNetwork(valid.date), entity: Entity.DailyNetwork, ...valid });
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
    const valid = validated('DifficultyEpoch', difficultyEpochSchema, epoch);
    return this.putOnce({ ...keys.difficultyEpoch(valid.epoch), entity: Entity.DifficultyEpoch, ...valid });
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
    const valid = validated('BackfillProgress', backfillProgressSchema, progress);
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.backfillProgress(), entity: Entity.BackfillProgress, ...valid },
      }),
    );
  }
}

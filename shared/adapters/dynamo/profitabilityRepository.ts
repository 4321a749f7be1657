/**
 * Profitability records, one per network snapshot (PROFIT/SNAP#<intervalStart>), expiring like the
 * raw snapshots (TTL). A recompute of the same snapshot writes the same record, so a plain put is
 * idempotent.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProfitabilityStore } from '../../compute/ports';
import { profitabilityRecordSchema, type ProfitabilityRecord } from '../../compute/profitabilityRecord';
import { TableAdapter } from './documentClient';
import { Entity, keys, TTL_ATTRIBUTE } from './tableKeys';
import { SECONDS_PER_DAY } from '../../domain/units';

export class DynamoProfitabilityRepository extends TableAdapter implements ProfitabilityStore {
  constructor(
    client: DynamoDBClient,
    tableName: string,
    private readonly retentionDays: number,
  ) {
    super(client, tableName);
  }

  async put(record: ProfitabilityRecord): Promise<void> {
    const valid = profitabilityRecordSchema.parse(record);
    const expiresAt = Math.floor(Date.parse(valid.intervalStart) / 1000) + this.retentionDays * SECONDS_PER_DAY;
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.profitabilityRecord(valid.intervalStart),
          entity: Entity.ProfitabilityRecord,
          ...valid,
          [TTL_ATTRIBUTE]: expiresAt,
        },
      }),
    );
  }

  async get(intervalStart: string): Promise<ProfitabilityRecord | undefined> {
    return this.itemAt(keys.profitabilityRecord(intervalStart), profitabilityRecordSchema);
  }

  async latest(): Promise<ProfitabilityRecord | undefined> {
    return this.newestItem(keys.profitabilityRecordPrefix, profitabilityRecordSchema);
  }
}

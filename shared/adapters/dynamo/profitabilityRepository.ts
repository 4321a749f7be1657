/**
 * Profitability records, one per network snapshot (PROFIT/SNAP#<intervalStart>), expiring like the
 * raw snapshots (TTL). A recompute of the same snapshot writes the same record, so a plain put is
 * idempotent.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProfitabilityStore } from '../../compute/ports';
import { profitabilityRecordSchema, type ProfitabilityRecord } from '../../compute/profitabilityRecord';
import { queryNewest, withoutStorageAttributes, TableAdapter } from './documentClient';
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
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.profitabilityRecord(intervalStart) }),
    );
    return out.Item ? profitabilityRecordSchema.parse(withoutStorageAttributes(out.Item)) : undefined;
  }

  async latest(): Promise<ProfitabilityRecord | undefined> {
    const [item] = await queryNewest(this.doc, this.tableName, keys.profitabilityRecordPrefix, 1);
    return item ? profitabilityRecordSchema.parse(withoutStorageAttributes(item)) : undefined;
  }
}

/**
 * Profitability records, one per network snapshot (PROFIT/SNAP#<intervalStart>), expiring like the
 * raw snapshots (TTL); the item and its schema are shared/store/profitabilityRecord.ts. A recompute of the same snapshot writes the same record, so a plain put is
 * idempotent.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProfitabilityStore } from '../../compute/ports';
import {
  profitabilityRecordItem,
  profitabilityRecordSchema,
  type ProfitabilityRecord,
} from '../../store/profitabilityRecord';
import { keys } from '../../store/tableKeys';
import { TableAdapter } from './documentClient';

export class DynamoProfitabilityRepository extends TableAdapter implements ProfitabilityStore {
  constructor(
    client: DynamoDBClient,
    tableName: string,
    private readonly retentionDays: number,
  ) {
    super(client, tableName);
  }

  async put(record: ProfitabilityRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: profitabilityRecordItem(record, this.retentionDays) }),
    );
  }

  async get(intervalStart: string): Promise<ProfitabilityRecord | undefined> {
    return this.itemAt(keys.profitabilityRecord(intervalStart), profitabilityRecordSchema);
  }

  async latest(): Promise<ProfitabilityRecord | undefined> {
    return this.newestItem(keys.profitabilityRecordPrefix, profitabilityRecordSchema);
  }
}

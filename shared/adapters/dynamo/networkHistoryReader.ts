/**
 * Reads what the compute needs of the ingest's items: daily rollups (DAILY/DAY#<date>) and
 * difficulty epochs (EPOCH/EPOCH#<000123>). Compute's own small reader (it does not import the
 * ingest's repository); items are parsed with the domain schemas, so bad data fails loudly here.
 */
import { dailyNetworkSchema, type DailyNetwork } from '../../domain/dailyNetwork';
import { difficultyEpochSchema, type DifficultyEpoch } from '../../domain/difficultyEpoch';
import type { NetworkHistoryReader } from '../../compute/ports';
import { queryAllByPrefix, queryNewest, TableAdapter } from './documentClient';
import { withoutStorageAttributes } from '../../store/storageAttributes';
import { keys } from '../../store/tableKeys';

export class DynamoNetworkHistoryReader extends TableAdapter implements NetworkHistoryReader {
  async dailySince(fromDate: string): Promise<DailyNetwork[]> {
    const items = await queryAllByPrefix(this.doc, this.tableName, keys.dailyNetworkPrefix, {
      fromSk: keys.dailyNetwork(fromDate).sk,
    });
    return items.map((item) => dailyNetworkSchema.parse(withoutStorageAttributes(item)));
  }

  async latestEpochs(count: number): Promise<DifficultyEpoch[]> {
    const items = await queryNewest(this.doc, this.tableName, keys.difficultyEpochPrefix, count);
    return items.map((item) => difficultyEpochSchema.parse(withoutStorageAttributes(item))).reverse();
  }
}

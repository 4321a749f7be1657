/**
 * Read-only adapters of the read API (shared/api/ports.ts). Every call is a Query or a GetItem on
 * a partition of tableKeys.ts: PROFIT (latest profitability), NETWORK (its snapshot), SIGNAL
 * (states), EVENTLOG (recent events), DAILY (the daily series). Items are parsed with the domain
 * schemas, so a stored item of another shape fails loudly instead of being served.
 */
import * as z from 'zod';
import type { DailyHistoryReader, LatestStateReader, SignalReader } from '../../api/ports';
import { profitabilityRecordSchema, type ProfitabilityRecord } from '../../compute/profitabilityRecord';
import { dailyNetworkSchema, type DailyNetwork } from '../../domain/dailyNetwork';
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import { signalEventSchema, type SignalEvent } from '../../domain/signals/eventDocument';
import { signalStateSchema, type SignalState } from '../../domain/signals/signalState';
import { queryAllByPrefix, queryNewest, withoutStorageAttributes, TableAdapter } from './documentClient';
import { keys } from './tableKeys';

const logItemSchema = z.object({ document: z.string() });

export class DynamoLatestStateReader extends TableAdapter implements LatestStateReader {
  async latestProfitability(): Promise<ProfitabilityRecord | undefined> {
    return this.newestItem(keys.profitabilityRecordPrefix, profitabilityRecordSchema);
  }

  async snapshot(intervalStart: string): Promise<NetworkSnapshot | undefined> {
    return this.itemAt(keys.networkSnapshot(intervalStart), networkSnapshotSchema);
  }

  async latestSnapshot(): Promise<NetworkSnapshot | undefined> {
    return this.newestItem(keys.networkSnapshotPrefix, networkSnapshotSchema);
  }
}

export class DynamoSignalReader extends TableAdapter implements SignalReader {
  async states(): Promise<SignalState[]> {
    const items = await queryAllByPrefix(this.doc, this.tableName, keys.signalStatePrefix);
    return items.map((item) => signalStateSchema.parse(withoutStorageAttributes(item)));
  }

  async recentEvents(limit: number): Promise<SignalEvent[]> {
    const items = await queryNewest(this.doc, this.tableName, keys.eventLogPrefix, limit);
    return items.map((item) => signalEventSchema.parse(JSON.parse(logItemSchema.parse(item).document)));
  }
}

export class DynamoDailyHistoryReader extends TableAdapter implements DailyHistoryReader {
  async daysBetween(fromDate: string, toDate: string, limit: number): Promise<DailyNetwork[]> {
    const items = await queryAllByPrefix(this.doc, this.tableName, keys.dailyNetworkPrefix, {
      fromSk: keys.dailyNetwork(fromDate).sk,
      toSk: keys.dailyNetwork(toDate).sk,
      limit,
    });
    return items.map((item) => dailyNetworkSchema.parse(withoutStorageAttributes(item)));
  }
}

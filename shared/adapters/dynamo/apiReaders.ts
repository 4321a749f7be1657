/**
 * Read-only adapters of the read API (shared/api/ports.ts). Every call is a Query or a GetItem on
 * a partition of tableKeys.ts: PROFIT (latest profitability), NETWORK (its snapshot), SIGNAL
 * (states), EVENTLOG (recent events), DAILY (the daily series). Items are parsed with the domain
 * schemas, so a stored item of another shape is never served: a signal state or an event the
 * compute tolerates (a signal this build does not know after a rollback, a document of a newer
 * schema) is skipped and reported (unreadableItem.ts), as the compute does; any other item that fails
 * its schema fails the read.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DailyHistoryReader, LatestStateReader, SignalReader } from '../../api/ports';
import { profitabilityRecordSchema, type ProfitabilityRecord } from '../../store/profitabilityRecord';
import { dailyNetworkSchema, type DailyNetwork } from '../../domain/dailyNetwork';
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import type { SignalEvent } from '../../domain/signals/eventDocument';
import { signalStateSchema, type SignalState } from '../../domain/signals/signalState';
import { queryAllByPrefix, queryNewest, TableAdapter } from './documentClient';
import { readEventLogDocument } from '../../store/signalEvent';
import { withoutStorageAttributes } from '../../store/storageAttributes';
import { keys } from '../../store/tableKeys';
import { describeIssues, itemKey, type UnreadableItemReporter } from '../../store/unreadableItem';

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

const SKIPPED = 'skipped (not served)';

export class DynamoSignalReader extends TableAdapter implements SignalReader {
  constructor(
    client: DynamoDBClient,
    tableName: string,
    private readonly reportUnreadable: UnreadableItemReporter = () => undefined,
  ) {
    super(client, tableName);
  }

  async states(): Promise<SignalState[]> {
    const items = await queryAllByPrefix(this.doc, this.tableName, keys.signalStatePrefix);
    return items.flatMap((item) => {
      const parsed = signalStateSchema.safeParse(withoutStorageAttributes(item));
      if (parsed.success) return [parsed.data];
      const error = describeIssues(parsed.error);
      this.reportUnreadable({ kind: 'signal-state', key: itemKey(item), error, action: SKIPPED });
      return [];
    });
  }

  /** The newest `limit` log entries, newest first, without those this build cannot read. */
  async recentEvents(limit: number): Promise<SignalEvent[]> {
    // DynamoDB refuses a Limit of 0; no event asked is no event read.
    if (limit === 0) return [];
    const items = await queryNewest(this.doc, this.tableName, keys.eventLogPrefix, limit);
    return items.flatMap((item) => {
      const read = readEventLogDocument(item);
      if ('event' in read) return [read.event];
      this.reportUnreadable({ kind: 'signal-event', key: itemKey(item), error: read.error, action: SKIPPED });
      return [];
    });
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

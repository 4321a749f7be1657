/**
 * Read-only adapters of the read API (shared/api/ports.ts). Every call is a Query or a GetItem on
 * a partition of tableKeys.ts: PROFIT (latest profitability), NETWORK (its snapshot), SIGNAL
 * (states), EVENTLOG (recent events), DAILY (the daily series). Items are parsed with the domain
 * schemas, so a stored item of another shape fails loudly instead of being served.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { DailyHistoryReader, LatestStateReader, SignalReader } from '../../api/ports';
import { profitabilityRecordSchema, type ProfitabilityRecord } from '../../compute/profitabilityRecord';
import { dailyNetworkSchema, type DailyNetwork } from '../../domain/dailyNetwork';
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import { signalEventSchema, type SignalEvent } from '../../domain/signals/eventDocument';
import { signalStateSchema, type SignalState } from '../../domain/signals/signalState';
import { documentClient, queryNewest, withoutStorageAttributes } from './documentClient';
import { keys } from './tableKeys';

const logItemSchema = z.object({ document: z.string() });

export class DynamoLatestStateReader implements LatestStateReader {
  private readonly doc: DynamoDBDocumentClient;
  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async latestProfitability(): Promise<ProfitabilityRecord | undefined> {
    const [item] = await queryNewest(this.doc, this.tableName, keys.profitabilityRecordPrefix, 1);
    return item ? profitabilityRecordSchema.parse(withoutStorageAttributes(item)) : undefined;
  }

  async snapshot(intervalStart: string): Promise<NetworkSnapshot | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.networkSnapshot(intervalStart) }),
    );
    return out.Item ? networkSnapshotSchema.parse(withoutStorageAttributes(out.Item)) : undefined;
  }

  async latestSnapshot(): Promise<NetworkSnapshot | undefined> {
    const [item] = await queryNewest(this.doc, this.tableName, keys.networkSnapshotPrefix, 1);
    return item ? networkSnapshotSchema.parse(withoutStorageAttributes(item)) : undefined;
  }
}

export class DynamoSignalReader implements SignalReader {
  private readonly doc: DynamoDBDocumentClient;
  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async states(): Promise<SignalState[]> {
    const { pk, skPrefix } = keys.signalStatePrefix;
    const states: SignalState[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) states.push(signalStateSchema.parse(withoutStorageAttributes(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return states;
  }

  async recentEvents(limit: number): Promise<SignalEvent[]> {
    const items = await queryNewest(this.doc, this.tableName, keys.eventLogPrefix, limit);
    return items.map((item) => signalEventSchema.parse(JSON.parse(logItemSchema.parse(item).document)));
  }
}

export class DynamoDailyHistoryReader implements DailyHistoryReader {
  private readonly doc: DynamoDBDocumentClient;
  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async daysBetween(fromDate: string, toDate: string, limit: number): Promise<DailyNetwork[]> {
    const days: DailyNetwork[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': keys.dailyNetworkPrefix.pk,
            ':from': keys.dailyNetwork(fromDate).sk,
            ':to': keys.dailyNetwork(toDate).sk,
          },
          Limit: limit - days.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) days.push(dailyNetworkSchema.parse(withoutStorageAttributes(item)));
      startKey = days.length < limit ? page.LastEvaluatedKey : undefined;
    } while (startKey);
    return days;
  }
}

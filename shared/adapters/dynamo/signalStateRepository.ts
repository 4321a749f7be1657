/**
 * Signal states (SIGNAL/STATE#<signal>#<subject>), one item per signal and subject, with a
 * version for optimistic concurrency. A state that carries a transition is written in one
 * transaction with its event, outbox entry and event-log entry: either the decision and its event are both
 * recorded, or neither is.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SignalStateChange, SignalStateStore, VersionedSignalState } from '../../compute/computeSnapshot';
import { signalStateSchema, stateKey } from '../../domain/signals/signalState';
import {
  documentClient,
  isConditionalCheckFailure,
  isTransactionConditionFailure,
  isTransactionConflict,
  withoutStorageAttributes,
} from './documentClient';
import { newEventItems } from './signalEventRepository';
import { Entity, keys } from './tableKeys';

export class DynamoSignalStateRepository implements SignalStateStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async list(): Promise<Map<string, VersionedSignalState>> {
    const { pk, skPrefix } = keys.signalStatePrefix;
    const states = new Map<string, VersionedSignalState>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
          // The version check needs the latest write, not an eventually consistent one.
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const state = signalStateSchema.parse(withoutStorageAttributes(item));
        states.set(stateKey(state.signal, state.subject), { state, version: Number(item.version) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return states;
  }

  async commit(change: SignalStateChange): Promise<'committed' | 'conflict'> {
    const state = signalStateSchema.parse(change.state);
    const stateItem = {
      ...keys.signalState(state.signal, state.subject),
      entity: Entity.SignalState,
      ...state,
      version: change.expectedVersion + 1,
    };
    const versionCondition =
      change.expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': change.expectedVersion },
          };
    try {
      if (!change.event) {
        await this.doc.send(new PutCommand({ TableName: this.tableName, Item: stateItem, ...versionCondition }));
      } else {
        const { eventItem, outboxItem, logItem } = newEventItems(change.event);
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: this.tableName, Item: stateItem, ...versionCondition } },
              { Put: { TableName: this.tableName, Item: eventItem, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: this.tableName, Item: outboxItem, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: this.tableName, Item: logItem, ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        );
      }
      return 'committed';
    } catch (error) {
      if (isConditionalCheckFailure(error) || isTransactionConditionFailure(error) || isTransactionConflict(error))
        return 'conflict';
      throw error;
    }
  }
}

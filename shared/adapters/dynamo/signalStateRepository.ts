/**
 * Signal states (SIGNAL/STATE#<signal>#<subject>), one item per signal and subject, with a
 * version for optimistic concurrency. A state that carries a transition is written in one
 * transaction with its event, outbox entry and event-log entry (and, for a curtailment or a
 * resumption, the site's mode change): either the decision and its event are all recorded, or none is.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { modeChangeOfEvent } from '../../domain/power/curtailmentTimeline';
import { modeChangeItem } from '../../store/modeChange';
import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SignalStateChange, SignalStateStore, VersionedSignalState } from '../../compute/ports';
import { SIGNAL_IDS, type SignalId } from '../../domain/signals/signalIds';
import { initialSignalState, signalStateSchema, stateKey } from '../../domain/signals/signalState';
import {
  documentClient,
  isConditionalCheckFailure,
  isTransactionConditionFailure,
  isTransactionConflict,
  queryAllByPrefix,
} from './documentClient';
import { withoutStorageAttributes } from '../../store/storageAttributes';
import { newEventItems } from './signalEventRepository';
import { signalStateItem } from '../../store/signalState';
import { keys } from '../../store/tableKeys';
import { describeIssues, itemKey, type UnreadableItemReporter } from '../../store/unreadableItem';

export type { UnreadableItem, UnreadableItemReporter } from '../../store/unreadableItem';

const isSignalId = (value: unknown): value is SignalId => SIGNAL_IDS.includes(value as SignalId);

export class DynamoSignalStateRepository implements SignalStateStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly reportUnreadable: UnreadableItemReporter = () => undefined,
  ) {
    this.doc = documentClient(client);
  }

  /**
   * One stored state, or what stands for it when it cannot be read (docs/resilience.md): a signal
   * this build does not know (a rollback past the release that added it) is left alone, untouched;
   * a known signal's state that fails the schema (a manual edit) starts again from clear, under the
   * stored version, so the next commit overwrites it instead of failing every record for ever.
   */
  private readItem(item: Record<string, unknown>): VersionedSignalState | undefined {
    const version = Number(item.version);
    const parsed = signalStateSchema.safeParse(withoutStorageAttributes(item));
    if (parsed.success) return { state: parsed.data, version };
    const key = itemKey(item);
    const error = describeIssues(parsed.error);
    if (!isSignalId(item.signal) || typeof item.subject !== 'string' || !Number.isInteger(version)) {
      this.reportUnreadable({ kind: 'signal-state', key, error, action: 'ignored (unknown to this build)' });
      return undefined;
    }
    this.reportUnreadable({ kind: 'signal-state', key, error, action: 'reset to clear' });
    return { state: initialSignalState(item.signal, item.subject), version };
  }

  async list(): Promise<Map<string, VersionedSignalState>> {
    // The version check needs the latest write, not an eventually consistent one.
    const items = await queryAllByPrefix(this.doc, this.tableName, keys.signalStatePrefix, { consistentRead: true });
    const states = new Map<string, VersionedSignalState>();
    for (const item of items) {
      const read = this.readItem(item);
      if (read) states.set(stateKey(read.state.signal, read.state.subject), read);
    }
    return states;
  }

  async commit(change: SignalStateChange): Promise<'committed' | 'conflict'> {
    const stateItem = signalStateItem(change.state, change.expectedVersion + 1);
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
        // A curtailment or resumption lands on the site's timeline with the event that announces it.
        const modeChange = modeChangeOfEvent(change.event.document);
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: this.tableName, Item: stateItem, ...versionCondition } },
              { Put: { TableName: this.tableName, Item: eventItem, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: this.tableName, Item: outboxItem, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: this.tableName, Item: logItem, ConditionExpression: 'attribute_not_exists(pk)' } },
              ...(modeChange
                ? [
                    {
                      Put: {
                        TableName: this.tableName,
                        Item: modeChangeItem(modeChange),
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
                  ]
                : []),
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

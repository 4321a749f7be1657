/**
 * A site's live curtailment timeline in the table (curtailmentTimeline.ts): one item per machine
 * class and decision, POWER#<site> / MODE#<effectiveIso>#<class>, kept (no TTL). The item's one
 * mapping is shared/store/modeChange.ts (the compute puts it in the transaction that stores the
 * signal state and the event); this reader maps items back through it.
 *
 * Reading is strict: every item is checked against the schema, and one that does not read is an
 * error naming its key and field, never skipped (a skipped curtailment would count as running and
 * change the savings without a word). An AWS error propagates: it is never "no changes".
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { sendOptions } from '../../async/requestDeadline';
import type { ModeChange } from '../../domain/power/curtailmentTimeline';
import type { CurtailmentTimelineReader, PowerPriceWindow } from '../../power/ports';
import { canonicalIso } from '../../store/canonicalIso';
import { readModeChange } from '../../store/modeChange';
import { keys } from '../../store/tableKeys';
import { TableAdapter } from './documentClient';

export interface TimelineReadOptions {
  /** Items per Query page (DynamoDB's own 1 MB page bound applies as well); tests make it small. */
  pageLimit?: number | undefined;
}

export class DynamoCurtailmentTimelineRepository extends TableAdapter implements CurtailmentTimelineReader {
  private readonly pageLimit: number | undefined;

  constructor(client: DynamoDBClient, tableName: string, options: TimelineReadOptions = {}) {
    super(client, tableName);
    this.pageLimit = options.pageLimit;
  }

  async modeChanges(
    site: string,
    window: PowerPriceWindow,
    classes?: readonly string[],
  ): Promise<{ before: ModeChange[]; within: ModeChange[] }> {
    const prefix = keys.curtailmentModeChangePrefix(site).skPrefix;
    const from = `${prefix}${canonicalIso(window.fromIso)}`;
    const to = `${prefix}${canonicalIso(window.toIso)}`;
    // MODE#<from> sorts before MODE#<from>#<class>: a change taking effect at fromIso is within,
    // and one at toIso (MODE#<to>#<class>) is past the window's exclusive end.
    const within: ModeChange[] = [];
    await this.pages(site, { from, to, forward: true }, (change) => {
      within.push(change);
      return true;
    });
    // Backwards from the window's start: the first change met per class is its last before it.
    const wanted = classes ? new Set(classes) : undefined;
    const lastByClass = new Map<string, ModeChange>();
    await this.pages(site, { from: prefix, to: from, forward: false }, (change) => {
      if (!lastByClass.has(change.machineClass)) lastByClass.set(change.machineClass, change);
      return !wanted || [...wanted].some((name) => !lastByClass.has(name));
    });
    const before = [...lastByClass.values()].sort(
      (a, b) => a.effectiveIso.localeCompare(b.effectiveIso) || a.machineClass.localeCompare(b.machineClass),
    );
    return { before, within };
  }

  /** Every item of the site's sort-key range, page by page, each read strictly; stops when `each` says so. */
  private async pages(
    site: string,
    range: { from: string; to: string; forward: boolean },
    each: (change: ModeChange) => boolean,
  ): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': keys.curtailmentModeChangePrefix(site).pk,
            ':from': range.from,
            ':to': range.to,
          },
          ScanIndexForward: range.forward,
          ...(this.pageLimit !== undefined ? { Limit: this.pageLimit } : {}),
          ExclusiveStartKey: startKey,
        }),
        sendOptions(),
      );
      for (const item of (page.Items ?? []) as Record<string, unknown>[]) {
        if (!each(readModeChange(item))) return;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}

/**
 * The history a deployment has stored in its table (`npm run backtest -- --from-table`): every
 * daily rollup (DAILY/DAY#) and every difficulty epoch (EPOCH/EPOCH#) the ingest and its backfill
 * wrote, parsed with the domain schemas (bad data fails here, naming the item), for the backtest
 * to replay in place of the bundled history. The local table (DynamoDB Local, `npm start`) or the
 * deployed one (AWS with the shell's credentials), as TABLE_NAME and AWS_ENDPOINT_URL_DYNAMODB say.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type * as z from '../../shared/schema/z';
import { documentClient, queryAllByPrefix } from '../../shared/adapters/dynamo/documentClient';
import { dailyNetworkSchema, type DailyNetwork } from '../../shared/domain/dailyNetwork';
import { difficultyEpochSchema } from '../../shared/domain/difficultyEpoch';
import { withoutStorageAttributes } from '../../shared/store/storageAttributes';
import { keys } from '../../shared/store/tableKeys';
import { HistoryCacheError } from './historyCache';
import { nextUtcDay, type History } from './localHistory';

function parsed<T>(
  items: readonly Record<string, unknown>[],
  schema: z.ZodMiniType<T>,
  what: string,
  tableName: string,
): T[] {
  return items.map((item) => {
    const result = schema.safeParse(withoutStorageAttributes(item));
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    throw new HistoryCacheError(
      `table ${tableName}: ${what} ${String(item.sk)}: ${issue.path.map(String).join('.')}: ${issue.message}`,
    );
  });
}

/**
 * The stored days must follow each other without a gap (the replay indexes days by position): a
 * missing day is named, never stepped over.
 */
export function checkConsecutiveDays(daily: readonly DailyNetwork[], where: string): void {
  for (let i = 1; i < daily.length; i += 1) {
    const expected = nextUtcDay(daily[i - 1]!.date);
    if (daily[i]!.date !== expected)
      throw new HistoryCacheError(
        `${where} has no day ${expected} (the next stored day is ${daily[i]!.date}): the replay needs consecutive days`,
      );
  }
}

export async function historyFromTable(client: DynamoDBClient, tableName: string): Promise<History> {
  const doc = documentClient(client);
  const [dayItems, epochItems] = await Promise.all([
    queryAllByPrefix(doc, tableName, keys.dailyNetworkPrefix),
    queryAllByPrefix(doc, tableName, keys.difficultyEpochPrefix),
  ]);
  const daily = parsed(dayItems, dailyNetworkSchema, 'daily rollup', tableName);
  const epochs = parsed(epochItems, difficultyEpochSchema, 'epoch', tableName);
  if (daily.length === 0) throw new HistoryCacheError(`table ${tableName} holds no daily rollup (DAILY/DAY#)`);
  if (epochs.length === 0) throw new HistoryCacheError(`table ${tableName} holds no difficulty epoch (EPOCH/EPOCH#)`);
  checkConsecutiveDays(daily, `table ${tableName}`);
  return { daily, epochs };
}

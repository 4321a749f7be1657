/**
 * `npm run backtest -- --from-table`: the history a deployment stored in its table (DynamoDB Local,
 * seeded with real bundled rows through the ingest's own repository) is read back whole, a gap in it
 * is named, and the replay over it gives the bundled history's figures.
 */
import { describe, expect, it } from 'vitest';
import { DynamoNetworkRepository } from '../../../shared/adapters/dynamo/networkRepository';
import { bundledOnlyHistory } from '../../../local/history/localHistory';
import { historyFromTable } from '../../../local/history/tableHistory';
import { useDynamoLocal } from '../../support/dynamoTable';

const db = useDynamoLocal();
const full = bundledOnlyHistory();
const daily = full.daily.filter((d) => d.date >= '2025-10-01' && d.date <= '2025-11-30');
const epochs = full.epochs.filter((e) => e.epoch >= 450 && e.epoch <= 460);

describe('historyFromTable', () => {
  it('reads every stored day and epoch back as the rows that were stored', async () => {
    const { client, tableName } = await db.newTable();
    const repository = new DynamoNetworkRepository(client, tableName);
    for (const d of daily) await repository.putDaily(d);
    for (const e of epochs) await repository.putEpoch(e);
    const history = await historyFromTable(client, tableName);
    expect(history.daily).toEqual(daily);
    expect(history.epochs).toEqual(epochs);
  });

  it('names the first missing day of a table with a gap', async () => {
    const { client, tableName } = await db.newTable();
    const repository = new DynamoNetworkRepository(client, tableName);
    for (const d of daily.filter((d) => d.date !== '2025-10-15')) await repository.putDaily(d);
    for (const e of epochs) await repository.putEpoch(e);
    await expect(historyFromTable(client, tableName)).rejects.toThrow(
      new RegExp(`table ${tableName} has no day 2025-10-15 \\(the next stored day is 2025-10-16\\)`),
    );
  });
});

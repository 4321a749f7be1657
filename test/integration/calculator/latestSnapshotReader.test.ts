import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  DynamoLatestSnapshotReader,
  StoredSnapshotInvalidError,
} from '../../../shared/adapters/dynamo/latestSnapshotReader';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { deployedRole, type IamRole } from '../../support/iam/iamRole';
import { roleDynamoClient } from '../../support/iam/roleClients';
import { putSnapshotItem, snapshotAt } from '../../support/networkSnapshotItem';

const db = useDynamoLocal();

/** The reader as the calculator runs it: its own client under the calculator role of the template. */
function calculatorReader(table: TestTable, role = deployedRole('calculator', { tableName: table.tableName })) {
  return new DynamoLatestSnapshotReader(roleDynamoClient(table.endpoint, role), table.tableName);
}

describe('latest network snapshot reader (DynamoDB Local)', () => {
  it('returns undefined when no snapshot is stored', async () => {
    expect(await calculatorReader(await db.newTable()).latestSnapshot()).toBeUndefined();
  });

  it('returns the newest snapshot, without its storage keys, ignoring other entities', async () => {
    const table = await db.newTable();
    const { client, tableName } = table;
    await putSnapshotItem(client, tableName, snapshotAt('2026-11-25T11:50:00Z', { btcPriceUsd: 86_000 }));
    await putSnapshotItem(client, tableName, snapshotAt('2026-11-25T12:00:00Z', { btcPriceUsd: 87_000 }));
    await putSnapshotItem(client, tableName, snapshotAt('2026-11-25T11:40:00Z', { btcPriceUsd: 85_000 }));
    // A profitability snapshot sorts after NETWORK's keys in another partition: never read.
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall({ pk: 'PROFIT', sk: 'SNAP#2026-11-25T12:10:00Z', entity: 'ProfitabilitySnapshot' }),
      }),
    );
    const latest = await calculatorReader(table).latestSnapshot();
    expect(latest).toEqual(snapshotAt('2026-11-25T12:00:00Z', { btcPriceUsd: 87_000 }));
    expect(latest).not.toHaveProperty('pk');
    expect(latest).not.toHaveProperty('expiresAt');
  });

  it('reports a stored item of the wrong shape instead of pricing it', async () => {
    const table = await db.newTable();
    const broken: Record<string, unknown> & { intervalStart: string } = {
      ...snapshotAt('2026-11-25T12:00:00Z'),
      difficulty: -1,
    };
    await putSnapshotItem(table.client, table.tableName, broken);
    const reader = calculatorReader(table);
    await expect(reader.latestSnapshot()).rejects.toBeInstanceOf(StoredSnapshotInvalidError);
    await expect(reader.latestSnapshot()).rejects.toThrow(/difficulty/);
  });
});

describe('calculator when the table cannot be read', () => {
  async function priceWith(reader: DynamoLatestSnapshotReader) {
    const { calculate } = await import('../../../shared/calculator/calculate');
    const { catalogModelLookup } = await import('../../../shared/calculator/catalog');
    return calculate(
      { machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 },
      { lookupModel: catalogModelLookup(), snapshots: reader, now: () => new Date() },
    );
  }

  it("answers INTERNAL (our fault, not the caller's) and suggests passing market", async () => {
    const table = await db.newTable();
    const missing = { ...table, tableName: 'no-such-table' };
    const result = await priceWith(calculatorReader(missing));
    expect(result).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).toContain('pass `market`');
  });

  it('a read the role refuses is an error, never "no snapshot stored" (issue #22)', async () => {
    const table = await db.newTable();
    await putSnapshotItem(table.client, table.tableName, snapshotAt('2026-11-25T12:00:00Z'));
    const role: IamRole = deployedRole('calculator', { tableName: table.tableName });
    role.revoke('dynamodb:Query');
    role.expectDenials('dynamodb:Query');
    const reader = calculatorReader(table, role);
    await expect(reader.latestSnapshot()).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('dynamodb:Query'),
    });
    const result = await priceWith(reader);
    expect(result).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(result).not.toMatchObject({ error: { code: 'MARKET_UNAVAILABLE' } });
  });
});

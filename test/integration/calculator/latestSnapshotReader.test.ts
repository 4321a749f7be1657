import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  DynamoLatestSnapshotReader,
  StoredSnapshotInvalidError,
} from '../../../shared/adapters/dynamo/latestSnapshotReader';
import { useDynamoLocal } from '../../support/dynamoTable';
import { putSnapshotItem, snapshotAt } from '../../support/networkSnapshotItem';

const db = useDynamoLocal();

describe('latest network snapshot reader (DynamoDB Local)', () => {
  it('returns undefined when no snapshot is stored', async () => {
    const { client, tableName } = await db.newTable();
    expect(await new DynamoLatestSnapshotReader(client, tableName).latestSnapshot()).toBeUndefined();
  });

  it('returns the newest snapshot, without its storage keys, ignoring other entities', async () => {
    const { client, tableName } = await db.newTable();
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
    const latest = await new DynamoLatestSnapshotReader(client, tableName).latestSnapshot();
    expect(latest).toEqual(snapshotAt('2026-11-25T12:00:00Z', { btcPriceUsd: 87_000 }));
    expect(latest).not.toHaveProperty('pk');
    expect(latest).not.toHaveProperty('expiresAt');
  });

  it('reports a stored item of the wrong shape instead of pricing it', async () => {
    const { client, tableName } = await db.newTable();
    const broken: Record<string, unknown> & { intervalStart: string } = {
      ...snapshotAt('2026-11-25T12:00:00Z'),
      difficulty: -1,
    };
    await putSnapshotItem(client, tableName, broken);
    const reader = new DynamoLatestSnapshotReader(client, tableName);
    await expect(reader.latestSnapshot()).rejects.toBeInstanceOf(StoredSnapshotInvalidError);
    await expect(reader.latestSnapshot()).rejects.toThrow(/difficulty/);
  });
});

describe('calculator when the table cannot be read', () => {
  it("answers INTERNAL (our fault, not the caller's) and suggests passing market", async () => {
    const { client } = await db.newTable();
    const { calculate } = await import('../../../shared/calculator/calculate');
    const { catalogModelLookup } = await import('../../../shared/calculator/catalog');
    const result = await calculate(
      { machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 },
      {
        lookupModel: catalogModelLookup(),
        snapshots: new DynamoLatestSnapshotReader(client, 'no-such-table'),
        now: () => new Date(),
      },
    );
    expect(result).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).toContain('pass `market`');
  });
});

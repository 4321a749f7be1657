/**
 * The live curtailment timeline on DynamoDB Local: the item modeChangeItem builds (as the compute
 * stores it), the changes within a window and the last one before it per class, read across
 * pages, an unreadable item an error naming its key and field, and an AWS error never read as
 * "no changes".
 */
import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCurtailmentTimelineRepository } from '../../../shared/adapters/dynamo/curtailmentTimelineRepository';
import { modeChangeItem } from '../../../shared/store/modeChange';
import { documentClient } from '../../../shared/adapters/dynamo/documentClient';
import type { ModeChange } from '../../../shared/domain/power/curtailmentTimeline';
import { partitionItems, useDynamoLocal, type TestTable } from '../../support/dynamoTable';

const db = useDynamoLocal();
const Q = 15 * 60_000;
const T0 = Date.parse('2026-12-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function change(machineClass: string, mode: 'run' | 'curtail', effectiveMs: number, site = 'West Texas'): ModeChange {
  return {
    site,
    machineClass,
    mode,
    effectiveIso: iso(effectiveMs),
    decidedAtIso: iso(effectiveMs - 60_000),
    priceUsdPerMwh: mode === 'curtail' ? 900 : 40,
    priceIntervalStartIso: iso(effectiveMs - Q),
    strikeUsdPerMwh: 355.07,
    hashpriceUsdPerPhDay: 300,
    eventId: `evt-${machineClass}-${effectiveMs}`,
  };
}

async function store(table: TestTable, changes: readonly ModeChange[]): Promise<void> {
  const doc = documentClient(table.client);
  for (const c of changes) await doc.send(new PutCommand({ TableName: table.tableName, Item: modeChangeItem(c) }));
}

describe('curtailment timeline in the table', () => {
  it('stores a change under POWER#<site> / MODE#<effective>#<class>, its fields schema-checked', async () => {
    const table = await db.newTable();
    // An effective time without milliseconds is keyed in the one spelling that sorts.
    await store(table, [{ ...change('S19', 'curtail', T0), effectiveIso: '2026-12-01T00:00:00Z' }]);
    const [item] = await partitionItems(table, 'POWER#West Texas');
    expect(item).toEqual({
      pk: 'POWER#West Texas',
      sk: 'MODE#2026-12-01T00:00:00.000Z#S19',
      entity: 'CurtailmentModeChange',
      ...change('S19', 'curtail', T0),
      effectiveIso: '2026-12-01T00:00:00Z',
    });
    expect(() => modeChangeItem({ ...change('S19', 'curtail', T0), mode: 'pause' as 'run' })).toThrow(/mode/);
    expect(() => modeChangeItem({ ...change('S19', 'curtail', T0), effectiveIso: 'yesterday' })).toThrow(
      /effectiveIso/,
    );
  });

  it('reads the changes within the window and the last before it per class, across small pages', async () => {
    const table = await db.newTable();
    // Two classes flip every hour for two days before the window, then within it; another site too.
    const history: ModeChange[] = [];
    for (let h = -48; h < 6; h += 1) {
      history.push(change('S19', h % 2 === 0 ? 'curtail' : 'run', T0 + h * 4 * Q));
      if (h % 3 === 0) history.push(change('S21', h % 2 === 0 ? 'curtail' : 'run', T0 + h * 4 * Q + Q));
    }
    history.push(change('S19', 'curtail', T0 + Q, 'Other site'));
    await store(table, history);
    const window = { fromIso: iso(T0), toIso: iso(T0 + 5 * 4 * Q) };

    const paged = new DynamoCurtailmentTimelineRepository(table.client, table.tableName, { pageLimit: 2 });
    const whole = new DynamoCurtailmentTimelineRepository(table.client, table.tableName);
    const read = await paged.modeChanges('West Texas', window);
    expect(await whole.modeChanges('West Texas', window)).toEqual(read);
    expect(await paged.modeChanges('West Texas', window, ['S19', 'S21'])).toEqual(read);

    // Within: S19 at 00:00 .. 04:00 (five hours, the one at 05:00 is the exclusive end), S21 at 00:15 and 03:15.
    expect(read.within.map((c) => `${c.effectiveIso.slice(11, 16)} ${c.machineClass} ${c.mode}`)).toEqual([
      '00:00 S19 curtail',
      '00:15 S21 curtail',
      '01:00 S19 run',
      '02:00 S19 curtail',
      '03:00 S19 run',
      '03:15 S21 run',
      '04:00 S19 curtail',
    ]);
    // Before: S21's last at -03:00+15 (h = -3, run), S19's at -01:00 (h = -1, run).
    expect(read.before.map((c) => `${c.effectiveIso} ${c.machineClass} ${c.mode}`)).toEqual([
      `${iso(T0 - 3 * 4 * Q + Q)} S21 run`,
      `${iso(T0 - 4 * Q)} S19 run`,
    ]);
    expect(read.before[0]).toEqual(history.find((c) => c.effectiveIso === iso(T0 - 3 * 4 * Q + Q)));
  });

  it('refuses an item that does not read, naming its key and field, instead of skipping it', async () => {
    const table = await db.newTable();
    await store(table, [change('S19', 'curtail', T0)]);
    const { priceUsdPerMwh: _dropped, ...broken } = modeChangeItem(change('S21', 'curtail', T0 + Q));
    await documentClient(table.client).send(new PutCommand({ TableName: table.tableName, Item: broken }));
    const reader = new DynamoCurtailmentTimelineRepository(table.client, table.tableName);
    await expect(reader.modeChanges('West Texas', { fromIso: iso(T0), toIso: iso(T0 + 4 * Q) })).rejects.toThrow(
      `unreadable curtailment mode change POWER#West Texas/MODE#${iso(T0 + Q)}#S21: priceUsdPerMwh`,
    );
    // Before the window as well.
    await expect(
      reader.modeChanges('West Texas', { fromIso: iso(T0 + 4 * Q), toIso: iso(T0 + 8 * Q) }),
    ).rejects.toThrow(/priceUsdPerMwh/);
  });

  it('lets an AWS error through: a missing table is never "no changes"', async () => {
    const table = await db.newTable();
    const reader = new DynamoCurtailmentTimelineRepository(table.client, `${table.tableName}-missing`);
    await expect(reader.modeChanges('West Texas', { fromIso: iso(T0), toIso: iso(T0 + 4 * Q) })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

/**
 * A stored network snapshot item written by hand in the documented shape (tableKeys.ts: pk NETWORK,
 * sk SNAP#<intervalStart>, entity NetworkSnapshot, expiresAt epoch seconds, then the NetworkSnapshot
 * fields), so the calculator's reader is tested without depending on the ingest's writer.
 * Figures: a late-2026 network (difficulty ~149 T, ~975k height, 3.125 BTC subsidy), pinned here; the
 * snapshot's one constructor makes it, any figure not pinned (a field newer than this file) taken
 * from the backtest's snapshot of a real day (the bundled history).
 */
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { bundledDaySnapshot } from '../../local/backtest/bundledDaySnapshot';
import { networkSnapshot, type NetworkSnapshot } from '../../shared/domain/networkSnapshot';

/** The real day the figures this builder does not pin come from. */
const BASE_DAY = '2026-01-31';

export function snapshotAt(intervalStart: string, overrides: Partial<NetworkSnapshot> = {}): NetworkSnapshot {
  const base = bundledDaySnapshot(BASE_DAY);
  return networkSnapshot({
    ...base,
    intervalStart,
    observedAt: intervalStart.replace(/:00Z$/, ':42Z'),
    tipHeight: 975_000,
    difficulty: 149.3e12,
    hashrateHps: 1.07e21,
    btcPriceUsd: 87_000,
    fiatPrices: { EUR: 80_000 },
    feesBtcPerBlock: 0.022,
    feeWindowBlocks: 144,
    subsidyBtc: 3.125,
    epochProgress: {
      ...base.epochProgress,
      epoch: 483,
      startHeight: 973_728,
      progressPct: 63.1,
      remainingBlocks: 744,
      estimatedChangePct: 1.2,
      estimatedRetargetAt: '2026-11-30T20:00:00Z',
      previousChangePct: 0.8,
    },
    sources: { btcPriceUsd: 'mempool', difficulty: 'mempool' },
    flags: [],
    ...overrides,
  });
}

export async function putSnapshotItem(
  client: DynamoDBClient,
  tableName: string,
  snapshot: Record<string, unknown> & { intervalStart: string },
): Promise<void> {
  const item = {
    pk: 'NETWORK',
    sk: `SNAP#${snapshot.intervalStart}`,
    entity: 'NetworkSnapshot',
    expiresAt: Math.floor(Date.parse(snapshot.intervalStart) / 1000) + 30 * 86_400,
    ...snapshot,
  };
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: marshall(item, { removeUndefinedValues: true, allowImpreciseNumbers: true }),
    }),
  );
}

/**
 * The ingest's stored items: raw network snapshots (NETWORK/SNAP#<intervalStart>, TTL'd), daily
 * rollups (DAILY/DAY#<date>) and difficulty epochs (EPOCH/EPOCH#<000123>), kept, and the backfill
 * progress marker. Each is the record's own fields under its key and entity; every mapping below
 * validates first, with an error that names the record and the offending fields, before any write.
 * Readers parse items back with the domain schemas (withoutStorageAttributes, then the schema).
 */
import * as z from '../schema/z';
import { dailyNetworkSchema, type DailyNetwork } from '../domain/dailyNetwork';
import { difficultyEpochSchema, type DifficultyEpoch } from '../domain/difficultyEpoch';
import { networkSnapshotSchema, type NetworkSnapshot } from '../domain/networkSnapshot';
import type { BackfillProgress } from '../ingest/ports';
import { Entity, keys, TTL_ATTRIBUTE } from './tableKeys';

export const backfillProgressSchema = z.object({
  /** Steps finished so far, in order; a rerun skips them. */
  completedSteps: z.array(z.enum(['epochs', 'daily'])),
  status: z.enum(['running', 'complete']),
  updatedAt: z.iso.datetime({ offset: true }),
  epochsStored: z._default(z.int().check(z.nonnegative()), 0),
  daysStored: z._default(z.int().check(z.nonnegative()), 0),
}) satisfies z.ZodMiniType<BackfillProgress, unknown>;

/** Validates before any write, with an error that names the record and the offending fields. */
function validated<T>(what: string, schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`refusing to store an invalid ${what}: ${issues}`);
}

export function networkSnapshotItem(snapshot: NetworkSnapshot, expiresAtEpochSeconds: number): Record<string, unknown> {
  const valid = validated('NetworkSnapshot', networkSnapshotSchema, snapshot);
  return {
    ...keys.networkSnapshot(valid.intervalStart),
    entity: Entity.NetworkSnapshot,
    ...valid,
    [TTL_ATTRIBUTE]: expiresAtEpochSeconds,
  };
}

export function dailyNetworkItem(day: DailyNetwork): Record<string, unknown> {
  const valid = validated('DailyNetwork', dailyNetworkSchema, day);
  return { ...keys.dailyNetwork(valid.date), entity: Entity.DailyNetwork, ...valid };
}

export function difficultyEpochItem(epoch: DifficultyEpoch): Record<string, unknown> {
  const valid = validated('DifficultyEpoch', difficultyEpochSchema, epoch);
  return { ...keys.difficultyEpoch(valid.epoch), entity: Entity.DifficultyEpoch, ...valid };
}

export function backfillProgressItem(progress: BackfillProgress): Record<string, unknown> {
  const valid = validated('BackfillProgress', backfillProgressSchema, progress);
  return { ...keys.backfillProgress(), entity: Entity.BackfillProgress, ...valid };
}

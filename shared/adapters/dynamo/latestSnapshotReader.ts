/**
 * Reads the newest stored network snapshot for the calculator: one Query on pk NETWORK, sort keys
 * beginning with SNAP#, newest first, one item (tableKeys.ts). Read-only; the item's storage keys
 * (pk, sk, entity, expiresAt) are dropped and the rest validated as a NetworkSnapshot, so a stored
 * item of another shape is reported, never priced.
 */
import { networkSnapshotSchema, type NetworkSnapshot } from '../../domain/networkSnapshot';
import type { LatestSnapshotReader } from '../../calculator/ports';
import { queryNewest, TableAdapter } from './documentClient';
import { withoutStorageAttributes } from '../../store/storageAttributes';
import { keys } from '../../store/tableKeys';

export class StoredSnapshotInvalidError extends Error {
  constructor(sk: string, detail: string) {
    super(`stored network snapshot ${sk} is not a valid NetworkSnapshot: ${detail}`);
    this.name = 'StoredSnapshotInvalidError';
  }
}

export class DynamoLatestSnapshotReader extends TableAdapter implements LatestSnapshotReader {
  async latestSnapshot(): Promise<NetworkSnapshot | undefined> {
    const [item] = await queryNewest(this.doc, this.tableName, keys.networkSnapshotPrefix, 1);
    if (!item) return undefined;
    const parsed = networkSnapshotSchema.safeParse(withoutStorageAttributes(item));
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
      throw new StoredSnapshotInvalidError(String(item.sk), detail);
    }
    return parsed.data;
  }
}

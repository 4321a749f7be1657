/**
 * A site's curtailment mode change as stored (POWER#<site> / MODE#<effectiveIso>#<class>, kept):
 * the one mapping between a ModeChange and its item, both ways. Reading is strict: an item that does
 * not read is an error naming its key and field, never skipped.
 */
import { modeChangeSchema, type ModeChange } from '../domain/power/curtailmentTimeline';
import { canonicalIso } from './canonicalIso';
import { withoutStorageAttributes } from './storageAttributes';
import { Entity, keys } from './tableKeys';
import { describeIssues, itemKey } from './unreadableItem';

/**
 * The stored item of a mode change: its keys (the effective time spelled canonically, so that
 * every change of a site sorts in time whatever ISO form it came in), its entity and its fields,
 * checked by the schema first (a bad change throws naming the field, before any write).
 */
export function modeChangeItem(change: ModeChange): Record<string, unknown> {
  const parsed = modeChangeSchema.safeParse(change);
  if (!parsed.success) throw new Error(`mode change not stored: ${describeIssues(parsed.error)}`);
  const valid = parsed.data;
  return {
    ...keys.curtailmentModeChange(valid.site, canonicalIso(valid.effectiveIso), valid.machineClass),
    entity: Entity.CurtailmentModeChange,
    ...valid,
  };
}

/** A stored item back as a ModeChange, or an error naming its key and the field that fails. */
export function readModeChange(item: Record<string, unknown>): ModeChange {
  const parsed = modeChangeSchema.safeParse(withoutStorageAttributes(item));
  if (!parsed.success)
    throw new Error(`unreadable curtailment mode change ${itemKey(item)}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

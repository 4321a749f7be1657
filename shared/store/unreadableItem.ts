/**
 * An item a reader could not read (a state of a signal this build does not know after a rollback,
 * a document of a newer schema, a manual edit): reported (log line), never a reason to fail the
 * whole read. The compute and the read API report them the same way (docs/resilience.md).
 */
import type * as z from '../schema/z';

export interface UnreadableItem {
  kind: 'signal-state' | 'signal-event';
  /** `<pk>/<sk>` of the item. */
  key: string;
  error: string;
  /** What was done about it. */
  action: string;
}
export type UnreadableItemReporter = (item: UnreadableItem) => void;

export const itemKey = (item: Record<string, unknown>): string => `${String(item.pk)}/${String(item.sk)}`;

/** The first issues of a failed parse, each with its path: enough to find the field, bounded. */
export function describeIssues(error: z.core.$ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

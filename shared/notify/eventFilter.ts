/**
 * Which events a subscriber receives: the optional `filter` of a subscription or a notification
 * channel. In AWS it becomes the SNS subscription's filter policy on the message attributes
 * `signal`, `severity` and `transition` (infra/constructs/alerting.ts, toFilterPolicy); the
 * notifier applies the same rule itself (so a local run filters exactly as SNS would, and a
 * message that reaches the wrong channel is still held back).
 */
import * as z from '../schema/z';
import type { SignalEvent } from '../domain/signals/eventDocument';
import { SEVERITIES, SIGNAL_IDS, TRANSITIONS, severityRank } from '../domain/signals/signalIds';

const signalIdSchema = z.enum(SIGNAL_IDS, {
  error: (issue) => `unknown signal id ${JSON.stringify(issue.input)}; known ids: ${SIGNAL_IDS.join(', ')}`,
});

export const subscriptionFilterSchema = z.strictObject({
  /** Only these signals (default: all). */
  signals: z.optional(z.array(signalIdSchema).check(z.minLength(1))),
  /** 'warning' delivers warning and critical events; 'critical' only critical ones. */
  minSeverity: z.optional(z.enum(SEVERITIES)),
  /** Only these transitions (default: raised, escalated and cleared). */
  transitions: z.optional(z.array(z.enum(TRANSITIONS)).check(z.minLength(1))),
});
export type SubscriptionFilter = z.infer<typeof subscriptionFilterSchema>;

/** True when the event passes the filter (no filter: every event). */
export function eventMatchesFilter(
  filter: SubscriptionFilter | undefined,
  event: Pick<SignalEvent, 'signal' | 'severity' | 'transition'>,
): boolean {
  if (!filter) return true;
  if (filter.signals && !filter.signals.includes(event.signal)) return false;
  if (filter.minSeverity && severityRank(event.severity) < severityRank(filter.minSeverity)) return false;
  if (filter.transitions && !filter.transitions.includes(event.transition)) return false;
  return true;
}

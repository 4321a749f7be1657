/**
 * Severities and transitions: with the signal ids, the public contract subscribers filter on (SNS
 * message attributes `severity`, `transition`). Apart from the ids (signalIds.ts, derived from the
 * signal definitions) so that a definition can name them without importing the list it is in.
 */
export const SEVERITIES = ['warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TRANSITIONS = ['raised', 'escalated', 'cleared'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** Severity order, for "minimum severity" filters. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * Signal ids, severities and transitions: the public contract subscribers filter on (SNS message
 * attributes `signal`, `severity`, `transition`). Never rename one.
 */
export const SIGNAL_IDS = [
  'difficulty-negative-streak',
  'projected-negative-adjustment',
  'hashprice-floor',
  'hash-ribbon-capitulation',
  'fleet-share-negative',
  'fleet-break-even-breach',
  'projected-fleet-loss',
  'production-cost-above-price',
  'price-level',
  'site-conversion-advantage',
  'miner-treasury-liquidation',
  'miner-selling-pressure',
  'site-power-stale',
  'site-curtail',
  'site-resume',
] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export const SEVERITIES = ['warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TRANSITIONS = ['raised', 'escalated', 'cleared'] as const;
export type Transition = (typeof TRANSITIONS)[number];

export function isSignalId(value: string): value is SignalId {
  return (SIGNAL_IDS as readonly string[]).includes(value);
}

/** Severity order, for "minimum severity" filters. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * Signals whose `cleared` transition is announced under another id: a class's curtailment is one
 * `site-curtail` state (active while curtailed), whose end subscribers receive as `site-resume`.
 * The announcing id has no state of its own and observes nothing; its config only enables it.
 */
export const CLEARED_AS: Readonly<Partial<Record<SignalId, SignalId>>> = { 'site-curtail': 'site-resume' };

/** The id an event of `signal`'s `transition` is published under. */
export function eventSignalOf(signal: SignalId, transition: Transition): SignalId {
  return transition === 'cleared' ? (CLEARED_AS[signal] ?? signal) : signal;
}

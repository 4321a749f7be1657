/**
 * Many seeded simulations side by side (issue #15): a stretch of history cut into consecutive
 * parts, one seed per part, each simulated fault-free and faulted (simulate.ts), `concurrency`
 * parts at a time, each run on a DynamoDB Local of its own. The figures are the soak's BENCH lines
 * and what the test inside `npm test` checks.
 */
import { availableParallelism } from 'node:os';
import { forEachLimited } from '../../shared/async/forEachLimited';
import type { DynamoLocal } from '../devtools/dynamoLocal';
import type { AttachRole } from './functionRoles';
import { coveredCycles, simulate, type SimulationVerdict } from './simulate';
import { SimulatedChain } from './simulatedChain';

export interface SoakOptions {
  /** First simulated moment, ISO (a UTC midnight keeps the parts on whole days). */
  startAt: string;
  /** Days in all, cut into `parts` consecutive parts. */
  days: number;
  parts: number;
  /** The seed of the first part; part i has seed `firstSeed + i`. */
  firstSeed: number;
  /** Starts a DynamoDB Local for one run (simulate.ts says why every run has its own). */
  startDynamo: () => Promise<DynamoLocal>;
  /**
   * Parts running at once; default one per core. A part's run keeps its JVM at about 0.9 of a core
   * and its Node side at about 0.3 (sampled with ps), so more parts than cores only queue.
   */
  concurrency?: number;
  backgroundEvery?: number;
  chain?: SimulatedChain;
  /** Gives each simulated function's clients its role (the policy evaluator); none: full access. */
  attachRole?: AttachRole;
  /** Every run at the tip watch's cadence (issue #28): the check every minute beside the interval's cycle. */
  tipWatch?: boolean;
}

/**
 * The year the soak bench simulates unless told otherwise (HASHWATCH_SOAK_*): 2025-06-01 to
 * 2026-06-01, in twelve parts. It must lie inside the bundled history, whose difficulty epoch
 * table ends with epoch 474 (the tip reaches epoch 475 on 2026-07-11); a test checks that it does.
 */
export const SOAK_DEFAULTS = { startDate: '2025-06-01', days: 365, parts: 12, firstSeed: 1 } as const;

/** The figures of a part, and of the soak over its parts. */
interface SoakFigures {
  /** Simulated cycles, the fault-free and the faulted runs both counted. */
  cycles: number;
  violations: string[];
  maxLockoutCycles: number;
  maxAlertDelayCycles: number;
  transitionsCompared: number;
  /** Deliveries of fault-free transitions checked (each channel counted), and the violations among them. */
  deliveriesCompared: number;
  deliveryViolations: number;
  /** Calls the grant-revoked fault refused, and events the operator published again from the failure queue. */
  revokedCalls: number;
  redriven: number;
  faultsByKind: Record<string, number>;
}

/** What a finished part contributes to the soak's figures (small enough to keep on disk). */
export interface SoakPartSummary extends SoakFigures {
  seed: number;
  startAt: string;
  days: number;
}

export interface SoakReport extends SoakFigures {
  simulatedDays: number;
}

/** One part of the soak: which seed simulates which stretch. */
export interface SoakPart {
  index: number;
  seed: number;
  startAt: string;
  days: number;
}

export function soakParts(options: Pick<SoakOptions, 'startAt' | 'days' | 'parts' | 'firstSeed'>): SoakPart[] {
  const partDays = options.days / options.parts;
  const startMs = Date.parse(options.startAt);
  return Array.from({ length: options.parts }, (_, index) => ({
    index,
    seed: options.firstSeed + index,
    startAt: new Date(startMs + index * partDays * 86_400_000).toISOString(),
    days: partDays,
  }));
}

export function summarizePart(part: SoakPart, verdict: SimulationVerdict): SoakPartSummary {
  const faultsByKind: Record<string, number> = {};
  for (const f of verdict.faults) faultsByKind[f.kind] = (faultsByKind[f.kind] ?? 0) + 1;
  return {
    seed: part.seed,
    startAt: part.startAt,
    days: part.days,
    cycles: 2 * verdict.cycles,
    violations: verdict.violations.map((text) => `seed ${part.seed}: ${text}`),
    maxLockoutCycles: verdict.maxLockoutCycles,
    maxAlertDelayCycles: verdict.maxAlertDelayCycles,
    transitionsCompared: verdict.transitionsCompared,
    deliveriesCompared: verdict.deliveriesCompared,
    deliveryViolations: verdict.deliveryViolations.length,
    revokedCalls: verdict.revokedCalls,
    redriven: verdict.faulted.redriven,
    faultsByKind,
  };
}

/** The soak's figures over the parts finished so far. */
export function combineParts(parts: readonly SoakPartSummary[]): SoakReport {
  const faultsByKind: Record<string, number> = {};
  for (const p of parts)
    for (const [kind, n] of Object.entries(p.faultsByKind)) faultsByKind[kind] = (faultsByKind[kind] ?? 0) + n;
  return {
    simulatedDays: parts.reduce((n, p) => n + p.days, 0),
    cycles: parts.reduce((n, p) => n + p.cycles, 0),
    violations: parts.flatMap((p) => p.violations),
    maxLockoutCycles: Math.max(0, ...parts.map((p) => p.maxLockoutCycles)),
    maxAlertDelayCycles: Math.max(0, ...parts.map((p) => p.maxAlertDelayCycles)),
    transitionsCompared: parts.reduce((n, p) => n + p.transitionsCompared, 0),
    deliveriesCompared: parts.reduce((n, p) => n + p.deliveriesCompared, 0),
    deliveryViolations: parts.reduce((n, p) => n + p.deliveryViolations, 0),
    revokedCalls: parts.reduce((n, p) => n + p.revokedCalls, 0),
    redriven: parts.reduce((n, p) => n + p.redriven, 0),
    faultsByKind,
  };
}

/** Simulates the given parts, `concurrency` at a time, and hands each verdict over as it is reached. */
export async function simulateParts(
  parts: readonly SoakPart[],
  options: Pick<
    SoakOptions,
    'startDynamo' | 'concurrency' | 'backgroundEvery' | 'chain' | 'attachRole' | 'tipWatch'
  > & {
    /** Asked before each part starts: false leaves it (and the rest) for a later run. */
    mayStart?: () => boolean;
    onPartDone?: (part: SoakPart, verdict: SimulationVerdict) => Promise<void> | void;
  },
): Promise<SimulationVerdict[]> {
  const chain = options.chain ?? new SimulatedChain();
  // Every part's window first: one past the bundled history fails before any part runs.
  for (const part of parts) coveredCycles(chain, part.startAt, part.days);
  const verdicts: SimulationVerdict[] = [];
  await forEachLimited(parts, options.concurrency ?? availableParallelism(), async (part, i) => {
    if (options.mayStart && !options.mayStart()) return;
    const verdict = await simulate({
      seed: part.seed,
      startAt: part.startAt,
      days: part.days,
      startDynamo: options.startDynamo,
      chain,
      attachRole: options.attachRole,
      tipWatch: options.tipWatch,
      ...(options.backgroundEvery ? { backgroundEvery: options.backgroundEvery } : {}),
    });
    verdicts[i] = verdict;
    await options.onPartDone?.(part, verdict);
  });
  return verdicts;
}

/** Every part, simulated now, and the figures over them (the test inside `npm test`). */
export async function soak(options: SoakOptions): Promise<SoakReport & { verdicts: SimulationVerdict[] }> {
  const parts = soakParts(options);
  const verdicts = await simulateParts(parts, options);
  return { ...combineParts(parts.map((p, i) => summarizePart(p, verdicts[i]!))), verdicts };
}

/**
 * Many seeded simulations side by side (issue #15): a stretch of history cut into consecutive
 * parts, one seed per part, each simulated fault-free and faulted (simulate.ts), all parts running
 * at once (each its own tables and upstream) over one or more
 * DynamoDB Local instances. The figures are the soak's BENCH
 * lines and what the test inside `npm test` checks.
 */
import { simulate, type SimulationVerdict } from './simulate';
import { SimulatedChain } from './simulatedChain';

export interface SoakOptions {
  /** First simulated moment, ISO (a UTC midnight keeps the parts on whole days). */
  startAt: string;
  /** Days in all, cut into `parts` consecutive parts. */
  days: number;
  parts: number;
  /** The seed of the first part; part i has seed `firstSeed + i`. */
  firstSeed: number;
  /**
   * DynamoDB Local instances; part i runs on instance i mod their number. One instance works on
   * about one core (a soak measured its JVM at 95 % of one core, the rest idle), so a machine's
   * cores are used by one instance each.
   */
  dynamoEndpoints: readonly string[];
  backgroundEvery?: number;
  chain?: SimulatedChain;
}

export interface SoakReport {
  simulatedDays: number;
  /** Simulated cycles, the fault-free and the faulted runs both counted. */
  cycles: number;
  violations: string[];
  maxLockoutCycles: number;
  maxAlertDelayCycles: number;
  transitionsCompared: number;
  faultsByKind: Record<string, number>;
  verdicts: SimulationVerdict[];
}

export async function soak(options: SoakOptions): Promise<SoakReport> {
  const chain = options.chain ?? new SimulatedChain();
  const partDays = options.days / options.parts;
  const startMs = Date.parse(options.startAt);
  const verdicts = await Promise.all(
    Array.from({ length: options.parts }, (_, i) =>
      simulate({
        seed: options.firstSeed + i,
        startAt: new Date(startMs + i * partDays * 86_400_000).toISOString(),
        days: partDays,
        dynamoEndpoint: options.dynamoEndpoints[i % options.dynamoEndpoints.length]!,
        chain,
        ...(options.backgroundEvery ? { backgroundEvery: options.backgroundEvery } : {}),
      }),
    ),
  );
  const faultsByKind: Record<string, number> = {};
  for (const f of verdicts.flatMap((v) => v.faults)) faultsByKind[f.kind] = (faultsByKind[f.kind] ?? 0) + 1;
  return {
    simulatedDays: options.days,
    cycles: verdicts.reduce((n, v) => n + 2 * v.cycles, 0),
    violations: verdicts.flatMap((v) => v.violations.map((text) => `seed ${v.seed}: ${text}`)),
    maxLockoutCycles: Math.max(0, ...verdicts.map((v) => v.maxLockoutCycles)),
    maxAlertDelayCycles: Math.max(0, ...verdicts.map((v) => v.maxAlertDelayCycles)),
    transitionsCompared: verdicts.reduce((n, v) => n + v.transitionsCompared, 0),
    faultsByKind,
    verdicts,
  };
}

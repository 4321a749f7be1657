/**
 * One seeded simulation: the fault-free run of a stretch of history, the fault schedule the seed
 * aims at its retargets and transitions, the faulted run, and the invariants between them.
 * Deterministic: the same seed, start and length give the same schedule and the same verdict.
 *
 * Each run has a DynamoDB Local of its own, started for it and stopped once it is judged: an
 * instance that has served one run serves the next about twice as slowly (measured: 288 cycles
 * took 29.6 s on a fresh instance, 38.2 s on the same instance after one run, the second half at
 * 125 against 71 ms a cycle; deleting the first table did not help), so a soak on shared instances
 * slows down part after part.
 */
import { MS_PER_DAY } from '../../shared/domain/units';
import type { DynamoLocal } from '../devtools/dynamoLocal';
import { startReplayServer } from '../devtools/replayServer';
import { faultSchedule, type FaultWindow } from './faultSchedule';
import type { AttachRole } from './functionRoles';
import { checkInvariants, type InvariantReport } from './invariants';
import { CYCLE_MS, retargetCycles, runSimulation, type SimulationRun } from './runSimulation';
import { SimulatedChain } from './simulatedChain';

export interface SimulateOptions {
  seed: number;
  /** First moment simulated, ISO (an interval start). */
  startAt: string;
  /** Length, in days (fractions allowed). */
  days: number;
  /** Starts the DynamoDB Local a run uses (one per run; stopped by the simulation). */
  startDynamo: () => Promise<DynamoLocal>;
  chain?: SimulatedChain;
  backgroundEvery?: number;
  /** Gives each simulated function's clients its role (the policy evaluator); none: full access. */
  attachRole?: AttachRole | undefined;
  /** Both runs at the tip watch's cadence (issue #28; runSimulation.ts). */
  tipWatch?: boolean | undefined;
}

export interface SimulationVerdict extends InvariantReport {
  seed: number;
  cycles: number;
  faults: FaultWindow[];
  free: SimulationRun;
  faulted: SimulationRun;
}

/** The cycles a simulation of `days` from `startAt` runs, after checking the history covers them all. */
export function coveredCycles(chain: SimulatedChain, startAt: string, days: number): number {
  const cycles = Math.round((days * MS_PER_DAY) / CYCLE_MS);
  const startMs = Date.parse(startAt);
  chain.assertCovers(startMs, startMs + cycles * CYCLE_MS);
  return cycles;
}

export async function simulate(options: SimulateOptions): Promise<SimulationVerdict> {
  const chain = options.chain ?? new SimulatedChain();
  const startAt = new Date(options.startAt).toISOString();
  const cycles = coveredCycles(chain, startAt, options.days);
  const upstream = await startReplayServer({});
  const base = { chain, upstream, startAt, cycles, attachRole: options.attachRole, tipWatch: options.tipWatch };
  try {
    const free = await withOwnDynamo(options, async (dynamoEndpoint) => {
      const run = await runSimulation({ ...base, dynamoEndpoint, faults: [] });
      run.table.client.destroy();
      return run;
    });
    const transitions = [...new Set(free.published.map((p) => p.cycle))];
    const faults = faultSchedule({
      seed: options.seed,
      cycles,
      retargets: retargetCycles(chain, Date.parse(startAt), cycles),
      transitions,
      ...(options.backgroundEvery ? { backgroundEvery: options.backgroundEvery } : {}),
    });
    // The invariants read the faulted run's table, so they run before its instance stops.
    const { faulted, report } = await withOwnDynamo(options, async (dynamoEndpoint) => {
      const run = await runSimulation({ ...base, dynamoEndpoint, faults });
      const judged = await checkInvariants(chain, free, run, startAt.slice(0, 10));
      run.table.client.destroy();
      return { faulted: run, report: judged };
    });
    return { seed: options.seed, cycles, faults, free, faulted, ...report };
  } finally {
    await upstream.close();
  }
}

/** Runs `fn` against a DynamoDB Local of its own, stopped afterwards whatever happens. */
async function withOwnDynamo<T>(options: SimulateOptions, fn: (dynamoEndpoint: string) => Promise<T>): Promise<T> {
  const dynamo = await options.startDynamo();
  try {
    return await fn(dynamo.endpoint);
  } finally {
    await dynamo.stop();
  }
}

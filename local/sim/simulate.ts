/**
 * One seeded simulation: the fault-free run of a stretch of history, the fault schedule the seed
 * aims at its retargets and transitions, the faulted run, and the invariants between them.
 * Deterministic: the same seed, start and length give the same schedule and the same verdict.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { startReplayServer } from '../devtools/replayServer';
import { faultSchedule, type FaultWindow } from './faultSchedule';
import { checkInvariants, type InvariantReport } from './invariants';
import { CYCLE_MS, retargetCycles, runSimulation, type SimulationRun } from './runSimulation';
import { SimulatedChain } from './simulatedChain';

export interface SimulateOptions {
  seed: number;
  /** First moment simulated, ISO (an interval start). */
  startAt: string;
  /** Length, in days (fractions allowed). */
  days: number;
  dynamoEndpoint: string;
  chain?: SimulatedChain;
  backgroundEvery?: number;
}

export interface SimulationVerdict extends InvariantReport {
  seed: number;
  cycles: number;
  faults: FaultWindow[];
  free: SimulationRun;
  faulted: SimulationRun;
}

export async function simulate(options: SimulateOptions): Promise<SimulationVerdict> {
  const chain = options.chain ?? new SimulatedChain();
  const startAt = new Date(options.startAt).toISOString();
  const cycles = Math.round((options.days * 86_400_000) / CYCLE_MS);
  const upstream = await startReplayServer({});
  try {
    const base = { chain, upstream, dynamoEndpoint: options.dynamoEndpoint, startAt, cycles };
    const free = await runSimulation({ ...base, faults: [] });
    const transitions = [...new Set(free.published.map((p) => p.cycle))];
    const faults = faultSchedule({
      seed: options.seed,
      cycles,
      retargets: retargetCycles(chain, Date.parse(startAt), cycles),
      transitions,
      ...(options.backgroundEvery ? { backgroundEvery: options.backgroundEvery } : {}),
    });
    const faulted = await runSimulation({ ...base, faults });
    const report = await checkInvariants(chain, free, faulted, startAt.slice(0, 10));
    // A soak makes many tables: free DynamoDB Local's memory as soon as one is judged.
    for (const run of [free, faulted]) {
      await run.table.client.send(new DeleteTableCommand({ TableName: run.table.tableName }));
      run.table.client.destroy();
    }
    return { seed: options.seed, cycles, faults, free, faulted, ...report };
  } finally {
    await upstream.close();
  }
}

/**
 * How soon the compute and its alerts follow a block (issue #28, the tip watch): the pipeline
 * simulation (local/sim) run as deployed with the tip watch on, every function's clients under its
 * deployed role, over a stretch of real history whose blocks arrive as the real chain's do: a
 * Poisson process (exponential intervals, mean 600 s at the protocol's target; here each day's real
 * block count, placed by a seeded generator: local/sim/simulatedChain.ts). The scheduled cycle runs
 * every 10 minutes, the watch every minute of the interval but the cycle's own, each stored snapshot wakes the
 * compute through the stream a few seconds later, and that compute run publishes what the block
 * caused. The figure is the 95th percentile, over every block, of the seconds from the block's
 * arrival to that run (local/sim/blockToEvent.ts). HASHWATCH_BLOCK_BENCH_DAYS (default 2),
 * HASHWATCH_BLOCK_BENCH_START (default 2026-03-01) and HASHWATCH_BLOCK_BENCH_SEED (default 28)
 * change the run.
 */
import { startDynamoLocal } from '../local/devtools/dynamoLocal';
import { startReplayServer } from '../local/devtools/replayServer';
import { blockToEvent } from '../local/sim/blockToEvent';
import { runSimulation } from '../local/sim/runSimulation';
import { coveredCycles } from '../local/sim/simulate';
import { SimulatedChain } from '../local/sim/simulatedChain';
import { attachDeployedRole } from '../test/support/simulationRoles';
import { reportBench } from './report';

const days = Number(process.env.HASHWATCH_BLOCK_BENCH_DAYS ?? 2);
const startAt = `${process.env.HASHWATCH_BLOCK_BENCH_START ?? '2026-03-01'}T00:00:00.000Z`;
const seed = Number(process.env.HASHWATCH_BLOCK_BENCH_SEED ?? 28);

const chain = new SimulatedChain(undefined, undefined, { kind: 'poisson', seed });
const cycles = coveredCycles(chain, startAt, days);
const startMs = Date.parse(startAt);
const dynamo = await startDynamoLocal();
const upstream = await startReplayServer({});
try {
  const started = performance.now();
  const run = await runSimulation({
    chain,
    upstream,
    dynamoEndpoint: dynamo.endpoint,
    startAt,
    cycles,
    faults: [],
    attachRole: attachDeployedRole,
    tipWatch: true,
  });
  run.table.client.destroy();
  // The first block after the start: the table is seeded up to the start, the first cycle stores it.
  const blocks = chain.blocksBetween(startMs + 1, startMs + cycles * 10 * 60_000);
  const latency = blockToEvent(blocks, run.evaluations);
  const gaps = blocks.slice(1).map((b, i) => b.timeUnixS - blocks[i]!.timeUnixS);
  const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  console.error(
    `  ${days} days from ${startAt.slice(0, 10)} (seed ${seed}): ${blocks.length} blocks, mean interval ${meanGap.toFixed(0)} s, longest ${Math.max(...gaps)} s; ` +
      `tip checks ${JSON.stringify(run.tipChecks)}; ${run.published.length} events published; ` +
      `first evaluated after a tip watch cycle: ${latency.byTrigger.tip}, after the scheduled cycle: ${latency.byTrigger.schedule}; ` +
      `${latency.unevaluated} at the end not yet evaluated; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.error(
    `  block to event: p50 ${latency.p50Seconds.toFixed(0)} s, p95 ${latency.p95Seconds.toFixed(0)} s, max ${latency.maxSeconds.toFixed(0)} s`,
  );
  reportBench({
    name: 'block-to-event-seconds-p95',
    value: Math.round(latency.p95Seconds),
    unit: 's',
    comparison: '<=',
    target: 90,
  });
} finally {
  await upstream.close();
  await dynamo.stop();
}

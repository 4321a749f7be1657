/**
 * Block-to-event latency (issue #28, `BENCH block-to-event-seconds-p95`): for every block that
 * arrived in a simulated run, the time from its arrival to the first compute run that evaluated a
 * snapshot at or past it (the run that publishes whatever event the block causes, in the same
 * invocation). Pure: the blocks come from the simulated chain, the evaluations from the run.
 */
import { quantileOfSorted } from '../../shared/domain/projection/percentiles';
import type { Evaluation } from './runSimulation';
import type { SimBlock } from './simulatedChain';

export interface BlockToEvent {
  /** Blocks measured (those evaluated before the run ended). */
  blocks: number;
  /** Blocks that arrived but no evaluation reached before the run ended (the last minutes'). */
  unevaluated: number;
  p50Seconds: number;
  p95Seconds: number;
  maxSeconds: number;
  /** Blocks first evaluated after a tip watch's cycle, and after the interval's scheduled cycle. */
  byTrigger: Record<Evaluation['trigger'], number>;
}

export function blockToEvent(blocks: readonly SimBlock[], evaluations: readonly Evaluation[]): BlockToEvent {
  const ordered = [...evaluations].sort((a, b) => a.atMs - b.atMs);
  const latencies: number[] = [];
  const byTrigger: BlockToEvent['byTrigger'] = { schedule: 0, tip: 0 };
  let unevaluated = 0;
  let from = 0;
  for (const block of [...blocks].sort((a, b) => a.height - b.height)) {
    const arrivedMs = block.timeUnixS * 1000;
    // Evaluations before the block's arrival cannot have seen it (and none after it is older).
    while (from < ordered.length && ordered[from]!.atMs < arrivedMs) from += 1;
    const first = ordered.slice(from).find((e) => e.tipHeight >= block.height);
    if (!first) {
      unevaluated += 1;
      continue;
    }
    latencies.push((first.atMs - arrivedMs) / 1000);
    byTrigger[first.trigger] += 1;
  }
  if (latencies.length === 0) throw new Error('no block was evaluated: the latency says nothing');
  const sorted = Float64Array.from(latencies).sort();
  return {
    blocks: latencies.length,
    unevaluated,
    p50Seconds: quantileOfSorted(sorted, 0.5),
    p95Seconds: quantileOfSorted(sorted, 0.95),
    maxSeconds: sorted[sorted.length - 1]!,
    byTrigger,
  };
}

/**
 * How soon a site's run-or-curtail decision follows the price that caused it (issue #24), in the
 * simulation of local/sim/curtailmentLatency.ts: both reconstructed ERCOT events (the week of
 * Winter Storm Uri in February 2021, the August 2023 heat peak), their real-time prices posted up
 * to 4 minutes after each interval ends, the power ingest every 5 minutes, a snapshot every 10,
 * every third stream batch delivered twice, the compute under its deployed role. The figure is the
 * worst decision: (publish time - the causing price's posting time) / its interval length; the
 * target is one interval. Also printed: the decisions and any duplicate publish (target 0).
 */
import { startDynamoLocal } from '../local/devtools/dynamoLocal';
import { simulateCurtailmentLatency } from '../local/sim/curtailmentLatency';
import { attachDeployedRole } from '../test/support/simulationRoles';
import { reportBench } from './report';

const local = await startDynamoLocal();
try {
  let worst = 0;
  let duplicates = 0;
  let decisions = 0;
  for (const [powerEventId, seed] of [
    ['uri-2021', 11],
    ['heat-2023-08-17', 7],
  ] as const) {
    const run = await simulateCurtailmentLatency({
      dynamoEndpoint: local.endpoint,
      powerEventId,
      seed,
      redeliverEvery: 3,
      attachRole: attachDeployedRole,
    });
    for (const d of run.decisions)
      console.log(
        `${powerEventId}: ${d.event.signal} ${d.event.subject} on the interval from ${String(d.event.evidence.values.priceIntervalStartIso)}, ${d.latencyIntervals.toFixed(2)} interval(s) after it was posted`,
      );
    console.log(
      `${powerEventId}: ${run.ticks} ingest rounds, ${run.decisions.length} decisions, ${run.published.length} publishes`,
    );
    worst = Math.max(worst, run.maxLatencyIntervals);
    duplicates += run.duplicatePublishes;
    decisions += run.decisions.length;
  }
  if (decisions === 0) throw new Error('no decision was taken: the latency says nothing');
  reportBench({
    name: 'curtailment-decision-latency-intervals',
    value: Math.round(worst * 100) / 100,
    unit: 'intervals',
    comparison: '<=',
    target: 1,
  });
  reportBench({
    name: 'curtailment-duplicate-publishes',
    value: duplicates,
    unit: 'events',
    comparison: '<=',
    target: 0,
  });
} finally {
  await local.stop();
}

/**
 * The soak (issue #15): the pipeline simulation (local/sim) over a year of 2025-2026 history, cut
 * into one part per seed, every part simulated fault-free and faulted at the real 10-minute
 * cadence and its invariants checked (local/sim/soak.ts). Prints the simulated days, the invariant
 * violations, the worst lock-out and alert delay, and the throughput (simulated cycles per
 * wall-clock second, both runs counted).
 *
 * Scale and time: a year is 2 x 52,560 cycles. HASHWATCH_SOAK_DAYS (default 365),
 * HASHWATCH_SOAK_SEEDS (parts, default 4) and HASHWATCH_SOAK_START (default 2025-08-01) change it.
 * The throughput target is what lets the full soak run as a nightly job on the 2-core machines we
 * have: the year's 105,120 cycles in one 8-hour night need 105,120 / 28,800 s = 3.65, so 4
 * cycles/s. (A timing ratio to a reference would not say whether the year fits the night, which is
 * what the figure is for.)
 */
import { availableParallelism } from 'node:os';
import { startDynamoLocal } from '../local/devtools/dynamoLocal';
import { soak } from '../local/sim/soak';
import { reportBench } from './report';

const days = Number(process.env.HASHWATCH_SOAK_DAYS ?? '365');
const parts = Number(process.env.HASHWATCH_SOAK_SEEDS ?? '4');
const startAt = `${process.env.HASHWATCH_SOAK_START ?? '2025-08-01'}T00:00:00Z`;
const NIGHTLY_WINDOW_S = 8 * 3600;
const targetCyclesPerS = Math.ceil((2 * 365 * 144) / NIGHTLY_WINDOW_S);

// One DynamoDB Local per core: one instance works on about one core.
const instances = await Promise.all(
  Array.from({ length: Math.min(parts, availableParallelism()) }, () => startDynamoLocal({ jit: 'long-run' })),
);
const started = performance.now();
let report;
try {
  report = await soak({
    startAt,
    days,
    parts,
    firstSeed: 1,
    dynamoEndpoints: instances.map((i) => i.endpoint),
    backgroundEvery: 12,
  });
} finally {
  await Promise.all(instances.map((i) => i.stop()));
}
const seconds = (performance.now() - started) / 1000;
for (const v of report.violations.slice(0, 20)) console.error(`  ${v}`);
console.error(`  faults injected: ${JSON.stringify(report.faultsByKind)}`);
console.error(
  `  transitions compared: ${report.transitionsCompared}; ${report.cycles} cycles in ${seconds.toFixed(0)} s`,
);
reportBench({ name: 'soak-simulated-days', value: report.simulatedDays, unit: 'days', comparison: '>=', target: 365 });
reportBench({
  name: 'soak-invariant-violations',
  value: report.violations.length,
  unit: 'count',
  comparison: '<=',
  target: 0,
});
reportBench({
  name: 'soak-max-lockout-cycles',
  value: report.maxLockoutCycles,
  unit: 'cycles',
  comparison: '<=',
  target: 2,
});
reportBench({
  name: 'soak-max-alert-delay-cycles',
  value: report.maxAlertDelayCycles,
  unit: 'cycles',
  comparison: '<=',
  target: 1,
});
reportBench({
  name: 'soak-cycles-per-second',
  value: report.cycles / seconds,
  unit: 'cycles/s',
  comparison: '>=',
  target: targetCyclesPerS,
});

/**
 * The soak (issue #15): the pipeline simulation (local/sim) over 2025-2026 history with several
 * seeds, each a fault-free and a faulted run at the real 10-minute cadence, invariants checked.
 * Prints the simulated days, the invariant violations, the worst lock-out and alert delay, and
 * the throughput (simulated cycles per wall-clock second, both runs counted).
 *
 * Scale: a full year needs 2 x 52,560 cycles per seed. The default is what fits in a bench run
 * (HASHWATCH_SOAK_DAYS days per seed from HASHWATCH_SOAK_START, HASHWATCH_SOAK_SEEDS seeds); set
 * HASHWATCH_SOAK_DAYS=365 for the full soak. The throughput target is what a year with 3 seeds
 * needs to finish in one 8-hour night: 3 x 2 x 52,560 cycles / 28,800 s = 11 cycles/s.
 */
import { startDynamoLocal } from '../local/devtools/dynamoLocal';
import { simulate } from '../local/sim/simulate';
import { SimulatedChain } from '../local/sim/simulatedChain';
import { reportBench } from './report';

const days = Number(process.env.HASHWATCH_SOAK_DAYS ?? '1');
const seeds = Number(process.env.HASHWATCH_SOAK_SEEDS ?? '2');
const start = process.env.HASHWATCH_SOAK_START ?? '2025-06-01';
const NIGHT_TARGET_CYCLES_PER_S = 11;

const db = await startDynamoLocal();
const chain = new SimulatedChain();
let simulatedDays = 0;
let violations = 0;
let maxLockout = 0;
let maxDelay = 0;
let cycles = 0;
const started = performance.now();
try {
  // Seeds run side by side (each its own tables and upstream): DynamoDB Local serves them on
  // every core, while one run alone waits on its round trips.
  const verdicts = await Promise.all(
    Array.from({ length: seeds }, (_, i) => {
      const seed = i + 1;
      // Each seed its own stretch of the year, so more seeds cover more of it.
      const startAt = new Date(Date.parse(`${start}T00:00:00Z`) + i * days * 86_400_000).toISOString();
      return simulate({ seed, startAt, days, dynamoEndpoint: db.endpoint, chain, backgroundEvery: 12 });
    }),
  );
  for (const verdict of verdicts) {
    simulatedDays += days;
    violations += verdict.violations.length;
    maxLockout = Math.max(maxLockout, verdict.maxLockoutCycles);
    maxDelay = Math.max(maxDelay, verdict.maxAlertDelayCycles);
    cycles += 2 * verdict.cycles;
    for (const v of verdict.violations.slice(0, 10)) console.error(`  seed ${verdict.seed}: ${v}`);
  }
} finally {
  await db.stop();
}
const seconds = (performance.now() - started) / 1000;
reportBench({ name: 'soak-simulated-days', value: simulatedDays, unit: 'days', comparison: '>=', target: 365 });
reportBench({ name: 'soak-invariant-violations', value: violations, unit: 'count', comparison: '<=', target: 0 });
reportBench({ name: 'soak-max-lockout-cycles', value: maxLockout, unit: 'cycles', comparison: '<=', target: 2 });
reportBench({ name: 'soak-max-alert-delay-cycles', value: maxDelay, unit: 'cycles', comparison: '<=', target: 1 });
reportBench({
  name: 'soak-cycles-per-second',
  value: cycles / seconds,
  unit: 'cycles/s',
  comparison: '>=',
  target: NIGHT_TARGET_CYCLES_PER_S,
});

/**
 * Runs every benchmark in bench/ (files named *.bench.ts), each in its own process so that one
 * benchmark's JIT warm-up, heap or child processes never colour another's figures.
 * Each benchmark prints lines of the form `BENCH <name> <value> <unit> target <= <value>`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
/** Benchmarks also chosen by the name of the BENCH line they print (`npm run bench -- <name>`). */
const FILES_BY_BENCH_NAME: Readonly<Record<string, string>> = {
  'monthly-cost-one-ercot-site': 'powerCost.bench.ts',
};
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o) || FILES_BY_BENCH_NAME[o] === f))
  .sort();

let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`bench ${file} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);

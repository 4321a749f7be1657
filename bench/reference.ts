/**
 * Timing targets that hold on a busy machine. A benchmark's time depends on how much of a core it
 * gets: on two cores shared with other work, everything takes longer, and absolute targets turn
 * into a measure of the neighbours. So every timing target is a ratio to a reference workload
 * measured in the same run, interleaved with the benchmark's own samples (a sample of the
 * reference just before each sample of the benchmark), so both see the same load:
 *
 *   target now = quiet target x (reference now / QUIET_REFERENCE_MS)     (a time: <=)
 *   target now = quiet target / (reference now / QUIET_REFERENCE_MS)     (a rate: >=)
 *
 * The quiet targets are the ones each benchmark documents (1 s, 20 us, 10,000 req/s...), set on a
 * quiet machine whose reference takes QUIET_REFERENCE_MS; a faster or an idle machine gets
 * tighter targets, a loaded one looser, and the verdict stays that of the code. Counts (items
 * written, dollars) are not timings and keep absolute targets.
 *
 * The reference is plain single-threaded JavaScript of the kind the benchmarks run (float
 * arithmetic, short-lived objects, arrays sorted, a Map keyed by strings), under a millisecond a
 * run. Each reference sample lasts about as long as the benchmark sample beside it (the workload
 * repeated): the scheduler slices a shared core in milliseconds, so a 1 ms sample and a 1 s run
 * see a neighbour's load differently, and the two must see it alike.
 */
import { isEntryPoint } from '../local/runCli';
import { median } from './report';

/**
 * One run of the reference on a quiet core of the machine the targets were set on (2 vCPUs,
 * Node 22): `npx tsx bench/reference.ts` prints it (the fastest of its short samples: a sample
 * that no neighbour interrupted).
 */
export const QUIET_REFERENCE_MS = 1.4;

let sink = 0;

/**
 * The reference workload (deterministic; its result is kept so it cannot be optimized away): the
 * mix the benchmarks run, float arithmetic on a few thousand short-lived records, a JSON round
 * trip (the calculator's request and answer), a sort, and a Map keyed by strings, so that it
 * suffers from a busy neighbour (caches, memory, allocation) the way they do.
 */
export function referenceWorkload(): number {
  const rows: { id: string; hashrateThs: number; powerWatts: number; profitUsdPerDay: number }[] = [];
  let acc = 0;
  for (let i = 0; i < 1_500; i += 1) {
    const hashrateThs = 100 + (i % 97) * 1.5;
    const powerWatts = 3_000 + (i % 41) * 25;
    const profitUsdPerDay = hashrateThs * 0.045 - (powerWatts * 24 * 0.06) / 1000;
    rows.push({ id: `m${i}`, hashrateThs, powerWatts, profitUsdPerDay });
    acc += Math.sqrt(hashrateThs) / (1 + powerWatts);
  }
  const copy = JSON.parse(JSON.stringify(rows)) as typeof rows;
  copy.sort((a, b) => a.profitUsdPerDay - b.profitUsdPerDay);
  const byBucket = new Map<string, number>();
  for (const row of copy) {
    const key = `b${Math.round(row.powerWatts / 100)}`;
    byBucket.set(key, (byBucket.get(key) ?? 0) + row.profitUsdPerDay);
  }
  return acc + copy[0]!.profitUsdPerDay + byBucket.size;
}

/** Time per run of the reference, ms, over enough runs to last about `durationMs`. */
function timeReferenceMs(durationMs: number): number {
  const runs = Math.max(1, Math.round(durationMs / QUIET_REFERENCE_MS));
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i += 1) sink += referenceWorkload();
  return Number(process.hrtime.bigint() - start) / 1e6 / runs;
}

/** Collects reference samples interleaved with a benchmark's samples and turns them into a load factor. */
export class ReferenceSampler {
  private readonly samples: number[] = [];

  constructor() {
    timeReferenceMs(30); // JIT warm-up
  }

  /**
   * Time the reference now, for about as long as the benchmark sample it goes with (call it right
   * before each sample of the benchmark).
   */
  sample(durationMs: number): void {
    this.samples.push(timeReferenceMs(durationMs));
  }

  /** Reference median of this run, ms. */
  referenceMs(): number {
    if (this.samples.length === 0) this.sample(10);
    return median(this.samples);
  }

  /** How much slower than the quiet machine this run is (1 = as quiet, 2 = half the speed). */
  loadFactor(): number {
    if (!Number.isFinite(sink)) throw new Error('reference workload produced a non-finite result');
    return this.referenceMs() / QUIET_REFERENCE_MS;
  }

  /**
   * The factor for a benchmark whose samples were taken one after each reference sample: each
   * sample is set against its own reference (the load moves during a run), and the factor is the
   * one that maps the median of the samples onto the median of the normalized samples.
   */
  private pairedFactor(values: readonly number[] | undefined, kind: 'time' | 'rate'): number {
    if (!values || values.length !== this.samples.length || values.length === 0) return this.loadFactor();
    const factors = this.samples.map((ms) => ms / QUIET_REFERENCE_MS);
    const normalized = values.map((v, i) => (kind === 'time' ? v / factors[i]! : v * factors[i]!));
    const raw = median(values);
    const quiet = median(normalized);
    return kind === 'time' ? raw / quiet : quiet / raw;
  }

  /** A time target (<=) for this run; pass the benchmark's samples when each followed a reference sample. */
  timeTarget(quietTarget: number, pairedSamples?: readonly number[]): number {
    this.lastFactor = this.pairedFactor(pairedSamples, 'time');
    return quietTarget * this.lastFactor;
  }

  /** A rate target (>=) for this run; pass the benchmark's samples when each followed a reference sample. */
  rateTarget(quietTarget: number, pairedSamples?: readonly number[]): number {
    this.lastFactor = this.pairedFactor(pairedSamples, 'rate');
    return quietTarget / this.lastFactor;
  }

  private lastFactor: number | undefined;

  /** One line on stderr (not a BENCH line) saying how the targets were scaled. */
  describe(what: string): void {
    const factor = this.lastFactor ?? this.loadFactor();
    console.error(
      `  ${what}: reference ${this.referenceMs().toFixed(3)} ms a run over ${this.samples.length} samples (quiet ${QUIET_REFERENCE_MS} ms): targets scaled by ${factor.toFixed(2)}`,
    );
  }
}

// `npx tsx bench/reference.ts`: the reference's median on this machine, to calibrate QUIET_REFERENCE_MS.
if (isEntryPoint(import.meta.url)) {
  const samples = Array.from({ length: 300 }, () => timeReferenceMs(QUIET_REFERENCE_MS));
  console.log(
    `reference workload: fastest ${Math.min(...samples).toFixed(3)} ms, median ${median(samples).toFixed(3)} ms a run`,
  );
}

/**
 * Percentiles across paths, one day at a time (sorting 10,000 values for every figure of every day
 * of a 2-year run would take seconds), so nothing grows with the horizon but the three output series.
 */
export interface PercentileSeries {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

export function percentileSeries(days: number): PercentileSeries {
  return { p10: new Float64Array(days), p50: new Float64Array(days), p90: new Float64Array(days) };
}

/**
 * The q-quantile as the value of rank round(q x (n - 1)) in sorted order (nearest rank: with
 * thousands of paths it differs from interpolating between ranks by less than one path's spacing,
 * and it needs one selection instead of two).
 */
export function rankOf(q: number, n: number): number {
  return Math.round(q * (n - 1));
}

export function quantileOfSorted(sorted: Float64Array, q: number): number {
  return sorted[rankOf(q, sorted.length)]!;
}

/** Rearranges a[lo..hi] so that a[k] is the value a sort would put there, smaller ones before it, larger after. */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): number {
  let left = lo;
  let right = hi;
  while (right > left) {
    // Median of three as the pivot keeps sorted or constant input from going quadratic.
    const mid = (left + right) >>> 1;
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i += 1;
      while (a[j]! > pivot) j -= 1;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

/** Bins of the counting pass: enough that a rank's bin holds a few dozen of 10,000 paths. */
const BINS = 512;

/** Buffers reused from day to day (one set per run). */
export interface PercentileScratch {
  values: Float64Array;
  bins: Uint16Array;
  counts: Int32Array;
}

export function percentileScratch(paths: number): PercentileScratch {
  return { values: new Float64Array(paths), bins: new Uint16Array(paths), counts: new Int32Array(BINS) };
}

/**
 * Records the day's p10, p50 and p90 of `values` (left as they are). One pass finds the range, one
 * bins and counts the values, and only the values of the bins holding the three ranks are gathered
 * and selected exactly: linear time with a small constant, where three quickselects over 10,000
 * values cost most of a 2-year run.
 */
export function recordPercentiles(
  series: PercentileSeries,
  day: number,
  values: Float64Array,
  scratch: PercentileScratch,
): void {
  const n = values.length;
  let min = values[0]!;
  let max = min;
  for (let i = 1; i < n; i += 1) {
    const v = values[i]!;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  if (!(max > min)) {
    series.p10[day] = min;
    series.p50[day] = min;
    series.p90[day] = min;
    return;
  }
  const { bins, counts } = scratch;
  const scale = BINS / (max - min);
  if (!Number.isFinite(scale)) {
    // A range too narrow to divide (subnormal): sort, it is a degenerate day anyway.
    const sorted = scratch.values;
    sorted.set(values);
    sorted.sort();
    series.p10[day] = quantileOfSorted(sorted, 0.1);
    series.p50[day] = quantileOfSorted(sorted, 0.5);
    series.p90[day] = quantileOfSorted(sorted, 0.9);
    return;
  }
  counts.fill(0);
  for (let i = 0; i < n; i += 1) {
    const b = Math.min(BINS - 1, Math.floor((values[i]! - min) * scale));
    bins[i] = b;
    counts[b]! += 1;
  }
  const ranks = [rankOf(0.1, n), rankOf(0.5, n), rankOf(0.9, n)];
  // Which bin holds each rank, and how many values lie in the bins below it.
  const rankBin = [0, 0, 0];
  const below = [0, 0, 0];
  let bin = 0;
  let cumulative = 0;
  for (let r = 0; r < 3; r += 1) {
    while (cumulative + counts[bin]! <= ranks[r]!) {
      cumulative += counts[bin]!;
      bin += 1;
    }
    rankBin[r] = bin;
    below[r] = cumulative;
  }
  // One pass gathers the values of those (at most three) bins into consecutive regions of scratch.
  // Bins are in rank order, so equal bins are neighbours and share a region.
  const region = [0, 0, 0];
  for (let r = 1; r < 3; r += 1)
    region[r] = rankBin[r] === rankBin[r - 1] ? region[r - 1]! : region[r - 1]! + counts[rankBin[r - 1]!]!;
  const gathered = scratch.values;
  const next = [region[0]!, region[1]!, region[2]!];
  const [b10, b50, b90] = rankBin as [number, number, number];
  for (let i = 0; i < n; i += 1) {
    const b = bins[i]!;
    if (b === b10) gathered[next[0]!++] = values[i]!;
    else if (b === b50) gathered[next[1]!++] = values[i]!;
    else if (b === b90) gathered[next[2]!++] = values[i]!;
  }
  const valueAt = (r: number) => {
    const lo = region[r]!;
    return selectInPlace(gathered, lo + ranks[r]! - below[r]!, lo, lo + counts[rankBin[r]!]! - 1);
  };
  series.p10[day] = valueAt(0);
  series.p50[day] = valueAt(1);
  series.p90[day] = valueAt(2);
}

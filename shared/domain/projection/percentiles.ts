/**
 * Percentiles across paths, one day at a time: the day's values of every path are copied into a
 * scratch buffer and sorted (Float64Array sorts numerically in place), so nothing grows with the
 * horizon but the three output series.
 */
export interface PercentileSeries {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

export function percentileSeries(days: number): PercentileSeries {
  return { p10: new Float64Array(days), p50: new Float64Array(days), p90: new Float64Array(days) };
}

/** Linear interpolation between closest ranks (type 7, as numpy and R default). */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const x = q * (sorted.length - 1);
  const i = Math.floor(x);
  const w = x - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - w) + sorted[i + 1]! * w : sorted[i]!;
}

export function recordPercentiles(
  series: PercentileSeries,
  day: number,
  values: Float64Array,
  scratch: Float64Array,
): void {
  scratch.set(values);
  scratch.sort();
  series.p10[day] = quantileOfSorted(scratch, 0.1);
  series.p50[day] = quantileOfSorted(scratch, 0.5);
  series.p90[day] = quantileOfSorted(scratch, 0.9);
}

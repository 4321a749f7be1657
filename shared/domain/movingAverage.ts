/**
 * Simple moving average over a series, aligned with the input: entry i is the mean of the `window`
 * values ending at i, or undefined while fewer than `window` values exist (or one is missing).
 *
 * The window sum is kept as a running sum (O(n) for any window), compensated in Neumaier's way:
 * a plain running sum loses the small values that enter next to a huge one and keeps the error
 * after the huge one leaves (window 1 over [1e20, 1] gave 0 instead of 1). Network series span
 * fifteen orders of magnitude (1e6 H/s in 2009, 1e21 H/s now), so the compensation is not academic.
 */
export function simpleMovingAverage(values: readonly (number | undefined)[], window: number): (number | undefined)[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  const out: (number | undefined)[] = new Array(values.length);
  let sum = 0;
  let compensation = 0;
  const add = (x: number): void => {
    const total = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - total + x : x - total + sum;
    sum = total;
  };
  let missingInWindow = 0;
  for (let i = 0; i < values.length; i += 1) {
    const entering = values[i];
    if (entering === undefined) missingInWindow += 1;
    else add(entering);
    if (i >= window) {
      const leaving = values[i - window];
      if (leaving === undefined) missingInWindow -= 1;
      else add(-leaving);
    }
    out[i] = i >= window - 1 && missingInWindow === 0 ? (sum + compensation) / window : undefined;
  }
  return out;
}

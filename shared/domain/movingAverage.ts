/**
 * Simple moving average over a series, aligned with the input: entry i is the mean of the `window`
 * values ending at i, or undefined while fewer than `window` values exist (or one is missing).
 */
export function simpleMovingAverage(values: readonly (number | undefined)[], window: number): (number | undefined)[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  const out: (number | undefined)[] = new Array(values.length);
  let sum = 0;
  let missingInWindow = 0;
  for (let i = 0; i < values.length; i += 1) {
    const entering = values[i];
    if (entering === undefined) missingInWindow += 1;
    else sum += entering;
    if (i >= window) {
      const leaving = values[i - window];
      if (leaving === undefined) missingInWindow -= 1;
      else sum -= leaving;
    }
    out[i] = i >= window - 1 && missingInWindow === 0 ? sum / window : undefined;
  }
  return out;
}

/**
 * Length of the run of negative difficulty adjustments that ends with the latest one (0 when the
 * latest was not negative). A change of exactly 0 ends a run: difficulty did not fall.
 */
export function negativeAdjustmentStreak(changesPct: readonly number[]): number {
  let streak = 0;
  for (let i = changesPct.length - 1; i >= 0 && changesPct[i]! < 0; i -= 1) streak += 1;
  return streak;
}

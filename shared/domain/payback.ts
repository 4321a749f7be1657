/**
 * Simple payback period: how many days of profit repay the money spent up front. Undiscounted, at
 * a constant daily profit (the scenario projection gives the path-dependent answer).
 */

/** Days to repay `capexUsd` at `profitUsdPerDay`; 0 with nothing to repay; Infinity when never. */
export function paybackDays(capexUsd: number, profitUsdPerDay: number): number {
  if (capexUsd <= 0) return 0;
  if (profitUsdPerDay <= 0) return Number.POSITIVE_INFINITY;
  return capexUsd / profitUsdPerDay;
}

/**
 * Interest a miner paid per bitcoin it mined over the same period (quarterly reports): the part
 * of each mined coin that goes to lenders before power and machines. Null when either figure is
 * unknown or nothing was mined.
 */
export function interestCostUsdPerBtcMined(period: {
  interestExpenseUsd: number | null;
  btcProduced: number | null;
}): number | null {
  const { interestExpenseUsd, btcProduced } = period;
  if (interestExpenseUsd === null || btcProduced === null || btcProduced <= 0) return null;
  return interestExpenseUsd / btcProduced;
}

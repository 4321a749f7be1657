/**
 * How many months of cash costs a miner's bitcoin treasury would pay for, at a given hashprice,
 * bitcoin price and the miner's cash cost per BTC. At that hashprice its operating hashrate mines
 * hashrate x hashprice x days / price BTC a month, each costing `cashCostUsdPerBtc` to mine; the
 * treasury is worth held x price. A gross figure: it does not net the month's mining revenue
 * against the costs (that would be the margin, not the runway of the treasury alone).
 */
import { DAYS_PER_MONTH } from '../units';

const PHS_PER_EHS = 1000;

export interface RunwayInputs {
  btcHeld: number | null;
  operatingHashrateEhs: number | null;
  hashpriceUsdPerPhDay: number;
  btcPriceUsd: number;
  cashCostUsdPerBtc: number | null;
}

/** BTC a fleet of `operatingHashrateEhs` mines in an average month at `hashpriceUsdPerPhDay`. */
export function btcMinedPerMonth(
  operatingHashrateEhs: number,
  hashpriceUsdPerPhDay: number,
  btcPriceUsd: number,
): number {
  return (operatingHashrateEhs * PHS_PER_EHS * hashpriceUsdPerPhDay * DAYS_PER_MONTH) / btcPriceUsd;
}

/** Months of cash costs the treasury covers; null when a figure is unknown or the fleet mines nothing. */
export function monthsOfCashCostsCovered(inputs: RunwayInputs): number | null {
  const { btcHeld, operatingHashrateEhs, hashpriceUsdPerPhDay, btcPriceUsd, cashCostUsdPerBtc } = inputs;
  if (btcHeld === null || operatingHashrateEhs === null || cashCostUsdPerBtc === null) return null;
  if (!(btcPriceUsd > 0)) throw new RangeError(`btcPriceUsd must be positive (got ${btcPriceUsd})`);
  const cashCostsUsdPerMonth =
    btcMinedPerMonth(operatingHashrateEhs, hashpriceUsdPerPhDay, btcPriceUsd) * cashCostUsdPerBtc;
  if (!(cashCostsUsdPerMonth > 0)) return null;
  return (btcHeld * btcPriceUsd) / cashCostsUsdPerMonth;
}

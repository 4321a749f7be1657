/**
 * How much of what a miner mined in a period it sold: sold / produced. Above 1 the miner sold
 * out of its treasury as well (it shrinks unless it also bought); 0 is a miner that kept
 * everything. Null when either figure is unknown or nothing was mined (no share to speak of).
 */
export function shareOfProductionSold(period: { btcSold: number | null; btcProduced: number | null }): number | null {
  const { btcSold, btcProduced } = period;
  if (btcSold === null || btcProduced === null || btcProduced <= 0) return null;
  return btcSold / btcProduced;
}

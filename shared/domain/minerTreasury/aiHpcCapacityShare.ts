/**
 * The share of a miner's power capacity contracted to AI/HPC tenants: MW contracted / MW of
 * capacity. It can exceed 1 when the contracts reach past the capacity the company counts today
 * (sites still being built); it is returned as is so that the reader sees it. Null when either
 * figure is unknown or there is no capacity.
 */
export function aiHpcCapacityShare(period: {
  aiHpcContractedMw: number | null;
  powerCapacityMw: number | null;
}): number | null {
  const { aiHpcContractedMw, powerCapacityMw } = period;
  if (aiHpcContractedMw === null || powerCapacityMw === null || powerCapacityMw <= 0) return null;
  return aiHpcContractedMw / powerCapacityMw;
}

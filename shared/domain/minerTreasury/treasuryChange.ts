/**
 * The change of a miner's bitcoin holding from the end of one period to the end of the next, in
 * BTC and as a share of the opening holding (-1 is a treasury sold to zero). Null when either
 * holding is unknown; the share is null from an empty treasury.
 */
export interface TreasuryChange {
  changeBtc: number;
  changeShare: number | null;
}

export function treasuryChange(openingHeldBtc: number | null, closingHeldBtc: number | null): TreasuryChange | null {
  if (openingHeldBtc === null || closingHeldBtc === null) return null;
  const changeBtc = closingHeldBtc - openingHeldBtc;
  return { changeBtc, changeShare: openingHeldBtc > 0 ? changeBtc / openingHeldBtc : null };
}

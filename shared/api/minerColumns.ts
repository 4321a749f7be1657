/** The figures of one listed miner's period as GET /v1/miners serves them: its JSON rows' keys and its CSV's columns, in order. */
export const MINER_COLUMNS = [
  'ticker',
  'month',
  'periodMonths',
  'publishedOn',
  'btcProduced',
  'btcSold',
  'btcBought',
  'btcOtherChange',
  'btcHeldAtEnd',
  'operatingHashrateEhs',
  'powerCapacityMw',
  'aiHpcContractedMw',
  'interestExpenseUsd',
] as const;
export type MinerColumn = (typeof MINER_COLUMNS)[number];

/**
 * Hashprice: what one PH/s of hashrate earns per day. Industry unit USD/PH/s/day (Luxor's Hashrate
 * Index); also given in BTC/PH/s/day. Formulas: docs/design.md §3.
 */
import { HASHES_PER_DIFFICULTY_UNIT, HPS_PER_PHS, SECONDS_PER_DAY } from './units';

export interface Hashprice {
  usdPerPhDay: number;
  btcPerPhDay: number;
}

export interface ExpectedHashpriceInput {
  btcPriceUsd: number;
  difficulty: number;
  subsidyBtc: number;
  /** Mean fees per block over a recent window (e.g. the last 144 blocks), in BTC. */
  feesBtcPerBlock: number;
}

/**
 * Expected (difficulty based) hashprice:
 * BTC/PH/day = (subsidy + fees per block) * 86400 * 1e15 / (D * 2^32).
 * Check (docs/design.md §3): D = 148.2e12, price 74,500, reward 3.15 BTC -> about $31.85/PH/day.
 */
export function expectedHashprice(input: ExpectedHashpriceInput): Hashprice {
  const rewardBtcPerBlock = input.subsidyBtc + input.feesBtcPerBlock;
  const blocksPerPhDay = (SECONDS_PER_DAY * HPS_PER_PHS) / (input.difficulty * HASHES_PER_DIFFICULTY_UNIT);
  const btcPerPhDay = rewardBtcPerBlock * blocksPerPhDay;
  return { btcPerPhDay, usdPerPhDay: btcPerPhDay * input.btcPriceUsd };
}

export interface RealizedHashpriceInput {
  issuanceBtc: number;
  feesBtc: number;
  btcPriceUsd: number;
  /** Mean network hashrate over the same day, H/s. */
  hashrateHps: number;
}

/**
 * Realized (daily) hashprice: what the network actually earned that day per PH/s:
 * (BTC issued + BTC fees) / network hashrate in PH/s.
 * Check (Coin Metrics 2025-12-29): 481.25 + 2.806 BTC at $87,133.51 over 1,134,974,870 TH/s
 * -> about $37.16/PH/day.
 */
export function realizedHashprice(input: RealizedHashpriceInput): Hashprice {
  const btcPerPhDay = (input.issuanceBtc + input.feesBtc) / (input.hashrateHps / HPS_PER_PHS);
  return { btcPerPhDay, usdPerPhDay: btcPerPhDay * input.btcPriceUsd };
}

/** The figures of a day that its realized hashprice needs (a daily rollup may lack some). */
export interface DayFigures {
  issuanceBtc?: number | undefined;
  feesBtc?: number | undefined;
  btcPriceUsd?: number | undefined;
  hashrateHps?: number | undefined;
}

/** A day's realized hashprice, or undefined when the day lacks one of the four figures it needs. */
export function realizedHashpriceOfDay(day: DayFigures): Hashprice | undefined {
  const { issuanceBtc, feesBtc, btcPriceUsd, hashrateHps } = day;
  if (issuanceBtc === undefined || feesBtc === undefined || btcPriceUsd === undefined || hashrateHps === undefined)
    return undefined;
  return realizedHashprice({ issuanceBtc, feesBtc, btcPriceUsd, hashrateHps });
}

/**
 * One UTC day of network history: the series the daily indicators (hash ribbons, Puell multiple,
 * realized hashprice, 90-day means) are computed from. Fields are optional where history has gaps.
 */
import * as z from '../schema/z';
import { MS_PER_DAY } from './units';

export const dailyNetworkSchema = z.object({
  /** UTC day, YYYY-MM-DD. */
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  /** Mean network hashrate that day, H/s. */
  hashrateHps: z.optional(z.number().check(z.positive())),
  btcPriceUsd: z.optional(z.number().check(z.positive())),
  difficulty: z.optional(z.number().check(z.positive())),
  blockCount: z.optional(z.int().check(z.nonnegative())),
  /** BTC issued (subsidy) that day. */
  issuanceBtc: z.optional(z.number().check(z.nonnegative())),
  /** BTC paid in fees that day. */
  feesBtc: z.optional(z.number().check(z.nonnegative())),
  /** Height of the last block of the UTC day (by header timestamp). */
  endHeight: z.optional(z.int().check(z.nonnegative())),
  /** Circulating supply at the end of the day, BTC. */
  supplyBtc: z.optional(z.number().check(z.nonnegative())),
  /**
   * Realized hashprice as the source itself published or computed it, USD/PH/s/day. Kept apart from
   * our own `realizedHashprice` so the two can be checked against each other.
   */
  sourceHashpriceUsdPerPhDay: z.optional(z.number().check(z.nonnegative())),
  /** Which source supplied the day. */
  source: z.string(),
});
export type DailyNetwork = z.infer<typeof dailyNetworkSchema>;

/**
 * The days of `daily` (oldest first) whose close, 00:00Z of the next day, is at or before `atMs`:
 * the days a decision at that time may use (the table may already hold later ones in replays).
 */
export function daysClosedBy(daily: readonly DailyNetwork[], atMs: number): readonly DailyNetwork[] {
  let end = daily.length;
  while (end > 0 && Date.parse(`${daily[end - 1]!.date}T00:00:00Z`) + MS_PER_DAY > atMs) end -= 1;
  return end === daily.length ? daily : daily.slice(0, end);
}

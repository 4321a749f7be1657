/**
 * One UTC day of network history: the series the daily indicators (hash ribbons, Puell multiple,
 * realized hashprice, 90-day means) are computed from. Fields are optional where history has gaps.
 */
import * as z from 'zod';
import { MS_PER_DAY } from './units';

export const dailyNetworkSchema = z.object({
  /** UTC day, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Mean network hashrate that day, H/s. */
  hashrateHps: z.number().positive().optional(),
  btcPriceUsd: z.number().positive().optional(),
  difficulty: z.number().positive().optional(),
  blockCount: z.number().int().nonnegative().optional(),
  /** BTC issued (subsidy) that day. */
  issuanceBtc: z.number().nonnegative().optional(),
  /** BTC paid in fees that day. */
  feesBtc: z.number().nonnegative().optional(),
  /** Height of the last block of the UTC day (by header timestamp). */
  endHeight: z.number().int().nonnegative().optional(),
  /** Circulating supply at the end of the day, BTC. */
  supplyBtc: z.number().nonnegative().optional(),
  /**
   * Realized hashprice as the source itself published or computed it, USD/PH/s/day. Kept apart from
   * our own `realizedHashprice` so the two can be checked against each other.
   */
  sourceHashpriceUsdPerPhDay: z.number().nonnegative().optional(),
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

/**
 * How old a listed miner's newest figures are: the days from the end of its newest month to a day,
 * and the age past which its figures are stale (the CLI table, the status view and GET /v1/miners
 * all warn from there: a monthly update comes out within days, so 45 days means a report missed).
 */
import { MS_PER_DAY } from '../units';
import { addMonths } from './treasuryPeriod';

export const MINER_STALE_AFTER_DAYS = 45;

/** Days from the end of `month` (YYYY-MM) to `date` (YYYY-MM-DD). */
export function daysSinceMonthEnd(month: string, date: string): number {
  return (
    Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`)) / MS_PER_DAY) + 1
  );
}

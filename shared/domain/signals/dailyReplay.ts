/**
 * Signal sources for one day of daily history, as a backtest replays it: decided at the day's
 * close (00:00Z the next day), priced at the day's price, judged on the day's realized hashprice,
 * with the history and epochs known by then. The backtest and the scenario tests both use this,
 * so a replay goes through exactly the live engine (buildSignalInput + evaluateSignals).
 */
import type { DailyNetwork } from '../dailyNetwork';
import type { DifficultyEpoch } from '../difficultyEpoch';
import { realizedHashpriceOfDay } from '../hashprice';
import { HASH_RIBBON_SLOW_DAYS } from '../hashRibbons';
import { HASHPRICE_MEAN_DAYS, type FleetSignalInput, type SignalSources } from './signalInput';
import type { SiteMiningSpec } from '../siteEconomics/siteMiningMargin';
import { MS_PER_DAY } from '../units';

export function dayCloseIso(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + MS_PER_DAY).toISOString();
}

export interface DailyExtras {
  fleetShareNegativePct?: number;
  fleets?: readonly FleetSignalInput[];
  sites?: readonly SiteMiningSpec[];
}

/** Sources for `history[dayIndex]`; undefined when that day has no price (nothing to judge). */
export function dailySignalSources(
  history: readonly DailyNetwork[],
  epochs: readonly DifficultyEpoch[],
  dayIndex: number,
  extras: DailyExtras = {},
): SignalSources | undefined {
  const day = history[dayIndex];
  if (!day || day.btcPriceUsd === undefined) return undefined;
  const realized = realizedHashpriceOfDay(day);
  const hashprice = realized ? { usdPerPhDay: realized.usdPerPhDay, basis: 'realized' as const } : undefined;
  const keep = Math.max(HASH_RIBBON_SLOW_DAYS, HASHPRICE_MEAN_DAYS);
  return {
    decidedAt: dayCloseIso(day.date),
    btcPriceUsd: day.btcPriceUsd,
    hashprice,
    daily: history.slice(Math.max(0, dayIndex + 1 - keep), dayIndex + 1),
    epochs,
    fleetShareNegativePct: extras.fleetShareNegativePct,
    fleets: extras.fleets,
    sites: extras.sites,
  };
}

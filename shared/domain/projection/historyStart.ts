/**
 * A projection's start read from the bundled history (pure: the caller passes the rows): the chain
 * and market at 00:00Z of a date as they were known then, only from days closed before it, and the
 * realized prices after it (the `realized` price path). Used by the calculator's `realized` path
 * and by the out-of-sample validation (local/projection/).
 */
import type { DailyNetwork } from '../dailyNetwork';
import type { DifficultyEpoch } from '../difficultyEpoch';
import { BLOCKS_PER_EPOCH, HASHES_PER_DIFFICULTY_UNIT, MS_PER_DAY, TARGET_BLOCK_INTERVAL_SECONDS } from '../units';
import type { ProjectionStart } from './closedLoop';

/** Days of hashrate averaged for the start's online hashrate (a week smooths out block luck). */
export const START_HASHRATE_DAYS = 7;
/** Days of fees averaged for the fee model's BTC per block. */
export const FEE_WINDOW_DAYS = 30;
/** Days averaged at each end of the supply window (two weeks smooth out block luck and retarget timing). */
const SUPPLY_SMOOTHING_DAYS = 14;

export interface HistoryIndex {
  daily: readonly DailyNetwork[];
  epochs: readonly DifficultyEpoch[];
  firstDayMs: number;
}

export function historyIndex(daily: readonly DailyNetwork[], epochs: readonly DifficultyEpoch[]): HistoryIndex {
  return { daily, epochs, firstDayMs: Date.parse(`${daily[0]!.date}T00:00:00Z`) };
}

export function dayIndexOf(history: HistoryIndex, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - history.firstDayMs) / MS_PER_DAY);
}

function meanOf(history: HistoryIndex, from: number, to: number, pick: (d: DailyNetwork) => number | undefined) {
  let sum = 0;
  let count = 0;
  for (let i = Math.max(0, from); i < Math.min(to, history.daily.length); i += 1) {
    const v = pick(history.daily[i]!);
    if (v !== undefined && Number.isFinite(v)) {
      sum += v;
      count += 1;
    }
  }
  return count > 0 ? sum / count : undefined;
}

/** The first and last dates a start can be read for: every input it needs is in the history. */
export function startableRange(history: HistoryIndex): { first: string; last: string } {
  const { daily } = history;
  let last = daily.length - 1;
  while (last > 0 && (daily[last]!.difficulty === undefined || daily[last]!.hashrateHps === undefined)) last -= 1;
  // The day after the last day with difficulty and hashrate; 365 days of history before the first.
  return {
    first: daily[Math.min(daily.length - 1, 400)]!.date,
    last: new Date(Date.parse(`${daily[last]!.date}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10),
  };
}

/** The start at 00:00Z of `date`, from the days before it; undefined when the history lacks a figure. */
export function startFromHistory(history: HistoryIndex, date: string): ProjectionStart | undefined {
  const s = dayIndexOf(history, date);
  const previous = history.daily[s - 1];
  if (!previous || previous.endHeight === undefined || previous.btcPriceUsd === undefined) return undefined;
  const tipHeight = previous.endHeight;
  const epoch = history.epochs.findLast((e) => e.startHeight <= tipHeight + 1);
  if (!epoch) return undefined;
  const hashrateHps = meanOf(history, s - START_HASHRATE_DAYS, s, (d) => d.hashrateHps);
  const feesBtcPerBlock = meanOf(history, s - FEE_WINDOW_DAYS, s, (d) =>
    d.feesBtc !== undefined && d.blockCount ? d.feesBtc / d.blockCount : undefined,
  );
  const lastFees = history.daily.slice(0, s).findLast((d) => d.feesBtc !== undefined && d.blockCount);
  const fees = feesBtcPerBlock ?? (lastFees ? lastFees.feesBtc! / lastFees.blockCount! : undefined);
  if (hashrateHps === undefined || fees === undefined) return undefined;
  return {
    dateMs: Date.parse(`${date}T00:00:00Z`),
    tipHeight,
    difficulty: epoch.difficulty,
    epochStartHeight: epoch.startHeight,
    epochStartSec: Date.parse(epoch.startedAt) / 1000,
    hashrateHps,
    btcPriceUsd: previous.btcPriceUsd,
    feesBtcPerBlock: fees,
  };
}

/**
 * The start from a market (today's, or a scenario's): the running epoch began at the tip's epoch
 * boundary (tip - first height) x 600 s before the start, and the online hashrate is the one the
 * difficulty implies at 600 s a block unless a measured one is given.
 */
export function startFromMarket(
  market: { tipHeight: number; difficulty: number; btcPriceUsd: number; feesBtcPerBlock: number },
  startDateMs: number,
  hashrateHps = (market.difficulty * HASHES_PER_DIFFICULTY_UNIT) / TARGET_BLOCK_INTERVAL_SECONDS,
): ProjectionStart {
  const epochStartHeight = Math.floor(market.tipHeight / BLOCKS_PER_EPOCH) * BLOCKS_PER_EPOCH;
  return {
    dateMs: startDateMs,
    tipHeight: market.tipHeight,
    difficulty: market.difficulty,
    epochStartHeight,
    epochStartSec: startDateMs / 1000 - (market.tipHeight - epochStartHeight) * TARGET_BLOCK_INTERVAL_SECONDS,
    hashrateHps,
    btcPriceUsd: market.btcPriceUsd,
    feesBtcPerBlock: market.feesBtcPerBlock,
  };
}

/**
 * Growth per day of the network's hashrate over the `windowDays` before `date` (two-week means at
 * both ends), floored at zero: the supply of new machines a projection from `date` assumes.
 */
export function trailingSupplyGrowthPerDay(history: HistoryIndex, date: string, windowDays: number): number {
  const s = dayIndexOf(history, date);
  const now = meanOf(history, s - SUPPLY_SMOOTHING_DAYS, s, (d) => d.hashrateHps);
  const then = meanOf(history, s - windowDays - SUPPLY_SMOOTHING_DAYS, s - windowDays, (d) => d.hashrateHps);
  if (now === undefined || then === undefined) return 0;
  return Math.max(0, (now / then) ** (1 / windowDays) - 1);
}

/** The realized daily prices from `date` on (`days` of them); undefined when the history ends sooner. */
export function realizedPrices(history: HistoryIndex, date: string, days: number): Float64Array | undefined {
  const s = dayIndexOf(history, date);
  if (s < 0 || s + days > history.daily.length) return undefined;
  const out = new Float64Array(days);
  for (let d = 0; d < days; d += 1) {
    const price = history.daily[s + d]!.btcPriceUsd;
    if (price === undefined) return undefined;
    out[d] = price;
  }
  return out;
}

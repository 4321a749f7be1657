/**
 * Turns the bundled daily history and the epoch table into the per-day inputs a replay needs:
 * what the ingest would have stored that day (price, hashrate, difficulty, fees per block, subsidy)
 * plus the daily indicators computed the one way the domain computes them (realized and expected
 * hashprice, hash ribbons) and the difficulty adjustments that took effect that day.
 */
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { expectedHashprice, realizedHashpriceOfDay } from '../../shared/domain/hashprice';
import { hashRibbons } from '../../shared/domain/hashRibbons';

export interface ReplayAdjustment {
  epoch: number;
  startHeight: number;
  difficulty: number;
  changePct: number;
}

export interface ReplayDay {
  date: string;
  btcPriceUsd: number | undefined;
  hashrateHps: number | undefined;
  difficulty: number | undefined;
  blockCount: number | undefined;
  /** Height of the day's last block. */
  endHeight: number | undefined;
  issuanceBtc: number | undefined;
  feesBtc: number | undefined;
  /** Mean fees per block that day; carried forward from the last known day where history lacks fees. */
  feesBtcPerBlock: number | undefined;
  feesCarried: boolean;
  /** Subsidy per block: issuance / blocks (exact except on a halving day, where it is the day's mean). */
  subsidyBtc: number | undefined;
  realizedHashpriceUsdPerPhDay: number | undefined;
  expectedHashpriceUsdPerPhDay: number | undefined;
  sma30Hps: number | undefined;
  sma60Hps: number | undefined;
  capitulating: boolean | undefined;
  /** Difficulty adjustments whose first block falls on this UTC day (usually none, rarely one). */
  adjustments: ReplayAdjustment[];
}

/** Builds one ReplayDay per history row (rows must be consecutive UTC days, oldest first). */
export function buildReplayDays(history: readonly DailyNetwork[], epochs: readonly DifficultyEpoch[]): ReplayDay[] {
  const adjustmentsByDate = new Map<string, ReplayAdjustment[]>();
  for (const epoch of epochs) {
    if (epoch.changePct === undefined) continue;
    const date = epoch.startedAt.slice(0, 10);
    const list = adjustmentsByDate.get(date) ?? [];
    list.push({
      epoch: epoch.epoch,
      startHeight: epoch.startHeight,
      difficulty: epoch.difficulty,
      changePct: epoch.changePct,
    });
    adjustmentsByDate.set(date, list);
  }
  const ribbons = hashRibbons(
    history.map((d) => d.hashrateHps),
    history.map((d) => d.btcPriceUsd),
  );
  const days: ReplayDay[] = [];
  let lastFeesPerBlock: number | undefined;
  let lastDifficulty: number | undefined;
  for (let i = 0; i < history.length; i += 1) {
    const d = history[i]!;
    const ribbon = ribbons[i]!;
    const adjustments = adjustmentsByDate.get(d.date) ?? [];
    for (const a of adjustments) {
      lastDifficulty = a.difficulty;
    }
    const difficulty = d.difficulty ?? lastDifficulty;
    if (d.difficulty !== undefined) lastDifficulty = d.difficulty;
    const blocks = d.blockCount;
    let feesBtcPerBlock: number | undefined;
    let feesCarried = false;
    if (d.feesBtc !== undefined && blocks !== undefined && blocks > 0) {
      feesBtcPerBlock = d.feesBtc / blocks;
      lastFeesPerBlock = feesBtcPerBlock;
    } else if (lastFeesPerBlock !== undefined) {
      feesBtcPerBlock = lastFeesPerBlock;
      feesCarried = true;
    }
    const subsidyBtc =
      d.issuanceBtc !== undefined && blocks !== undefined && blocks > 0 ? d.issuanceBtc / blocks : undefined;
    const realized = realizedHashpriceOfDay(d)?.usdPerPhDay;
    const expected =
      d.btcPriceUsd !== undefined &&
      difficulty !== undefined &&
      subsidyBtc !== undefined &&
      feesBtcPerBlock !== undefined
        ? expectedHashprice({ btcPriceUsd: d.btcPriceUsd, difficulty, subsidyBtc, feesBtcPerBlock }).usdPerPhDay
        : undefined;
    days.push({
      date: d.date,
      btcPriceUsd: d.btcPriceUsd,
      hashrateHps: d.hashrateHps,
      difficulty,
      blockCount: blocks,
      endHeight: d.endHeight,
      issuanceBtc: d.issuanceBtc,
      feesBtc: d.feesBtc,
      feesBtcPerBlock,
      feesCarried,
      subsidyBtc,
      realizedHashpriceUsdPerPhDay: realized,
      expectedHashpriceUsdPerPhDay: expected,
      sma30Hps: ribbon.sma30Hps,
      sma60Hps: ribbon.sma60Hps,
      capitulating: ribbon.capitulating,
      adjustments,
    });
  }
  return days;
}

/** Index of the first day on or after `date` (days sorted); days.length when none. */
export function dayIndexOnOrAfter(days: readonly { date: string }[], date: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first day after `date` (days sorted); days.length when none. */
export function dayIndexAfter(days: readonly { date: string }[], date: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]!.date <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

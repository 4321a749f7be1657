/**
 * The closed-loop projection (docs/projection.md): day by day from a start, for every price path in
 * lockstep,
 *   price path -> hashprice the fleet sees at the day's start -> fleet response (fleetResponse.ts)
 *   decides the online hashrate -> blocks arrive at the rate it implies against the current
 *   difficulty, retargets follow the consensus rule, the subsidy halves (retargetStep.ts) ->
 *   the day's hashprice.
 * One path is a deterministic projection (a fixed price path); many give percentiles per day, the
 * probability per month that the owner's fleet is cash-flow negative, and when hashprice is back
 * above a level. State is Float64Arrays over paths; no object is made per path or per day.
 */
import { HPS_PER_EHS, MS_PER_DAY } from '../units';
import { relaxationPerDay, steadyOffShare, nextOffShare, type FleetResponseParameters } from './fleetResponse';
import { percentileScratch, percentileSeries, recordPercentiles, type PercentileSeries } from './percentiles';
import type { PricePathModel } from './pricePaths';
import { btcPerPhDay, chainPaths, rewardBtcAfter, stepChainDay } from './retargetStep';
import { underwaterShareAt, type UnderwaterCurve } from './underwaterCurve';

/** Days in a month of the horizon (365.25 / 12), as the calculator's price lists count them. */
export const PROJECTION_DAYS_PER_MONTH = 30.4375;

/** The chain and market at 00:00Z of the first day. */
export interface ProjectionStart {
  dateMs: number;
  tipHeight: number;
  difficulty: number;
  /** First height of the running epoch and the time of its first block (seconds since 1970). */
  epochStartHeight: number;
  epochStartSec: number;
  /** Online network hashrate now, H/s. */
  hashrateHps: number;
  btcPriceUsd: number;
  /** Fees per block, BTC, held through the horizon (the stated fee model). */
  feesBtcPerBlock: number;
}

export interface ProjectionInput {
  start: ProjectionStart;
  horizonDays: number;
  prices: PricePathModel;
  curve: UnderwaterCurve;
  response: FleetResponseParameters;
  /** Growth of installed capacity per day (0.001 = 0.1 %/day): the supply of new machines. */
  supplyGrowthPerDay: number;
  /** The hashprice under which the owner's fleet loses cash (power and hosting). */
  ownerBreakEvenHashpriceUsdPerPhDay?: number;
  /** A hashprice level whose first day back at or above it is reported per path. */
  recoveryLevelUsdPerPhDay?: number;
  /**
   * Also give the percentiles of each path's hashprice summed from day 0 (USD per PH/s): a fleet's
   * cumulative profit is linear in it, so its percentiles are the cumulative profit's.
   */
  cumulativeHashprice?: boolean;
}

export interface ProjectionFigures {
  btcPriceUsd: PercentileSeries;
  difficultyAtStart: PercentileSeries;
  /** Mean over paths of the tip height at the day's start. */
  heightAtStart: Float64Array;
  hashrateEhs: PercentileSeries;
  hashpriceUsdPerPhDay: PercentileSeries;
  /**
   * Share of network hashrate cash-flow negative at the day's hashprice, percent. The share falls as
   * hashprice rises, so its p10 is the share at the hashprice's p90 and its p90 the share at p10.
   */
  fleetShareNegativePct: PercentileSeries;
  /** Hashprice summed over days 0..day on each path, USD per PH/s (with `cumulativeHashprice` only). */
  cumulativeHashpriceUsdPerPh: PercentileSeries | null;
}

export interface RecoveryEstimate {
  levelUsdPerPhDay: number;
  /** Share of paths whose hashprice is at or above the level on some day of the horizon. */
  probabilityWithinHorizon: number;
  /** Median over all paths of the first day at or above the level (null when fewer than half get there). */
  medianDay: number | null;
  /** Mean first day over the paths that get there (null when none does). */
  meanDayOfRecovered: number | null;
}

export interface ProjectionOutput {
  paths: number;
  horizonDays: number;
  figures: ProjectionFigures;
  /** Per day: share of paths on which the owner's fleet loses cash that day (null without a break-even). */
  ownerNegativeProbabilityByDay: Float64Array | null;
  /** Per month of the horizon: share of paths with at least one cash-negative day in that month. */
  ownerNegativeProbabilityByMonth: Float64Array | null;
  /** Share of paths with at least one cash-negative day within the horizon. */
  ownerNegativeProbabilityWithinHorizon: number | null;
  recovery: RecoveryEstimate | null;
}

export function runProjection(input: ProjectionInput): ProjectionOutput {
  const { start, horizonDays, prices, curve, response } = input;
  const n = prices.paths;
  const chain = chainPaths(n, {
    height: start.tipHeight,
    difficulty: start.difficulty,
    epochStartHeight: start.epochStartHeight,
    epochStartSec: start.epochStartSec,
  });
  const fees = start.feesBtcPerBlock;
  const startHashprice = btcPerPhDay(rewardBtcAfter(start.tipHeight, fees), start.difficulty) * start.btcPriceUsd;
  const offAtStart = steadyOffShare(curve, response, startHashprice);
  // Installed capacity grows at the same supply rate on every path: one figure, not one per path.
  let capacityHps = start.hashrateHps / (1 - offAtStart);
  const offShare = new Float64Array(n).fill(offAtStart);
  const price = new Float64Array(n);
  const relaxation = relaxationPerDay(response.lagDays);
  const growth = 1 + input.supplyGrowthPerDay;

  const figures: ProjectionFigures = {
    btcPriceUsd: percentileSeries(horizonDays),
    difficultyAtStart: percentileSeries(horizonDays),
    heightAtStart: new Float64Array(horizonDays),
    hashrateEhs: percentileSeries(horizonDays),
    hashpriceUsdPerPhDay: percentileSeries(horizonDays),
    fleetShareNegativePct: percentileSeries(horizonDays),
    cumulativeHashpriceUsdPerPh: input.cumulativeHashprice ? percentileSeries(horizonDays) : null,
  };
  const cumulative = input.cumulativeHashprice ? new Float64Array(n) : null;
  const hashrateEhs = new Float64Array(n);
  const hashprice = new Float64Array(n);
  const scratch = percentileScratch(n);

  const breakEven = input.ownerBreakEvenHashpriceUsdPerPhDay;
  const months = Math.ceil(horizonDays / PROJECTION_DAYS_PER_MONTH);
  const negativeByDay = breakEven === undefined ? null : new Float64Array(horizonDays);
  const negativeByMonth = breakEven === undefined ? null : new Float64Array(months);
  const negativeThisMonth = new Uint8Array(n);
  const everNegative = new Uint8Array(n);
  const level = input.recoveryLevelUsdPerPhDay;
  const recoveredOn = new Float64Array(n).fill(Number.POSITIVE_INFINITY);

  let month = 0;
  for (let day = 0; day < horizonDays; day += 1) {
    const dayStartSec = (start.dateMs + day * MS_PER_DAY) / 1000;
    prices.fillDay(day, price);
    // The day's starting difficulty, before the paths step through the day.
    recordPercentiles(figures.difficultyAtStart, day, chain.difficulty, scratch);
    if (day > 0) capacityHps *= growth;
    let negatives = 0;
    let heightSum = 0;
    for (let i = 0; i < n; i += 1) {
      const d = chain.difficulty[i]!;
      const h = chain.height[i]!;
      heightSum += h;
      const p = price[i]!;
      // The fleet decides on the hashprice it sees at the day's start (yesterday's difficulty, today's price).
      const seen = btcPerPhDay(rewardBtcAfter(h, fees), d) * p;
      if (day > 0) offShare[i] = nextOffShare(offShare[i]!, curve, response.responsiveFraction, relaxation, seen);
      const online = capacityHps * (1 - offShare[i]!);
      hashrateEhs[i] = online / HPS_PER_EHS;
      const dayHashprice = stepChainDay(chain, i, online, dayStartSec, fees) * p;
      hashprice[i] = dayHashprice;
      if (cumulative) cumulative[i] = cumulative[i]! + dayHashprice;
      if (breakEven !== undefined && dayHashprice < breakEven) {
        negatives += 1;
        negativeThisMonth[i] = 1;
        everNegative[i] = 1;
      }
      if (level !== undefined && dayHashprice >= level && recoveredOn[i] === Number.POSITIVE_INFINITY)
        recoveredOn[i] = day;
    }
    recordPercentiles(figures.btcPriceUsd, day, price, scratch);
    figures.heightAtStart[day] = heightSum / n;
    recordPercentiles(figures.hashrateEhs, day, hashrateEhs, scratch);
    const hp = figures.hashpriceUsdPerPhDay;
    recordPercentiles(hp, day, hashprice, scratch);
    if (cumulative) recordPercentiles(figures.cumulativeHashpriceUsdPerPh!, day, cumulative, scratch);
    const share = figures.fleetShareNegativePct;
    share.p10[day] = underwaterShareAt(curve, hp.p90[day]!) * 100;
    share.p50[day] = underwaterShareAt(curve, hp.p50[day]!) * 100;
    share.p90[day] = underwaterShareAt(curve, hp.p10[day]!) * 100;
    if (negativeByDay) negativeByDay[day] = negatives / n;
    const monthEnds = day === horizonDays - 1 || Math.floor((day + 1) / PROJECTION_DAYS_PER_MONTH) !== month;
    if (negativeByMonth && monthEnds) {
      let count = 0;
      for (let i = 0; i < n; i += 1) count += negativeThisMonth[i]!;
      negativeByMonth[month] = count / n;
      negativeThisMonth.fill(0);
    }
    if (monthEnds) month += 1;
  }

  let ever = 0;
  for (let i = 0; i < n; i += 1) ever += everNegative[i]!;
  return {
    paths: n,
    horizonDays,
    figures,
    ownerNegativeProbabilityByDay: negativeByDay,
    ownerNegativeProbabilityByMonth: negativeByMonth,
    ownerNegativeProbabilityWithinHorizon: breakEven === undefined ? null : ever / n,
    recovery: level === undefined ? null : recoveryEstimate(level, recoveredOn),
  };
}

function recoveryEstimate(levelUsdPerPhDay: number, recoveredOn: Float64Array): RecoveryEstimate {
  const sorted = Float64Array.from(recoveredOn).sort();
  let count = 0;
  let sum = 0;
  for (const day of sorted) {
    if (Number.isFinite(day)) {
      count += 1;
      sum += day;
    }
  }
  // Nearest rank: interpolating towards a path that never recovers (Infinity) would give NaN.
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return {
    levelUsdPerPhDay,
    probabilityWithinHorizon: count / sorted.length,
    medianDay: Number.isFinite(median) ? median : null,
    meanDayOfRecovered: count > 0 ? sum / count : null,
  };
}

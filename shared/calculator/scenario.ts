/**
 * Scenario projection: a fleet's economics day by day over a horizon, as difficulty retargets every
 * 2016 blocks by a chosen growth, the BTC price follows a path, and the subsidy halves at its
 * heights (the 2028 halving at 1,050,000 gives 1.5625 BTC).
 *
 * Model (stated so a reader can judge it): blocks arrive at the 600 s target, 144 a day, so an
 * epoch lasts 14 days and the halving date is the tip plus 600 s per block; fees per block stay at
 * today's level; power price, pool fee, uptime and hosting stay at the request's terms. A day's
 * hashprice is the block-weighted mean of the expected hashprice over its 144 blocks (a day that
 * holds a retarget or the halving mixes both sides). When the request gave today's hashprice
 * directly, every day is scaled by given / derived-today, so day 0 agrees with the hashprice used.
 * Pure: the start date comes in, nothing reads the clock.
 */
import { retargetDifficulty, epochOfHeight, epochStartHeight } from '../domain/difficulty';
import { expectedHashprice } from '../domain/hashprice';
import { curtailedFleetDay } from '../domain/curtailedFleetDay';
import { fleetDay, type FleetLine, type OperatingTerms } from '../domain/machineEconomics';
import { blockSubsidyBtc } from '../domain/subsidy';
import {
  BLOCKS_PER_EPOCH,
  BLOCKS_PER_HALVING,
  SECONDS_PER_DAY,
  TARGET_BLOCK_INTERVAL_SECONDS,
  TARGET_EPOCH_TIMESPAN_SECONDS,
  MS_PER_DAY,
  isoDateOfMs,
} from '../domain/units';
import type { ScenarioMarket } from './market';
import { DAYS_PER_MONTH, type BtcPricePath } from './request';

const BLOCKS_PER_DAY = SECONDS_PER_DAY / TARGET_BLOCK_INTERVAL_SECONDS;

export interface ScenarioInput {
  market: ScenarioMarket;
  lines: readonly FleetLine[];
  /** Per line: the hashprice under which that line loses money each day (cash basis). */
  lineCashBreakEvenHashpricesUsdPerPhDay: readonly number[];
  terms: OperatingTerms;
  horizonDays: number;
  difficultyGrowthPctPerEpoch: number;
  btcPricePath: BtcPricePath;
  step: 'day' | 'epoch';
  /** Midnight UTC of the first day, epoch ms. */
  startDateMs: number;
  /** Fleet capex, for the date cumulative profit repays it. */
  capexUsd: number;
  /** The bundled history's daily prices from the start (a `realized` price path). */
  realizedUsdByDay?: Float64Array;
  /** Switch a line off on the days its revenue is below its power cost (curtailedFleetDay.ts). */
  curtailWhenUnprofitable?: boolean;
}

export interface ScenarioDayRow {
  day: number;
  date: string;
  heightAtStart: number;
  difficultyAtStart: number;
  subsidyBtcAtStart: number;
  btcPriceUsd: number;
  hashpriceUsdPerPhDay: number;
  revenueUsdPerDay: number;
  powerCostUsdPerDay: number;
  hostingOpexUsdPerDay: number;
  profitUsdPerDay: number;
  cumulativeProfitUsd: number;
  /** With curtailWhenUnprofitable: machines switched off this day. */
  machinesOff?: number;
}

export interface ScenarioEpochRow {
  epoch: number;
  startDate: string;
  endDate: string;
  days: number;
  heightAtStart: number;
  difficultyAtStart: number;
  subsidyBtcAtStart: number;
  meanBtcPriceUsd: number;
  meanHashpriceUsdPerPhDay: number;
  revenueUsd: number;
  powerCostUsd: number;
  hostingOpexUsd: number;
  profitUsd: number;
  cumulativeProfitUsd: number;
  /** With curtailWhenUnprofitable: machine-days switched off in the epoch. */
  machineDaysOff?: number;
}

export interface ScenarioTurn {
  day: number;
  date: string;
  hashpriceUsdPerPhDay: number;
}

export interface ScenarioResult {
  horizonDays: number;
  startDate: string;
  endDate: string;
  step: 'day' | 'epoch';
  assumptions: {
    blocksPerDay: number;
    difficultyGrowthPctPerEpoch: number;
    btcPricePath: BtcPricePath;
    feesBtcPerBlock: number;
    /** Scale applied to every day so that day 0 matches a hashprice given directly (1 when derived). */
    hashpriceScale: number;
  };
  halvings: { height: number; date: string; subsidyAfterBtc: number }[];
  totals: { revenueUsd: number; powerCostUsd: number; hostingOpexUsd: number; profitUsd: number };
  /** First day the fleet's daily profit (revenue - power - hosting) is negative; null if never within the horizon. */
  fleetUnprofitableFrom: ScenarioTurn | null;
  /** Per machine line, in request order: first day that line loses money, or null. */
  machinesUnprofitableFrom: (ScenarioTurn | null)[];
  /** First day cumulative profit covers the fleet capex; null if not within the horizon (or no capex). */
  paybackDate: string | null;
  /**
   * With curtailWhenUnprofitable: per machine line, in request order, the days it was switched off
   * (its revenue below its power cost) and the first of them; null when every line ran every day
   * regardless (the default).
   */
  curtailment: { lines: Array<{ daysOff: number; firstDayOff: string | null }> } | null;
  rows: ScenarioDayRow[] | ScenarioEpochRow[];
}

/**
 * BTC price on day `day` of the horizon (a `realized` path reads `realizedUsdByDay`; a Monte Carlo
 * path has no single price and is drawn by the closed-loop projection, fleetResponseScenario.ts).
 */
export function btcPriceOnDay(
  path: BtcPricePath,
  todayUsd: number,
  day: number,
  realizedUsdByDay?: Float64Array,
): number {
  switch (path.type) {
    case 'constant':
      return todayUsd;
    case 'growth':
      return todayUsd * (1 + path.pctPerMonth / 100) ** (day / DAYS_PER_MONTH);
    case 'list': {
      const month = Math.min(Math.floor(day / DAYS_PER_MONTH), path.btcPriceUsdByMonth.length - 1);
      return path.btcPriceUsdByMonth[month]!;
    }
    case 'realized':
      if (!realizedUsdByDay) throw new Error("a realized price path needs the history's daily prices");
      return realizedUsdByDay[Math.min(day, realizedUsdByDay.length - 1)]!;
    case 'monteCarlo':
      throw new Error('a Monte Carlo price path has no single price per day');
  }
}

/**
 * Difficulty of every epoch from the tip's onwards, one retarget per epoch. A growth of g% per epoch
 * is an epoch that took 1/(1 + g) of two weeks; retargetDifficulty applies the protocol's clamp.
 */
function difficultyByEpoch(startDifficulty: number, growthPct: number, epochs: number): number[] {
  const timespanSeconds = TARGET_EPOCH_TIMESPAN_SECONDS / (1 + growthPct / 100);
  const out = [startDifficulty];
  for (let i = 1; i <= epochs; i += 1) out.push(retargetDifficulty(out[i - 1]!, timespanSeconds));
  return out;
}

export function projectScenario(input: ScenarioInput): ScenarioResult {
  const { market, lines, terms, horizonDays } = input;
  const tip = market.tipHeight;
  const firstEpoch = epochOfHeight(tip);
  const lastHeight = tip + horizonDays * BLOCKS_PER_DAY;
  const difficulties = difficultyByEpoch(
    market.difficulty,
    input.difficultyGrowthPctPerEpoch,
    epochOfHeight(lastHeight) - firstEpoch + 1,
  );
  const derivedToday = expectedHashprice({
    btcPriceUsd: market.btcPriceUsd,
    difficulty: market.difficulty,
    feesBtcPerBlock: market.feesBtcPerBlock,
    subsidyBtc: blockSubsidyBtc(tip),
  }).usdPerPhDay;
  // A zero derived hashprice (no subsidy left, no fees) cannot be scaled: project it as derived.
  const hashpriceScale = derivedToday > 0 ? market.hashpriceUsdPerPhDay / derivedToday : 1;

  const days: ScenarioDayRow[] = [];
  let cumulativeProfitUsd = 0;
  let fleetUnprofitableFrom: ScenarioTurn | null = null;
  const machinesUnprofitableFrom: (ScenarioTurn | null)[] = lines.map(() => null);
  let paybackDate: string | null = null;
  const totals = { revenueUsd: 0, powerCostUsd: 0, hostingOpexUsd: 0, profitUsd: 0 };
  const curtailment: ScenarioResult['curtailment'] = input.curtailWhenUnprofitable
    ? { lines: lines.map(() => ({ daysOff: 0, firstDayOff: null })) }
    : null;

  for (let day = 0; day < horizonDays; day += 1) {
    const dayStart = tip + day * BLOCKS_PER_DAY;
    const dayEnd = dayStart + BLOCKS_PER_DAY;
    const btcPriceUsd = btcPriceOnDay(input.btcPricePath, market.btcPriceUsd, day, input.realizedUsdByDay);
    // Block-weighted mean over the day's segments of constant difficulty and subsidy.
    let weightedUsdPerPhDay = 0;
    for (let cursor = dayStart; cursor < dayEnd;) {
      const nextRetarget = epochStartHeight(epochOfHeight(cursor) + 1);
      const nextHalving = (Math.floor(cursor / BLOCKS_PER_HALVING) + 1) * BLOCKS_PER_HALVING;
      const segmentEnd = Math.min(dayEnd, nextRetarget, nextHalving);
      const hashprice = expectedHashprice({
        btcPriceUsd,
        difficulty: difficulties[epochOfHeight(cursor) - firstEpoch]!,
        feesBtcPerBlock: market.feesBtcPerBlock,
        subsidyBtc: blockSubsidyBtc(cursor),
      }).usdPerPhDay;
      weightedUsdPerPhDay += hashprice * (segmentEnd - cursor);
      cursor = segmentEnd;
    }
    const hashpriceUsdPerPhDay = (weightedUsdPerPhDay / BLOCKS_PER_DAY) * hashpriceScale;
    const date = isoDateOfMs(input.startDateMs + day * MS_PER_DAY);
    const dayMarket = { hashpriceUsdPerPhDay, btcPriceUsd };
    let fleet = fleetDay(lines, terms, dayMarket);
    let machinesOff: number | undefined;
    if (curtailment) {
      const curtailed = curtailedFleetDay(lines, terms, dayMarket);
      fleet = curtailed.fleet;
      machinesOff = 0;
      curtailed.running.forEach((runs, i) => {
        if (runs) return;
        machinesOff! += lines[i]!.count;
        curtailment.lines[i]!.daysOff += 1;
        curtailment.lines[i]!.firstDayOff ??= date;
      });
    }
    cumulativeProfitUsd += fleet.profitUsdPerDay;
    totals.revenueUsd += fleet.revenueUsdPerDay;
    totals.powerCostUsd += fleet.powerCostUsdPerDay;
    totals.hostingOpexUsd += fleet.hostingOpexUsdPerDay;
    totals.profitUsd += fleet.profitUsdPerDay;
    if (fleetUnprofitableFrom === null && fleet.profitUsdPerDay < 0)
      fleetUnprofitableFrom = { day, date, hashpriceUsdPerPhDay };
    for (let i = 0; i < lines.length; i += 1) {
      if (
        machinesUnprofitableFrom[i] === null &&
        hashpriceUsdPerPhDay < input.lineCashBreakEvenHashpricesUsdPerPhDay[i]!
      ) {
        machinesUnprofitableFrom[i] = { day, date, hashpriceUsdPerPhDay };
      }
    }
    if (paybackDate === null && input.capexUsd > 0 && cumulativeProfitUsd >= input.capexUsd) paybackDate = date;
    days.push({
      day,
      date,
      heightAtStart: dayStart,
      difficultyAtStart: difficulties[epochOfHeight(dayStart) - firstEpoch]!,
      subsidyBtcAtStart: blockSubsidyBtc(dayStart),
      btcPriceUsd,
      hashpriceUsdPerPhDay,
      revenueUsdPerDay: fleet.revenueUsdPerDay,
      powerCostUsdPerDay: fleet.powerCostUsdPerDay,
      hostingOpexUsdPerDay: fleet.hostingOpexUsdPerDay,
      profitUsdPerDay: fleet.profitUsdPerDay,
      cumulativeProfitUsd,
      ...(machinesOff !== undefined ? { machinesOff } : {}),
    });
  }

  const halvings: ScenarioResult['halvings'] = [];
  for (
    let h = (Math.floor(tip / BLOCKS_PER_HALVING) + 1) * BLOCKS_PER_HALVING;
    h < lastHeight;
    h += BLOCKS_PER_HALVING
  ) {
    const atMs = input.startDateMs + ((h - tip) / BLOCKS_PER_DAY) * MS_PER_DAY;
    halvings.push({ height: h, date: isoDateOfMs(atMs), subsidyAfterBtc: blockSubsidyBtc(h) });
  }

  return {
    horizonDays,
    startDate: isoDateOfMs(input.startDateMs),
    endDate: isoDateOfMs(input.startDateMs + (horizonDays - 1) * MS_PER_DAY),
    step: input.step,
    assumptions: {
      blocksPerDay: BLOCKS_PER_DAY,
      difficultyGrowthPctPerEpoch: input.difficultyGrowthPctPerEpoch,
      btcPricePath: input.btcPricePath,
      feesBtcPerBlock: market.feesBtcPerBlock,
      hashpriceScale,
    },
    halvings,
    totals,
    fleetUnprofitableFrom,
    machinesUnprofitableFrom,
    paybackDate,
    curtailment,
    rows: input.step === 'day' ? days : groupByEpoch(days),
  };
}

/** One row per difficulty epoch (by the epoch holding each day's first block); sums and means of its days. */
function groupByEpoch(days: readonly ScenarioDayRow[]): ScenarioEpochRow[] {
  const rows: ScenarioEpochRow[] = [];
  let current: ScenarioEpochRow | undefined;
  let priceSum = 0;
  let hashpriceSum = 0;
  for (const d of days) {
    const epoch = Math.floor(d.heightAtStart / BLOCKS_PER_EPOCH);
    if (!current || current.epoch !== epoch) {
      current = {
        epoch,
        startDate: d.date,
        endDate: d.date,
        days: 0,
        heightAtStart: d.heightAtStart,
        difficultyAtStart: d.difficultyAtStart,
        subsidyBtcAtStart: d.subsidyBtcAtStart,
        meanBtcPriceUsd: 0,
        meanHashpriceUsdPerPhDay: 0,
        revenueUsd: 0,
        powerCostUsd: 0,
        hostingOpexUsd: 0,
        profitUsd: 0,
        cumulativeProfitUsd: 0,
      };
      priceSum = 0;
      hashpriceSum = 0;
      rows.push(current);
    }
    current.endDate = d.date;
    current.days += 1;
    priceSum += d.btcPriceUsd;
    hashpriceSum += d.hashpriceUsdPerPhDay;
    current.meanBtcPriceUsd = priceSum / current.days;
    current.meanHashpriceUsdPerPhDay = hashpriceSum / current.days;
    current.revenueUsd += d.revenueUsdPerDay;
    current.powerCostUsd += d.powerCostUsdPerDay;
    current.hostingOpexUsd += d.hostingOpexUsdPerDay;
    current.profitUsd += d.profitUsdPerDay;
    current.cumulativeProfitUsd = d.cumulativeProfitUsd;
    if (d.machinesOff !== undefined) current.machineDaysOff = (current.machineDaysOff ?? 0) + d.machinesOff;
  }
  return rows;
}

/**
 * The scenario with `difficultyPath: {"type": "fleetResponse"}`: the closed-loop projection
 * (shared/domain/projection/, docs/projection.md) from the request's start, priced for the
 * request's fleet. Rows keep the constant-growth scenario's names and add `hashrateEhs` and
 * `fleetShareNegativePct` (the network's hashrate share cash-flow negative); with Monte Carlo prices
 * every figure is the p50 across paths with `<name>P10` / `<name>P90` beside it. The fleet's money
 * figures are linear in hashprice (its machines run whatever they earn), so a percentile of revenue,
 * profit or cumulative profit is that figure at the hashprice's (or summed hashprice's) percentile.
 * The turning points (unprofitable from, payback) are read on the p50 row.
 */
import { fleetDay, type FleetLine, type OperatingTerms } from '../domain/machineEconomics';
import { PROJECTION_DAYS_PER_MONTH, runProjection, type ProjectionStart } from '../domain/projection/closedLoop';
import { FITTED_RESPONSE } from '../domain/projection/fittedResponse';
import {
  dayIndexOf,
  realizedPrices,
  startableRange,
  startFromHistory,
  startFromMarket,
  trailingSupplyGrowthPerDay,
} from '../domain/projection/historyStart';
import {
  bootstrapPricePath,
  dailyLogReturns,
  fixedPricePath,
  lognormalPricePath,
  type PricePathModel,
} from '../domain/projection/pricePaths';
import { PROJECTED_FIGURES, projectionRows } from '../domain/projection/projectionRows';
import { blockSubsidyBtc } from '../domain/subsidy';
import { BLOCKS_PER_HALVING, HPS_PER_EHS, MS_PER_DAY, isoDateOfMs } from '../domain/units';
import type { ProjectionContext } from '../data/projectionContext';
import { CalculatorErrorCode, calculatorError, type CalculatorError } from './errors';
import type { ScenarioMarket } from './market';
import type { BtcPricePath } from './request';
import { btcPriceOnDay, type ScenarioDayRow, type ScenarioTurn } from './scenario';

/** A day of the projection: the scenario's day row plus the network's response (p50 with Monte Carlo). */
export type ProjectedDayRow = ScenarioDayRow & {
  hashrateEhs: number;
  fleetShareNegativePct: number;
} & Partial<Record<`${ProjectedBandFigure}${'P10' | 'P90'}`, number>>;

/** The figures that carry P10 / P90 beside them with Monte Carlo prices. */
export const PROJECTED_BAND_FIGURES = [
  ...PROJECTED_FIGURES,
  'revenueUsdPerDay',
  'profitUsdPerDay',
  'cumulativeProfitUsd',
] as const;
export type ProjectedBandFigure = (typeof PROJECTED_BAND_FIGURES)[number];

export interface FleetNegativeMonth {
  /** Month of the horizon, 0 first (30.4375 days each). */
  month: number;
  startDate: string;
  /** Share of paths on which the fleet loses cash (revenue < power + hosting) on at least one day of the month. */
  probability: number;
}

export interface ProjectionSummary {
  paths: number;
  /** The Monte Carlo seed; null for a single fixed price path. */
  seed: number | null;
  /** The hashprice under which the request's fleet loses cash (power and hosting), USD/PH/day. */
  fleetCashBreakEvenHashpriceUsdPerPhDay: number;
  fleetNegativeProbabilityByMonth: FleetNegativeMonth[];
  /** Share of paths with at least one cash-negative day within the horizon. */
  fleetNegativeProbabilityWithinHorizon: number;
  recovery: {
    levelUsdPerPhDay: number;
    /** Share of paths whose hashprice is at or above the level on some day of the horizon. */
    probabilityWithinHorizon: number;
    /** The median path's first day at or above the level (null when fewer than half get there). */
    medianDate: string | null;
    /** The mean first day over the paths that get there, as a date (null when none does). */
    meanDateOfRecovered: string | null;
  };
}

export interface ProjectedScenarioResult {
  horizonDays: number;
  startDate: string;
  endDate: string;
  step: 'day';
  assumptions: {
    difficultyPath: { type: 'fleetResponse' };
    btcPricePath: BtcPricePath;
    feesBtcPerBlock: number;
    responsiveFraction: number;
    lagDays: number;
    /** Growth of installed capacity (the supply of new machines), percent a year. */
    supplyGrowthPctPerYear: number;
    startHashrateEhs: number;
    /** Where the start came from: the bundled history (realized) or the market and the 600 s spacing. */
    start: 'history' | 'market';
  };
  /** Heights the mean path reaches on these dates. */
  halvings: { height: number; date: string; subsidyAfterBtc: number }[];
  /** The p50 path's totals. */
  totals: { revenueUsd: number; powerCostUsd: number; hostingOpexUsd: number; profitUsd: number };
  fleetUnprofitableFrom: ScenarioTurn | null;
  machinesUnprofitableFrom: (ScenarioTurn | null)[];
  paybackDate: string | null;
  projection: ProjectionSummary;
  rows: ProjectedDayRow[];
}

export interface FleetResponseScenarioInput {
  context: ProjectionContext;
  /** The start's market (realized: read from the history by `realizedStart`). */
  market: ScenarioMarket;
  /** Set for a realized path: the history's own start (epoch, hashrate, fees). */
  historyStart: ProjectionStart | null;
  lines: readonly FleetLine[];
  lineCashBreakEvenHashpricesUsdPerPhDay: readonly number[];
  fleetCashBreakEvenHashpriceUsdPerPhDay: number;
  recoveryHashpriceUsdPerPhDay: number | undefined;
  terms: OperatingTerms;
  horizonDays: number;
  btcPricePath: BtcPricePath;
  startDateMs: number;
  capexUsd: number;
  /** The history's daily prices from the start (a realized path). */
  realizedUsdByDay?: Float64Array | undefined;
}

const invalid = (field: string, problem: string): CalculatorError =>
  calculatorError(CalculatorErrorCode.InvalidRequest, `The request is invalid: ${field} ${problem}`, [
    { field, problem },
  ]);

/**
 * A realized path's start and prices, or a 400 naming the field: the start must be a past date of
 * the bundled history with every figure a start needs, and the horizon must end within its prices.
 */
export function realizedStart(
  context: ProjectionContext,
  startDate: string | undefined,
  horizonDays: number,
  todayMs: number,
): { start: ProjectionStart; pricesUsd: Float64Array } | CalculatorError {
  const range = startableRange(context.history);
  const within = `within the bundled history (${range.first} to ${range.last})`;
  if (startDate === undefined)
    return invalid('scenario.startDate', `is required with a realized price path: a date ${within}`);
  if (Date.parse(`${startDate}T00:00:00Z`) > todayMs)
    return invalid('scenario.startDate', `is in the future: a realized price path needs a past date ${within}`);
  const start =
    startDate >= range.first && startDate <= range.last ? startFromHistory(context.history, startDate) : undefined;
  if (!start) return invalid('scenario.startDate', `must be a date ${within} for a realized price path`);
  const pricesUsd = realizedPrices(context.history, startDate, horizonDays);
  if (!pricesUsd) {
    const last = context.history.daily.findLast((d) => d.btcPriceUsd !== undefined)!.date;
    const maxDays = dayIndexOf(context.history, last) - dayIndexOf(context.history, startDate) + 1;
    return invalid(
      'scenario.horizonDays',
      `must be at most ${maxDays} from ${startDate}: the realized prices end on ${last}`,
    );
  }
  return { start, pricesUsd };
}

/** The price paths of the request, from `start`. */
function pricePaths(input: FleetResponseScenarioInput, start: ProjectionStart): PricePathModel {
  const path = input.btcPricePath;
  if (path.type === 'monteCarlo') {
    if (path.annualVolatilityPct !== undefined)
      return lognormalPricePath({
        startPriceUsd: start.btcPriceUsd,
        annualVolatilityPct: path.annualVolatilityPct,
        annualDriftPct: path.annualDriftPct ?? 0,
        paths: path.paths,
        seed: path.seed,
      });
    // Bootstrapped: the window's days before the start, or before the history's end for a later start.
    const { daily } = input.context.history;
    const lastPrice = daily.findLastIndex((d) => d.btcPriceUsd !== undefined);
    const end = Math.min(dayIndexOf(input.context.history, isoDateOfMs(start.dateMs)), lastPrice + 1);
    const window = daily.slice(Math.max(0, end - path.bootstrapWindowDays! - 1), end).map((d) => d.btcPriceUsd);
    return bootstrapPricePath({
      startPriceUsd: start.btcPriceUsd,
      logReturns: dailyLogReturns(window),
      paths: path.paths,
      seed: path.seed,
    });
  }
  const usdByDay = new Float64Array(input.horizonDays);
  for (let day = 0; day < input.horizonDays; day += 1)
    usdByDay[day] = btcPriceOnDay(path, start.btcPriceUsd, day, input.realizedUsdByDay);
  return fixedPricePath(usdByDay);
}

export function projectFleetResponse(input: FleetResponseScenarioInput): ProjectedScenarioResult {
  const { context, horizonDays, lines, terms } = input;
  const start = input.historyStart ?? startFromMarket(input.market, input.startDateMs);
  const startDate = isoDateOfMs(input.startDateMs);
  // A start after the history takes the supply of its last year with hashrate figures.
  const supplyDate = [startDate, startableRange(context.history).last].sort()[0]!;
  const supplyGrowthPerDay = trailingSupplyGrowthPerDay(context.history, supplyDate, FITTED_RESPONSE.supplyWindowDays);
  const breakEven = input.fleetCashBreakEvenHashpriceUsdPerPhDay;
  const recoveryLevel = input.recoveryHashpriceUsdPerPhDay ?? breakEven;
  const prices = pricePaths(input, start);
  const output = runProjection({
    start,
    horizonDays,
    prices,
    curve: context.curveFor(startDate),
    response: FITTED_RESPONSE.response,
    supplyGrowthPerDay,
    ownerBreakEvenHashpriceUsdPerPhDay: breakEven,
    recoveryLevelUsdPerPhDay: recoveryLevel,
    cumulativeHashprice: true,
  });

  // Profit is linear in hashprice: profit(h) = zero + slope x h, per day.
  const at = (hashpriceUsdPerPhDay: number, btcPriceUsd: number) =>
    fleetDay(lines, terms, { hashpriceUsdPerPhDay, btcPriceUsd });
  const zero = at(0, 1);
  const slope = at(1, 1).revenueUsdPerDay - zero.revenueUsdPerDay;
  const costPerDay = zero.powerCostUsdPerDay + zero.hostingOpexUsdPerDay;
  const cumulative = output.figures.cumulativeHashpriceUsdPerPh!;
  const bands = output.paths > 1;

  const rows: ProjectedDayRow[] = projectionRows(output, input.startDateMs).map((p) => {
    const hashprice = p.hashpriceUsdPerPhDay as number;
    const fleet = at(hashprice, p.btcPriceUsd as number);
    const cumulativeProfit = (h: number) => slope * h - costPerDay * (p.day + 1);
    const row: ProjectedDayRow = {
      day: p.day,
      date: p.date,
      heightAtStart: p.heightAtStart,
      difficultyAtStart: p.difficultyAtStart as number,
      subsidyBtcAtStart: blockSubsidyBtc(p.heightAtStart),
      btcPriceUsd: p.btcPriceUsd as number,
      hashpriceUsdPerPhDay: hashprice,
      revenueUsdPerDay: fleet.revenueUsdPerDay,
      powerCostUsdPerDay: fleet.powerCostUsdPerDay,
      hostingOpexUsdPerDay: fleet.hostingOpexUsdPerDay,
      profitUsdPerDay: fleet.profitUsdPerDay,
      cumulativeProfitUsd: cumulativeProfit(cumulative.p50[p.day]!),
      hashrateEhs: p.hashrateEhs as number,
      fleetShareNegativePct: p.fleetShareNegativePct as number,
    };
    if (bands) {
      for (const figure of PROJECTED_FIGURES) {
        row[`${figure}P10`] = p[`${figure}P10`] as number;
        row[`${figure}P90`] = p[`${figure}P90`] as number;
      }
      const low = p.hashpriceUsdPerPhDayP10 as number;
      const high = p.hashpriceUsdPerPhDayP90 as number;
      row.revenueUsdPerDayP10 = slope * low;
      row.revenueUsdPerDayP90 = slope * high;
      row.profitUsdPerDayP10 = slope * low - costPerDay;
      row.profitUsdPerDayP90 = slope * high - costPerDay;
      row.cumulativeProfitUsdP10 = cumulativeProfit(cumulative.p10[p.day]!);
      row.cumulativeProfitUsdP90 = cumulativeProfit(cumulative.p90[p.day]!);
    }
    return row;
  });

  const turn = (r: ProjectedDayRow): ScenarioTurn => ({
    day: r.day,
    date: r.date,
    hashpriceUsdPerPhDay: r.hashpriceUsdPerPhDay,
  });
  const unprofitable = rows.find((r) => r.profitUsdPerDay < 0);
  const payback = input.capexUsd > 0 ? rows.find((r) => r.cumulativeProfitUsd >= input.capexUsd) : undefined;
  const last = rows.at(-1)!;
  const revenueUsd = slope * cumulative.p50[horizonDays - 1]!;
  const powerCostUsd = zero.powerCostUsdPerDay * horizonDays;
  const hostingOpexUsd = zero.hostingOpexUsdPerDay * horizonDays;
  const dateOfDay = (day: number | null) => (day === null ? null : isoDateOfMs(input.startDateMs + day * MS_PER_DAY));
  const recovery = output.recovery!;
  const halvings: ProjectedScenarioResult['halvings'] = [];
  for (let i = 1; i < rows.length; i += 1) {
    const crossed = Math.floor(rows[i]!.heightAtStart / BLOCKS_PER_HALVING);
    if (crossed > Math.floor(rows[i - 1]!.heightAtStart / BLOCKS_PER_HALVING))
      halvings.push({
        height: crossed * BLOCKS_PER_HALVING,
        date: rows[i - 1]!.date,
        subsidyAfterBtc: blockSubsidyBtc(crossed * BLOCKS_PER_HALVING),
      });
  }

  return {
    horizonDays,
    startDate,
    endDate: last.date,
    step: 'day',
    assumptions: {
      difficultyPath: { type: 'fleetResponse' },
      btcPricePath: input.btcPricePath,
      feesBtcPerBlock: start.feesBtcPerBlock,
      responsiveFraction: FITTED_RESPONSE.response.responsiveFraction,
      lagDays: FITTED_RESPONSE.response.lagDays,
      supplyGrowthPctPerYear: ((1 + supplyGrowthPerDay) ** 365 - 1) * 100,
      startHashrateEhs: start.hashrateHps / HPS_PER_EHS,
      start: input.historyStart ? 'history' : 'market',
    },
    halvings,
    totals: { revenueUsd, powerCostUsd, hostingOpexUsd, profitUsd: revenueUsd - powerCostUsd - hostingOpexUsd },
    fleetUnprofitableFrom: unprofitable ? turn(unprofitable) : null,
    machinesUnprofitableFrom: input.lineCashBreakEvenHashpricesUsdPerPhDay.map((lineBreakEven) => {
      const r = rows.find((row) => row.hashpriceUsdPerPhDay < lineBreakEven);
      return r ? turn(r) : null;
    }),
    paybackDate: payback?.date ?? null,
    projection: {
      paths: output.paths,
      seed: input.btcPricePath.type === 'monteCarlo' ? input.btcPricePath.seed : null,
      fleetCashBreakEvenHashpriceUsdPerPhDay: breakEven,
      fleetNegativeProbabilityByMonth: Array.from(output.ownerNegativeProbabilityByMonth!, (probability, month) => ({
        month,
        startDate: isoDateOfMs(input.startDateMs + Math.ceil(month * PROJECTION_DAYS_PER_MONTH) * MS_PER_DAY),
        probability,
      })),
      fleetNegativeProbabilityWithinHorizon: output.ownerNegativeProbabilityWithinHorizon!,
      recovery: {
        levelUsdPerPhDay: recovery.levelUsdPerPhDay,
        probabilityWithinHorizon: recovery.probabilityWithinHorizon,
        medianDate: dateOfDay(recovery.medianDay),
        meanDateOfRecovered: dateOfDay(
          recovery.meanDayOfRecovered === null ? null : Math.round(recovery.meanDayOfRecovered),
        ),
      },
    },
    rows,
  };
}

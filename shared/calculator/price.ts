/**
 * Prices a fleet: per machine line and for the whole fleet, today's revenue, costs, margins,
 * break-evens, cost per BTC, payback and curtailment strike, plus the scenario when one is asked.
 * Pure: every formula lives in shared/domain; this module only assembles them and turns the
 * infinities of "never" into JSON nulls.
 */
import { breakEvenHashpriceUsdPerPhDay, cashBreakEvenHashpriceUsdPerPhDay } from '../domain/breakEven';
import {
  efficiencyJPerTh,
  fleetDay,
  machineDay,
  type FleetLine,
  type MarketTerms,
  type OperatingTerms,
} from '../domain/machineEconomics';
import { paybackDays } from '../domain/payback';
import { costToProduceBtc, depreciationUsdPerDay } from '../domain/productionCost';
import type { Currency } from '../domain/currency';
import { bundledIndustryCost } from '../data/bundledData';
import type { IndustryCashCost } from '../data/industryCost';
import type { ResolvedMarket, ScenarioMarket } from './market';
import { DAYS_PER_YEAR, uptimeFraction, type UsdCalculatorRequest } from './request';
import { projectScenario, type ScenarioResult } from './scenario';
import { projectFleetResponse, type ProjectedScenarioResult } from './fleetResponseScenario';
import type { ProjectionContext } from '../data/projectionContext';
import type { ProjectionStart } from '../domain/projection/closedLoop';
import type { SiteEconomics } from './siteEconomicsResult';

/** A machine line once its model is resolved (catalog) or taken as given (custom). */
export interface ResolvedMachineLine {
  source: 'catalog' | 'custom';
  /** Catalog model name, or the custom machine's name (default "custom <hashrate> TH/s"). */
  model: string;
  maker: string | null;
  hashrateThs: number;
  powerWatts: number;
  count: number;
  capexUsdPerMachine: number;
  /** Catalog figures no stored page confirmed ("wattage", "all figures"); null when all were checked or custom. */
  specUnconfirmed: string | null;
}

/** Economics of one machine, of one line (machine x count) or of the fleet; null means "never" / "unknown". */
export interface Economics {
  revenueUsdPerDay: number;
  /** Null when no BTC price is known (hashprice given directly, nothing stored). */
  revenueBtcPerDay: number | null;
  powerCostUsdPerDay: number;
  hostingOpexUsdPerDay: number;
  depreciationUsdPerDay: number;
  /** Revenue minus power and hosting (cash profit, before depreciation). */
  profitUsdPerDay: number;
  /** Profit over revenue, percent; 0 when there is no revenue. */
  marginPct: number;
  breakEvenPowerPriceUsdPerKwh: number;
  /** BTC price at which revenue covers power and hosting; null when no BTC price is known or nothing is earned. */
  breakEvenBtcPriceUsd: number | null;
  costToProduceBtc: {
    energyUsdPerBtc: number | null;
    cashUsdPerBtc: number | null;
    allInUsdPerBtc: number | null;
  };
  /** Days of today's profit that repay the capex; 0 without capex; null if it never pays back. */
  paybackDays: number | null;
  /** Hashprice under which running loses money on power (curtail below it); null if it always does. */
  curtailmentStrikeUsdPerPhDay: number | null;
  /** Power and hosting per PH/s-day actually hashed. */
  hashcostUsdPerPhDay: number | null;
}

export interface MachineLineResult {
  source: 'catalog' | 'custom';
  model: string;
  maker: string | null;
  count: number;
  hashrateThs: number;
  powerWatts: number;
  efficiencyJPerTh: number;
  capexUsdPerMachine: number;
  /** Catalog figures no stored page confirmed; null when all were checked (or a custom machine). */
  specUnconfirmed: string | null;
  perMachine: Economics;
  /** The line: one machine's figures times count (payback and strikes are the same as one machine's). */
  line: Economics;
}

export interface FleetResult extends Economics {
  machineCount: number;
  hashrateThs: number;
  powerWatts: number;
  efficiencyJPerTh: number;
  capexUsd: number;
  overheadUsdPerDay: number;
  /** profitUsdPerDay minus the fleet's overheads (staff, rent, insurance): what the fleet earns in all. */
  profitAfterOverheadUsdPerDay: number;
  /** Days of that profit that repay the capex; 0 without capex; null if it never pays back. */
  paybackAfterOverheadDays: number | null;
}

export interface CalculatorResponse {
  market: ResolvedMarket;
  terms: {
    powerPriceUsdPerKwh: number;
    poolFeePct: number;
    uptimePct: number;
    hostingOpexUsdPerMachinePerDay: number;
    overheadUsdPerDay: number;
    usefulLifeYears: number;
  };
  machines: MachineLineResult[];
  fleet: FleetResult;
  /**
   * A published benchmark to set beside fleet.costToProduceBtc.cashUsdPerBtc: CoinShares' weighted
   * average cash cost of listed miners (a cash cost, not all-in), with its source and date.
   */
  industryCashCostUsdPerBtc: IndustryCashCost;
  /** Constant-growth difficulty (the default), or the closed loop with `difficultyPath` fleetResponse. */
  scenario: ScenarioResult | ProjectedScenarioResult | null;
  /** The money figures in the request's currency; present only when it is not USD (calculator/currency.ts). */
  inCurrency?: InCurrency;
  /** Per-megawatt economics and, with `hpcLease`, mining against the lease (calculator/siteEconomics.ts). */
  siteEconomics?: SiteEconomics;
}

const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function economics(
  day: ReturnType<typeof machineDay>,
  capexUsd: number,
  usefulLifeDays: number,
  overheadUsdPerDay: number,
  efficiency: number,
  terms: OperatingTerms,
  knowsBtcPrice: boolean,
): Economics {
  const cost = costToProduceBtc({
    btcMinedPerDay: day.revenueBtcPerDay,
    powerCostUsdPerDay: day.powerCostUsdPerDay,
    hostingOpexUsdPerDay: day.hostingOpexUsdPerDay,
    capexUsd,
    usefulLifeDays,
    overheadUsdPerDay,
  });
  const btc = (value: number): number | null => (knowsBtcPrice ? orNull(value) : null);
  return {
    revenueUsdPerDay: day.revenueUsdPerDay,
    revenueBtcPerDay: knowsBtcPrice ? day.revenueBtcPerDay : null,
    powerCostUsdPerDay: day.powerCostUsdPerDay,
    hostingOpexUsdPerDay: day.hostingOpexUsdPerDay,
    depreciationUsdPerDay: depreciationUsdPerDay(capexUsd, usefulLifeDays),
    profitUsdPerDay: day.profitUsdPerDay,
    marginPct: day.marginFraction * 100,
    breakEvenPowerPriceUsdPerKwh: day.breakEvenPowerPriceUsdPerKwh,
    breakEvenBtcPriceUsd: btc(day.breakEvenBtcPriceUsd),
    costToProduceBtc: {
      energyUsdPerBtc: btc(cost.energyUsdPerBtc),
      cashUsdPerBtc: btc(cost.cashUsdPerBtc),
      allInUsdPerBtc: btc(cost.allInUsdPerBtc),
    },
    paybackDays: orNull(paybackDays(capexUsd, day.profitUsdPerDay)),
    curtailmentStrikeUsdPerPhDay: orNull(
      breakEvenHashpriceUsdPerPhDay(terms.powerPriceUsdPerKwh, efficiency, terms.poolFeeFraction),
    ),
    hashcostUsdPerPhDay: orNull(day.hashcostUsdPerPhDay),
  };
}

function scaleDay(day: ReturnType<typeof machineDay>, count: number): ReturnType<typeof machineDay> {
  return {
    ...day,
    revenueUsdPerDay: day.revenueUsdPerDay * count,
    revenueBtcPerDay: day.revenueBtcPerDay * count,
    powerCostUsdPerDay: day.powerCostUsdPerDay * count,
    hostingOpexUsdPerDay: day.hostingOpexUsdPerDay * count,
    profitUsdPerDay: day.profitUsdPerDay * count,
  };
}

export interface PriceInput {
  request: UsdCalculatorRequest;
  lines: readonly ResolvedMachineLine[];
  market: ResolvedMarket;
  /** Required when the request holds a scenario. */
  scenarioMarket?: ScenarioMarket;
  /** Midnight UTC of the scenario's first day, epoch ms. */
  scenarioStartMs?: number;
  /** The bundled history, for a fleetResponse scenario or a realized price path. */
  history?: {
    context: ProjectionContext;
    /** A realized path's start as the history gives it, and its daily prices. */
    realized: { start: ProjectionStart; pricesUsd: Float64Array } | null;
  };
}

/** The request's operating terms as the domain's formulas take them. */
export function operatingTerms(request: UsdCalculatorRequest): OperatingTerms {
  return {
    powerPriceUsdPerKwh: request.powerPriceUsdPerKwh,
    poolFeeFraction: request.poolFeePct / 100,
    uptimeFraction: uptimeFraction(request),
    hostingOpexUsdPerDay: request.hostingOpexUsdPerMachinePerDay,
  };
}

/** The fleet's lines as the domain's fleet formulas take them. */
export function fleetLinesOf(lines: readonly ResolvedMachineLine[]): FleetLine[] {
  return lines.map((l) => ({ machine: { hashrateThs: l.hashrateThs, powerWatts: l.powerWatts }, count: l.count }));
}

export function priceFleet(input: PriceInput): CalculatorResponse {
  const { request, lines, market } = input;
  const terms = operatingTerms(request);
  const knowsBtcPrice = market.btcPriceUsd !== null;
  // Without a BTC price, BTC amounts are unknown: price 1 keeps the arithmetic finite and every BTC field is nulled.
  const marketTerms: MarketTerms = {
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    btcPriceUsd: market.btcPriceUsd ?? 1,
  };
  const usefulLifeDays = request.usefulLifeYears * DAYS_PER_YEAR;

  const cashBreakEvens: number[] = [];
  const machines = lines.map((line): MachineLineResult => {
    const spec = { hashrateThs: line.hashrateThs, powerWatts: line.powerWatts };
    const efficiency = efficiencyJPerTh(spec);
    const one = machineDay(spec, terms, marketTerms);
    cashBreakEvens.push(cashBreakEvenHashpriceUsdPerPhDay(one, terms.poolFeeFraction));
    return {
      source: line.source,
      model: line.model,
      maker: line.maker,
      count: line.count,
      hashrateThs: line.hashrateThs,
      powerWatts: line.powerWatts,
      efficiencyJPerTh: efficiency,
      capexUsdPerMachine: line.capexUsdPerMachine,
      specUnconfirmed: line.specUnconfirmed,
      perMachine: economics(one, line.capexUsdPerMachine, usefulLifeDays, 0, efficiency, terms, knowsBtcPrice),
      line: economics(
        scaleDay(one, line.count),
        line.capexUsdPerMachine * line.count,
        usefulLifeDays,
        0,
        efficiency,
        terms,
        knowsBtcPrice,
      ),
    };
  });

  const fleetLines = fleetLinesOf(lines);
  const fleet = fleetDay(fleetLines, terms, marketTerms);
  const capexUsd = lines.reduce((sum, l) => sum + l.capexUsdPerMachine * l.count, 0);
  const fleetEfficiency = fleet.powerWatts / fleet.hashrateThs;
  const fleetEconomics = economics(
    fleet,
    capexUsd,
    usefulLifeDays,
    request.overheadUsdPerDay,
    fleetEfficiency,
    terms,
    knowsBtcPrice,
  );

  let scenario: ScenarioResult | ProjectedScenarioResult | null = null;
  const asked = request.scenario;
  if (asked && input.scenarioMarket && input.scenarioStartMs !== undefined) {
    const realized = input.history?.realized ?? null;
    if (asked.difficultyPath?.type === 'fleetResponse') {
      if (!input.history) throw new Error('a fleetResponse scenario needs the bundled history');
      scenario = projectFleetResponse({
        context: input.history.context,
        market: input.scenarioMarket,
        historyStart: realized?.start ?? null,
        lines: fleetLines,
        lineCashBreakEvenHashpricesUsdPerPhDay: cashBreakEvens,
        fleetCashBreakEvenHashpriceUsdPerPhDay: cashBreakEvenHashpriceUsdPerPhDay(fleet, terms.poolFeeFraction),
        recoveryHashpriceUsdPerPhDay: asked.recoveryHashpriceUsdPerPhDay,
        terms,
        horizonDays: asked.horizonDays,
        btcPricePath: asked.btcPricePath,
        startDateMs: input.scenarioStartMs,
        capexUsd,
        realizedUsdByDay: realized?.pricesUsd,
      });
    } else {
      scenario = projectScenario({
        market: input.scenarioMarket,
        lines: fleetLines,
        lineCashBreakEvenHashpricesUsdPerPhDay: cashBreakEvens,
        terms,
        horizonDays: asked.horizonDays,
        difficultyGrowthPctPerEpoch: asked.difficultyPath?.pctPerEpoch ?? asked.difficultyGrowthPctPerEpoch ?? 0,
        btcPricePath: asked.btcPricePath,
        step: asked.step,
        startDateMs: input.scenarioStartMs,
        capexUsd,
        ...(realized ? { realizedUsdByDay: realized.pricesUsd } : {}),
        curtailWhenUnprofitable: asked.curtailWhenUnprofitable,
      });
    }
  }

  return {
    market,
    terms: {
      powerPriceUsdPerKwh: terms.powerPriceUsdPerKwh,
      poolFeePct: request.poolFeePct,
      uptimePct: terms.uptimeFraction * 100,
      hostingOpexUsdPerMachinePerDay: terms.hostingOpexUsdPerDay,
      overheadUsdPerDay: request.overheadUsdPerDay,
      usefulLifeYears: request.usefulLifeYears,
    },
    machines,
    fleet: {
      machineCount: lines.reduce((sum, l) => sum + l.count, 0),
      hashrateThs: fleet.hashrateThs,
      powerWatts: fleet.powerWatts,
      efficiencyJPerTh: fleetEfficiency,
      capexUsd,
      overheadUsdPerDay: request.overheadUsdPerDay,
      ...fleetEconomics,
      profitAfterOverheadUsdPerDay: fleetEconomics.profitUsdPerDay - request.overheadUsdPerDay,
      paybackAfterOverheadDays: orNull(
        paybackDays(capexUsd, fleetEconomics.profitUsdPerDay - request.overheadUsdPerDay),
      ),
    },
    industryCashCostUsdPerBtc: bundledIndustryCost.cashCostUsdPerBtc,
    scenario,
  };
}

/** The answer's money figures in the request's currency (shared/calculator/currency.ts converts them). */
export interface EconomicsInCurrency {
  revenuePerDay: number;
  powerCostPerDay: number;
  hostingOpexPerDay: number;
  profitPerDay: number;
  breakEvenPowerPricePerKwh: number;
  breakEvenBtcPrice: number | null;
  costToProduceBtc: { energy: number | null; cash: number | null; allIn: number | null };
  curtailmentStrikePerPhDay: number | null;
  curtailmentStrikePerThDay: number | null;
}

export interface InCurrency {
  currency: Currency;
  perUsd: number;
  asOf: string | null;
  hashpricePerPhDay: number;
  hashpricePerThDay: number;
  btcPrice: number | null;
  powerPricePerKwh: number;
  machines: { model: string; line: EconomicsInCurrency }[];
  fleet: EconomicsInCurrency & { profitAfterOverheadPerDay: number };
}

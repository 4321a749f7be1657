/**
 * The calculator's `siteEconomics`: per-megawatt mining economics for any request, and with
 * `hpcLease`, mining against the lease over the lease horizon (build + term).
 *
 * The mining side over the horizon is the scenario projection (shared/calculator/scenario.ts), day
 * by day: difficulty and BTC price follow the request's `scenario` settings (0 %/epoch and a
 * constant price when it has none), the subsidy halves at its heights, fees and the operating
 * terms stay at today's. Where `site.powerCapacityMw` differs from the machines' power, the fleet
 * (its revenue, power, hosting and `asicResidualUsd`) is scaled to fill the site.
 */
import { bundledHpcLeaseDeals } from '../data/bundledData';
import { compareConversion } from '../domain/siteEconomics/conversion';
import { leaseRateUsdPerMwItYear } from '../domain/siteEconomics/hpcLeaseTerms';
import { leasePerMegawatt } from '../domain/siteEconomics/leaseCashFlows';
import { miningPerMegawatt } from '../domain/siteEconomics/miningPerMegawatt';
import { offerAmongDeals } from '../domain/siteEconomics/referenceDeals';
import { fleetDay } from '../domain/machineEconomics';
import { isoDateOfMs, MS_PER_DAY } from '../domain/units';
import { CalculatorErrorCode, calculatorError, isCalculatorError, type CalculatorError } from './errors';
import { scenarioMarket, type MarketSnapshot, type ResolvedMarket } from './market';
import { fleetLinesOf, operatingTerms, type ResolvedMachineLine } from './price';
import { DAYS_PER_MONTH, type UsdCalculatorRequest } from './request';
import { projectScenario, type ScenarioDayRow } from './scenario';
import type { SiteEconomics } from './siteEconomicsResult';

export type { SiteEconomics } from './siteEconomicsResult';

export interface SiteEconomicsInput {
  request: UsdCalculatorRequest;
  lines: readonly ResolvedMachineLine[];
  market: ResolvedMarket;
  snapshot: MarketSnapshot | undefined;
  /** Midnight UTC of the first day of the horizon, epoch ms. */
  startMs: number;
}

export function siteEconomics(input: SiteEconomicsInput): SiteEconomics | CalculatorError {
  const { request, market } = input;
  const terms = operatingTerms(request);
  const fleetLines = fleetLinesOf(input.lines);
  const today = fleetDay(fleetLines, terms, {
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    btcPriceUsd: market.btcPriceUsd ?? 1,
  });
  const perMw = miningPerMegawatt({
    powerWatts: today.powerWatts,
    hashrateThs: today.hashrateThs,
    uptimeFraction: terms.uptimeFraction,
    poolFeeFraction: terms.poolFeeFraction,
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    profitUsdPerDay: today.profitUsdPerDay,
  });
  const siteMw = request.site?.powerCapacityMw ?? perMw.fleetPowerMw;
  const base: SiteEconomics = {
    siteMw,
    siteMwSource: request.site ? 'site.powerCapacityMw' : 'machines',
    fleetPowerMw: perMw.fleetPowerMw,
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    powerPriceUsdPerMwh: terms.powerPriceUsdPerKwh * 1000,
    miningRevenueUsdPerMwh: perMw.miningRevenueUsdPerMwh,
    miningMarginUsdPerMwh: perMw.miningMarginUsdPerMwh,
    miningMarginUsdPerMwYear: perMw.miningMarginUsdPerMwYear,
    leaseRevenueUsdPerMwYear: null,
    leaseMarginUsdPerMwYear: null,
    miningNpvUsd: null,
    leaseNpvUsd: null,
    leaseIrrPct: null,
    leasePaybackYears: null,
    conversionBreakEvenHashpriceUsdPerPhDay: null,
    comparison: null,
    referenceDeals: null,
  };
  const lease = request.hpcLease;
  if (!lease) return base;

  const projectFrom = scenarioMarket(market, input.snapshot);
  if (isCalculatorError(projectFrom)) {
    return calculatorError(
      CalculatorErrorCode.MarketUnavailable,
      'Market figures missing for hpcLease: the mining side is projected over the lease term (difficulty, price, halving); pass btcPriceUsd, difficulty, feesBtcPerBlock and tipHeight in `market`.',
      projectFrom.error.issues.map((i) => ({
        ...i,
        problem: 'is required for hpcLease (the mining side is projected)',
      })),
    );
  }
  const scale = siteMw / perMw.fleetPowerMw;
  const leasePerMw = leasePerMegawatt(lease, terms.powerPriceUsdPerKwh, lease.asicResidualUsd / perMw.fleetPowerMw);
  const horizonDays = Math.round(leasePerMw.horizonMonths * DAYS_PER_MONTH);
  // The request schema keeps hpcLease to constant-growth difficulty and a fixed price path.
  const difficultyPath = request.scenario?.difficultyPath;
  const difficultyGrowthPctPerEpoch =
    difficultyPath?.type === 'constantGrowth'
      ? difficultyPath.pctPerEpoch
      : (request.scenario?.difficultyGrowthPctPerEpoch ?? 0);
  const btcPricePath = request.scenario?.btcPricePath ?? { type: 'constant' as const };
  const projection = projectScenario({
    market: projectFrom,
    lines: fleetLines,
    lineCashBreakEvenHashpricesUsdPerPhDay: fleetLines.map(() => 0),
    terms,
    horizonDays,
    difficultyGrowthPctPerEpoch,
    btcPricePath,
    step: 'day',
    startDateMs: input.startMs,
    capexUsd: 0,
  });
  const days = projection.rows as ScenarioDayRow[];
  const compared = compareConversion({
    mining: {
      referenceHashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
      revenueUsd: days.map((d) => d.revenueUsdPerDay * scale),
      costUsd: days.map((d) => (d.powerCostUsdPerDay + d.hostingOpexUsdPerDay) * scale),
    },
    leaseFlows: leasePerMw.flows.map((f) => ({ atYears: f.atYears, usd: f.usd * siteMw })),
    discountRatePct: lease.discountRatePct,
  });
  return {
    ...base,
    leaseRevenueUsdPerMwYear: leasePerMw.leaseRevenueUsdPerMwYear,
    leaseMarginUsdPerMwYear: leasePerMw.leaseMarginUsdPerMwYear,
    ...compared,
    comparison: {
      horizonYears: leasePerMw.horizonMonths / 12,
      startDate: isoDateOfMs(input.startMs),
      endDate: isoDateOfMs(input.startMs + (horizonDays - 1) * MS_PER_DAY),
      discountRatePct: lease.discountRatePct,
      itLoadMw: (siteMw * lease.itLoadSharePct) / 100,
      rateUsdPerMwItYear: leaseRateUsdPerMwItYear(lease),
      mining: {
        difficultyGrowthPctPerEpoch,
        btcPricePath,
        feesBtcPerBlock: projectFrom.feesBtcPerBlock,
        halvings: projection.halvings,
      },
    },
    referenceDeals: offerAmongDeals(
      leasePerMw.averageRateUsdPerMwItYear,
      bundledHpcLeaseDeals.deals,
      bundledHpcLeaseDeals.version,
    ),
  };
}

/**
 * What each detector is configured with: its timing (enabled, dwell) and its thresholds. The
 * domain owns these types; the zod schemas in shared/config/computeConfig.ts (defaults, ranges,
 * cross-field checks) produce exactly them, which a type-level check there enforces.
 */
import type { Currency } from '../currency';
import type { DetectorConfig } from './detector';

export interface DifficultyNegativeStreakConfig extends DetectorConfig {
  /** Consecutive negative adjustments that raise a warning. */
  warningStreak: number;
  /** Consecutive negative adjustments that make it critical. */
  criticalStreak: number;
}

export interface ProjectedNegativeAdjustmentConfig extends DetectorConfig {
  /** The running epoch's estimated change below this raises a warning (percent, negative). */
  warningBelowPct: number;
  criticalBelowPct: number;
  /** It clears once the estimate is back above this (the hysteresis band). */
  clearAbovePct: number;
  /** No raise before the epoch is this far along (percent). */
  minEpochProgressPct: number;
}

export interface HashpriceFloorConfig extends DetectorConfig {
  /** Hashprice below this floor, USD/PH/s/day, meets the condition. */
  floorUsdPerPhDay: number;
  /**
   * A hashprice this many percent under its 90-day mean makes a floor breach critical; on its own it
   * raises a warning only near the floor (within nearFloorPct above it): a sharp fall is not a floor.
   */
  belowMean90dPct: number;
  /** "Near the floor": at most this many percent above it. Above that, the floor never raises. */
  nearFloorPct: number;
  /** It clears once hashprice is this many percent above the floor... */
  hysteresisPct: number;
  /** ...and this many points less far under its 90-day mean than belowMean90dPct. */
  meanHysteresisPctPoints: number;
}

export interface HashRibbonCapitulationConfig extends DetectorConfig {
  /** Raise when the 30d SMA is this far below the 60d SMA (percent, <= 0). */
  enterBelowPct: number;
  /** Clear when the 30d SMA is this far above the 60d SMA (percent, >= 0). */
  clearAbovePct: number;
  /** A capitulation this deep is critical (percent, negative). */
  criticalBelowPct: number;
}

export interface FleetShareNegativeConfig extends DetectorConfig {
  /** Share of global hashrate cash-flow negative, percent. */
  warningPct: number;
  criticalPct: number;
  /** It clears once the share is this many percentage points under warningPct. */
  hysteresisPctPoints: number;
}

export interface FleetBreakEvenBreachConfig extends DetectorConfig {
  /** It clears once the fleet's margin is back above this (percent of revenue). */
  clearAboveMarginPct: number;
}

export interface ProductionCostAbovePriceConfig extends DetectorConfig {
  /** All-in cost per BTC this many percent above price is critical. */
  criticalAbovePricePct: number;
  /** It clears once all-in cost per BTC is this many percent under price. */
  hysteresisPct: number;
}

export interface ProjectedFleetLossConfig extends DetectorConfig {
  /** Days ahead the projection looks for a cash-negative day. */
  horizonDays: number;
  /** Probability (percent) that the fleet is cash-flow negative on some day of the horizon: a warning at this... */
  warningProbabilityPct: number;
  /** ...critical at this. */
  criticalProbabilityPct: number;
  /** It clears once the probability is this many points under warningProbabilityPct. */
  hysteresisPctPoints: number;
  /** Monte Carlo price paths of the daily evaluation (lognormal, seeded). */
  paths: number;
  annualVolatilityPct: number;
  seed: number;
}

/** What a watched level is judged on: the live price, the last daily close or the last weekly close (UTC). */
export type PriceJudgedOn = 'live' | 'daily-close' | 'weekly-close';

export interface PriceLevelConfig extends DetectorConfig {
  /** Watched BTC price levels, USD; each is its own signal subject. */
  levelsUsd: number[];
  /** Levels watched in `currency` (another currency mempool prices), each its own subject. */
  levels: number[];
  currency: Currency;
  /** Per level, keyed as written in levelsUsd ("74500"): what it is judged on. */
  judgedOn: Record<string, PriceJudgedOn>;
  /** What a level missing from judgedOn is judged on. */
  defaultJudgedOn: PriceJudgedOn;
  /** It clears once price is this many percent above the level. */
  hysteresisPct: number;
}

export interface SiteConversionAdvantageConfig extends DetectorConfig {
  /** Raise when the trailing 30-day mining margin per MW-year is this many percent of the lease's below it. */
  belowLeasePct: number;
  /** Critical when the shortfall is at least this many percent of the lease's margin. */
  criticalBelowLeasePct: number;
  /** It clears once the shortfall is this many percentage points under belowLeasePct. */
  hysteresisPctPoints: number;
}

export interface MinerTreasuryLiquidationConfig extends DetectorConfig {
  /** Also raise when a company's treasury fell by at least this share over about a quarter, percent. */
  quarterDeclinePct: number;
  /** Critical when it fell by at least this share (a treasury sold to zero is always critical). */
  criticalQuarterDeclinePct: number;
  /** A period older than its own length plus this many months says nothing now: the company no longer raises. */
  maxMonthsAfterPeriod: number;
}

export interface MinerSellingPressureConfig extends DetectorConfig {
  /** Months summed (the listed miners that reported both production and sales in them). */
  windowMonths: number;
  /** Raise when the sector sold at least this share of what it produced, percent (100: the treasuries shrink). */
  soldOfProducedPct: number;
  /** Critical from this share. */
  criticalSoldOfProducedPct: number;
  /** Fewer companies in the window than this: no judgement. */
  minCompanies: number;
  /** A window ending more than this many months before the decision says nothing now. */
  maxMonthsAfterWindow: number;
}

/**
 * The site signals have no thresholds of their own: a site's curtailment terms (margin, minimum
 * run and rest, the price age allowed) are the site's (config `sites[].curtailment`), so that each
 * site can differ. Their dwell defaults to 0: the terms already damp the decision.
 */
export type SitePowerStaleConfig = DetectorConfig;
export type SiteCurtailConfig = DetectorConfig;
/** Only `enabled` is read: the resume is the end of a site-curtail episode, decided there. */
export type SiteResumeConfig = DetectorConfig;

/** Every detector's config, by signal id (DETECTORS, typed over SignalId, fails to compile if one is missing). */
export interface SignalsConfig {
  'difficulty-negative-streak': DifficultyNegativeStreakConfig;
  'projected-negative-adjustment': ProjectedNegativeAdjustmentConfig;
  'hashprice-floor': HashpriceFloorConfig;
  'hash-ribbon-capitulation': HashRibbonCapitulationConfig;
  'fleet-share-negative': FleetShareNegativeConfig;
  'fleet-break-even-breach': FleetBreakEvenBreachConfig;
  'projected-fleet-loss': ProjectedFleetLossConfig;
  'production-cost-above-price': ProductionCostAbovePriceConfig;
  'price-level': PriceLevelConfig;
  'site-conversion-advantage': SiteConversionAdvantageConfig;
  'miner-treasury-liquidation': MinerTreasuryLiquidationConfig;
  'miner-selling-pressure': MinerSellingPressureConfig;
  'site-power-stale': SitePowerStaleConfig;
  'site-curtail': SiteCurtailConfig;
  'site-resume': SiteResumeConfig;
}

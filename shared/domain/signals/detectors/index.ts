/**
 * The list of signals: every definition (defineSignal, one module each), in the order of the ids
 * (signalIds.ts derives SIGNAL_IDS from it). The signal ids, the config type and schema, the docs
 * table and the alert examples all derive from this list; a new signal is its module and its line
 * here.
 */
import type * as z from '../../../schema/z';
import type { SignalDetector } from '../detector';
import { difficultyNegativeStreakDetector } from './difficultyNegativeStreak';
import { fleetBreakEvenBreachDetector } from './fleetBreakEvenBreach';
import { fleetShareNegativeDetector } from './fleetShareNegative';
import { hashpriceFloorDetector } from './hashpriceFloor';
import { hashRibbonCapitulationDetector } from './hashRibbonCapitulation';
import { priceLevelDetector } from './priceLevel';
import { productionCostAbovePriceDetector } from './productionCostAbovePrice';
import { projectedNegativeAdjustmentDetector } from './projectedNegativeAdjustment';
import { siteConversionAdvantageDetector } from './siteConversionAdvantage';
import { projectedFleetLossDetector } from './projectedFleetLoss';
import { minerTreasuryLiquidationDetector } from './minerTreasuryLiquidation';
import { minerSellingPressureDetector } from './minerSellingPressure';
import { sitePowerStaleDetector } from './sitePowerStale';
import { siteCurtailDetector } from './siteCurtail';
import { siteResumeDetector } from './siteResume';

export const SIGNALS = [
  difficultyNegativeStreakDetector,
  projectedNegativeAdjustmentDetector,
  hashpriceFloorDetector,
  hashRibbonCapitulationDetector,
  fleetShareNegativeDetector,
  fleetBreakEvenBreachDetector,
  projectedFleetLossDetector,
  productionCostAbovePriceDetector,
  priceLevelDetector,
  siteConversionAdvantageDetector,
  minerTreasuryLiquidationDetector,
  minerSellingPressureDetector,
  sitePowerStaleDetector,
  siteCurtailDetector,
  siteResumeDetector,
] as const;

type AnySignal = (typeof SIGNALS)[number];
export type SignalId = AnySignal['signal'];

/** Each signal's config schema, by id. */
export type SignalsConfigSchemas = { [D in AnySignal as D['signal']]: D['config'] };
/** What each signal is configured with, by id (its config schema's output). */
export type SignalsConfig = { [S in SignalId]: z.output<SignalsConfigSchemas[S]> };

export const DETECTORS = Object.fromEntries(SIGNALS.map((s) => [s.signal, s])) as unknown as {
  readonly [S in SignalId]: SignalDetector<SignalsConfig[S], S>;
};

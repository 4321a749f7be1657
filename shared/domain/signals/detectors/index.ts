/** Every detector, keyed by the signal id it serves (one per id of SIGNAL_IDS). */
import type { SignalsConfig } from '../signalsConfig';
import type { SignalDetector } from '../detector';
import type { SignalId } from '../signalIds';
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

export const DETECTORS: { readonly [S in SignalId]: SignalDetector<SignalsConfig[S]> } = {
  'difficulty-negative-streak': difficultyNegativeStreakDetector,
  'projected-negative-adjustment': projectedNegativeAdjustmentDetector,
  'hashprice-floor': hashpriceFloorDetector,
  'hash-ribbon-capitulation': hashRibbonCapitulationDetector,
  'fleet-share-negative': fleetShareNegativeDetector,
  'fleet-break-even-breach': fleetBreakEvenBreachDetector,
  'projected-fleet-loss': projectedFleetLossDetector,
  'production-cost-above-price': productionCostAbovePriceDetector,
  'price-level': priceLevelDetector,
  'site-conversion-advantage': siteConversionAdvantageDetector,
  'miner-treasury-liquidation': minerTreasuryLiquidationDetector,
  'miner-selling-pressure': minerSellingPressureDetector,
  'site-power-stale': sitePowerStaleDetector,
  'site-curtail': siteCurtailDetector,
  'site-resume': siteResumeDetector,
};

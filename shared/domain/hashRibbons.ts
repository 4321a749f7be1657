/**
 * Hash Ribbons (Charles Edwards, Capriole, 2019): the 30-day and 60-day simple moving averages of
 * daily network hashrate. Miners are capitulating while the 30d SMA is below the 60d SMA; the
 * recovery is the day it crosses back above; a "buy" is a recovery on which, in addition, price
 * momentum is positive (10d SMA of price above its 20d SMA).
 */
import { simpleMovingAverage } from './movingAverage';

export const HASH_RIBBON_FAST_DAYS = 30;
export const HASH_RIBBON_SLOW_DAYS = 60;
export const PRICE_MOMENTUM_FAST_DAYS = 10;
export const PRICE_MOMENTUM_SLOW_DAYS = 20;

export interface HashRibbonDay {
  sma30Hps: number | undefined;
  sma60Hps: number | undefined;
  /** 30d below 60d (raw, no hysteresis: signals add their own). Undefined until 60 days exist. */
  capitulating: boolean | undefined;
  /** The day the 30d crosses back above the 60d after capitulation. */
  recovery: boolean;
  /** Recovery with positive price momentum (10d SMA of price above its 20d SMA). */
  buy: boolean;
  priceSma10Usd: number | undefined;
  priceSma20Usd: number | undefined;
}

export function hashRibbons(
  dailyHashrateHps: readonly (number | undefined)[],
  dailyPriceUsd: readonly (number | undefined)[],
): HashRibbonDay[] {
  // The two series are aligned by index (one entry per UTC day); a length mismatch means they are
  // not, and every momentum reading would silently belong to another day.
  if (dailyHashrateHps.length !== dailyPriceUsd.length) {
    throw new RangeError(
      `hashrate (${dailyHashrateHps.length}) and price (${dailyPriceUsd.length}) series differ in length`,
    );
  }
  const sma30 = simpleMovingAverage(dailyHashrateHps, HASH_RIBBON_FAST_DAYS);
  const sma60 = simpleMovingAverage(dailyHashrateHps, HASH_RIBBON_SLOW_DAYS);
  const price10 = simpleMovingAverage(dailyPriceUsd, PRICE_MOMENTUM_FAST_DAYS);
  const price20 = simpleMovingAverage(dailyPriceUsd, PRICE_MOMENTUM_SLOW_DAYS);
  const days: HashRibbonDay[] = [];
  let previous: boolean | undefined;
  for (let i = 0; i < dailyHashrateHps.length; i += 1) {
    const fast = sma30[i];
    const slow = sma60[i];
    const capitulating = fast !== undefined && slow !== undefined ? fast < slow : undefined;
    const recovery = previous === true && capitulating === false;
    const p10 = price10[i];
    const p20 = price20[i];
    const momentum = p10 !== undefined && p20 !== undefined && p10 > p20;
    days.push({
      sma30Hps: fast,
      sma60Hps: slow,
      capitulating,
      recovery,
      buy: recovery && momentum,
      priceSma10Usd: p10,
      priceSma20Usd: p20,
    });
    if (capitulating !== undefined) previous = capitulating;
  }
  return days;
}

/**
 * Puell Multiple (David Puell, 2019): the USD value of the coins issued in a day divided by the
 * 365-day simple moving average of that value (docs/design.md §3). Issuance is the new supply only
 * (subsidy, Coin Metrics `IssTotNtv`), not fees. Low readings (below about 0.5-0.6) have marked
 * miner-revenue stress at cycle lows, e.g. late 2018 and late 2022.
 */
import { simpleMovingAverage } from './movingAverage';

export const PUELL_WINDOW_DAYS = 365;

export interface PuellDay {
  /** BTC issued that day x BTC price, USD; undefined when either is unknown. */
  issuanceUsd: number | undefined;
  /** 365-day SMA of `issuanceUsd`; undefined until 365 consecutive known days exist. */
  issuanceSma365Usd: number | undefined;
  multiple: number | undefined;
}

/** Puell Multiple per day; the two series are aligned by index, one entry per consecutive UTC day. */
export function puellMultiple(
  dailyIssuanceBtc: readonly (number | undefined)[],
  dailyPriceUsd: readonly (number | undefined)[],
): PuellDay[] {
  if (dailyIssuanceBtc.length !== dailyPriceUsd.length) {
    throw new RangeError(
      `issuance (${dailyIssuanceBtc.length}) and price (${dailyPriceUsd.length}) series differ in length`,
    );
  }
  const issuanceUsd = dailyIssuanceBtc.map((btc, i) => {
    const price = dailyPriceUsd[i];
    return btc === undefined || price === undefined ? undefined : btc * price;
  });
  const sma = simpleMovingAverage(issuanceUsd, PUELL_WINDOW_DAYS);
  return issuanceUsd.map((usd, i) => {
    const mean = sma[i];
    return {
      issuanceUsd: usd,
      issuanceSma365Usd: mean,
      multiple: usd !== undefined && mean !== undefined && mean > 0 ? usd / mean : undefined,
    };
  });
}

/**
 * Each market's price cap and floor, with their sources: a price beyond them is not a market price
 * (most often a unit slip: c/kWh or $/kWh read as $/MWh, or EUR read as a different scale), so it
 * is refused with an error naming the field. Negative prices are real and allowed down to the floor.
 *
 * ERCOT: the High System-Wide Offer Cap (HCAP) was $9,000/MWh until 2021-12-31 (it held real-time
 * prices there during Winter Storm Uri, 2021-02-14..18) and is $5,000/MWh from 2022-01-01, with the
 * Power Balance Penalty Curve capped at HCAP + $1 = $5,001/MWh (ERCOT market notice M-A120721-01,
 * 2021-12-07, implementing the PUCT's amendment of 16 TAC §25.505 of 2021-12-02). The cap applied
 * here is that penalty-curve ceiling. ERCOT removed the -$251/MWh floor of day-ahead prices
 * (NPRR1051, effective 2021-05-29) and real-time prices have gone below -$251 (ERCOT QMWG,
 * 2011-12-02); no published floor holds, so the check's floor is the negative of the cap: a
 * plausibility bound, not a market rule.
 *
 * ENTSO-E (SDAC, the single day-ahead coupling): the harmonised maximum clearing price rose to
 * +4,000 EUR/MWh on 2022-05-10; the automatic rise to +5,000 announced for 2022-09-20 was suspended
 * and it stayed at +4,000 (EXAA and HEnEx notices, 2022-09-13); the harmonised minimum is
 * -500 EUR/MWh (SEMOpx market message 5852, 2023-11-24). The methodology can move them again, so
 * the check allows +5,000 and -600 EUR/MWh: one step of the methodology beyond the values cited.
 */
import { MS_PER_DAY } from '../units';
import type { PowerMarket } from './intervalPrice';

export interface PriceLimits {
  /** The highest price the market can clear, in its own currency per MWh. */
  maxPerMwh: number;
  /** The lowest. */
  minPerMwh: number;
  currency: 'USD' | 'EUR';
  /** Where the figures come from, for the error message and the docs. */
  source: string;
}

const ERCOT_HCAP_CHANGE_MS = Date.UTC(2022, 0, 1) + 6 * 3_600_000; // 2022-01-01 00:00 CST

/** ERCOT's limits for an interval starting at `atMs`. */
export function ercotLimits(atMs: number): PriceLimits {
  const maxPerMwh = atMs < ERCOT_HCAP_CHANGE_MS ? 9_000 : 5_001;
  return {
    maxPerMwh,
    minPerMwh: -maxPerMwh,
    currency: 'USD',
    source:
      atMs < ERCOT_HCAP_CHANGE_MS
        ? 'ERCOT HCAP $9,000/MWh (until 2021-12-31)'
        : 'ERCOT HCAP $5,000/MWh + $1 penalty curve (from 2022-01-01, market notice M-A120721-01)',
  };
}

/** ENTSO-E day-ahead (SDAC) limits, in EUR/MWh. */
export function entsoeDayAheadLimits(): PriceLimits {
  return {
    maxPerMwh: 5_000,
    minPerMwh: -600,
    currency: 'EUR',
    source: 'SDAC harmonised clearing price limits (+4,000/-500 EUR/MWh, one methodology step of margin)',
  };
}

/**
 * A feed or a tariff belongs to no market: its bounds are the widest of the markets above, in
 * USD. A retail or contract price beyond $9,000/MWh ($9/kWh) is a unit slip.
 */
export function feedLimits(): PriceLimits {
  return { maxPerMwh: 9_000, minPerMwh: -9_000, currency: 'USD', source: 'widest market cap ($9,000/MWh)' };
}

/** The limits a price of `market` is checked against, by the interval's start. */
export function limitsForMarket(market: PowerMarket): (startMs: number) => PriceLimits {
  switch (market) {
    case 'ERCOT':
      return ercotLimits;
    case 'ENTSO-E':
      return () => entsoeDayAheadLimits();
    case 'feed':
    case 'tariff':
      return () => feedLimits();
  }
}

/** How far ahead a market publishes prices: day-ahead results for the next delivery day, at most. */
export const MAX_PRICE_LEAD_MS = 2 * MS_PER_DAY;

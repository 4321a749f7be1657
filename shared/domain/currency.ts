/**
 * Currencies: the fiat currencies mempool prices BTC in (`/api/v1/prices`: USD, EUR, GBP, CAD, CHF,
 * AUD, JPY), and the one conversion of a USD amount into one of them. USD is the stored basis of
 * every figure; a figure in another currency is the USD figure times that currency's units per USD,
 * read from the same snapshot's BTC prices (fiatPrices[C] / btcPriceUsd), so a converted figure is
 * always as of the snapshot it came from. A currency the snapshot holds no price for is refused with
 * a message that names it: never a USD figure under another currency's name.
 * Pure: the prices come in, nothing is read.
 */
import * as z from '../schema/z';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'CHF', 'AUD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const BASE_CURRENCY: Currency = 'USD';

export const currencySchema = z.enum(CURRENCIES, {
  error: `must be one of ${CURRENCIES.join(', ')}`,
});

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

/** What a conversion needs of a snapshot: its USD price and its other fiat prices, per BTC. */
export interface BtcPrices {
  btcPriceUsd: number;
  fiatPrices: Readonly<Record<string, number>>;
}

/** Units of `currency` per USD, as of one snapshot (1 for USD). */
export interface FxRate {
  currency: Currency;
  perUsd: number;
}

export const fxRateSchema = z.object({ currency: currencySchema, perUsd: z.number().check(z.positive()) });

export type FxResult = { ok: true; rate: FxRate } | { ok: false; message: string };

export const USD_RATE: FxRate = { currency: 'USD', perUsd: 1 };

/** The rate of `currency` in a snapshot's prices, or why there is none. */
export function fxRate(prices: BtcPrices, currency: Currency): FxResult {
  if (currency === BASE_CURRENCY) return { ok: true, rate: USD_RATE };
  const price = prices.fiatPrices[currency];
  if (price === undefined || !(price > 0) || !(prices.btcPriceUsd > 0)) {
    const held = Object.keys(prices.fiatPrices).filter(isCurrency).sort();
    return {
      ok: false,
      message: `no ${currency} price in the snapshot (it holds USD${held.length > 0 ? `, ${held.join(', ')}` : ' only'})`,
    };
  }
  return { ok: true, rate: { currency, perUsd: price / prices.btcPriceUsd } };
}

/** A USD amount in the rate's currency. */
export function fromUsd(amountUsd: number, rate: FxRate): number {
  return amountUsd * rate.perUsd;
}

/** An amount in the rate's currency, in USD (the calculator's inputs given in another currency). */
export function toUsd(amount: number, rate: FxRate): number {
  return amount / rate.perUsd;
}

/** Like fromUsd, keeping null (an unknown figure) as null. */
export function fromUsdOrNull(amountUsd: number | null, rate: FxRate): number | null {
  return amountUsd === null ? null : fromUsd(amountUsd, rate);
}

/**
 * Per-day rates: for each UTC day (YYYY-MM-DD), the units of each currency per USD that day. A
 * history in another currency converts each day at its own day's rate; a day the table holds no
 * rate for is refused with a message naming the day, never converted at another day's rate.
 */
export interface DailyFxRates {
  /** Where the rates come from, for the message of a day without one. */
  source: string;
  byDate: ReadonlyMap<string, Readonly<Partial<Record<Currency, number>>>>;
}

/** The rate of `currency` on `date` in a per-day table, or why there is none. */
export function fxRateOnDay(rates: DailyFxRates, date: string, currency: Currency): FxResult {
  if (currency === BASE_CURRENCY) return { ok: true, rate: USD_RATE };
  const perUsd = rates.byDate.get(date)?.[currency];
  if (perUsd === undefined || !(perUsd > 0)) {
    return { ok: false, message: `no ${currency} rate for ${date} in ${rates.source}` };
  }
  return { ok: true, rate: { currency, perUsd } };
}

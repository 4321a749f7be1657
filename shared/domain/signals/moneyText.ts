/**
 * Money in alert texts, in the owner's currency (compute config `currency`, default USD). Evidence
 * stays in USD (its fields say so); only the words people read convert, at the rate of the snapshot
 * that decided the event, which the event carries (`currency`). When that snapshot holds no price in
 * the owner's currency the texts stay in USD and say so, never a USD figure under another sign.
 */
import * as z from '../../schema/z';
import { currencySchema, fromUsd, fxRate, type BtcPrices, type Currency, type FxRate } from '../currency';
import { formatMoney, formatPowerPrice } from '../money';
import { perPhToPerTh } from '../units';

/** On an event: the currency its texts are written in, or why they fell back to USD. */
export const textCurrencySchema = z.union([
  z.object({ code: currencySchema, perUsd: z.number().check(z.positive()) }),
  z.object({ code: currencySchema, perUsd: z.null(), unavailable: z.string() }),
]);
export type TextCurrency = z.infer<typeof textCurrencySchema>;

/** The text currency of a decision: undefined for USD (the default, nothing to record). */
export function textCurrency(prices: BtcPrices, currency: Currency): TextCurrency | undefined {
  if (currency === 'USD') return undefined;
  const result = fxRate(prices, currency);
  return result.ok
    ? { code: currency, perUsd: result.rate.perUsd }
    : { code: currency, perUsd: null, unavailable: `${result.message}: amounts in USD` };
}

export interface MoneyText {
  currency: Currency;
  /** A USD amount, written in the text currency ("€1,234"). */
  amount(usd: number, digits?: number): string;
  /** A USD power price per kWh ("6.00 c/kWh", "€0.0552/kWh"). */
  perKwh(usdPerKwh: number): string;
  /** A USD hashprice per PH/s per day, with its per-TH/s figure: "$35.17/PH/day ($0.0352/TH/day)". */
  hashprice(usdPerPhDay: number): string;
  /** A line saying why the texts are in USD when the owner asked another currency. */
  note: string | undefined;
}

export function moneyText(currency: TextCurrency | undefined): MoneyText {
  const rate: FxRate =
    currency && currency.perUsd !== null
      ? { currency: currency.code, perUsd: currency.perUsd }
      : { currency: 'USD', perUsd: 1 };
  // Without explicit digits, cents show under 10 (never "losing $0/day") and a sliver says so.
  const amount = (usd: number, digits?: number): string => {
    const value = fromUsd(usd, rate);
    const abs = Math.abs(value);
    if (digits === undefined && abs > 0 && abs < 0.005) return `under ${formatMoney(0.01, rate.currency, 2)}`;
    return formatMoney(value, rate.currency, digits ?? (abs < 10 ? 2 : 0));
  };
  return {
    currency: rate.currency,
    amount,
    perKwh: (usdPerKwh) => formatPowerPrice(fromUsd(usdPerKwh, rate), rate.currency),
    hashprice: (usdPerPhDay) => `${amount(usdPerPhDay, 2)}/PH/day (${amount(perPhToPerTh(usdPerPhDay), 4)}/TH/day)`,
    note:
      currency && currency.perUsd === null
        ? `Amounts in USD: ${currency.unavailable.replace(/: amounts in USD$/, '')}`
        : undefined,
  };
}

export const USD_TEXT: MoneyText = moneyText(undefined);

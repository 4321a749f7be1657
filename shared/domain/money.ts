/**
 * Money formatting per currency, for people (e-mail texts, the status view, the calculator table):
 * the currency's sign, thousands separators, and the digits it is written with (JPY has no minor
 * unit: whole yen). Rounding happens here, at the edge. Written without Intl's currency style so
 * every currency reads the same way in every locale: "$1,234.50", "€1,234.50", "¥190,870".
 */
import type { Currency } from './currency';

export const CURRENCY_SIGNS: Readonly<Record<Currency, string>> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  CAD: 'CA$',
  CHF: 'CHF ',
  AUD: 'A$',
  JPY: '¥',
};

/** Digits a currency is normally written with at most (JPY: none). */
export function maxDigits(currency: Currency): number {
  return currency === 'JPY' ? 0 : 2;
}

/**
 * "-€1,234.50". `digits` is what a USD figure would be shown with; a currency without a minor unit
 * shows none. A value that rounds to zero never shows a minus sign.
 */
export function formatMoney(value: number, currency: Currency, digits = 0): string {
  const d = Math.min(digits, maxDigits(currency));
  const text = Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const negative = value < 0 && Number(text.replace(/,/g, '')) !== 0;
  return `${negative ? '-' : ''}${CURRENCY_SIGNS[currency]}${text}`;
}

/** A price of energy: "6.00 c/kWh" in USD (as operators quote it), "0.0552 EUR/kWh" otherwise. */
export function formatPowerPrice(perKwh: number, currency: Currency): string {
  if (currency === 'USD') return `${(perKwh * 100).toFixed(2)} c/kWh`;
  if (currency === 'JPY') return `${perKwh.toFixed(2)} JPY/kWh`;
  return `${perKwh.toFixed(4)} ${currency}/kWh`;
}

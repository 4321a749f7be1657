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

/**
 * Digits to show for a figure a USD text shows with `digits`: the same, two fewer for JPY (a yen
 * is about a US cent and has no minor unit: $1,234.50 reads ¥190,870, $0.0369/TH reads ¥5.71/TH).
 */
export function digitsFor(currency: Currency, digits: number): number {
  return currency === 'JPY' ? Math.max(0, digits - 2) : digits;
}

/** "-€1,234.50", with the digits digitsFor gives. A value that rounds to zero never shows a minus sign. */
export function formatMoney(value: number, currency: Currency, digits = 0): string {
  const d = digitsFor(currency, digits);
  const text = Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const negative = value < 0 && Number(text.replace(/,/g, '')) !== 0;
  return `${negative ? '-' : ''}${CURRENCY_SIGNS[currency]}${text}`;
}

/** A price of energy: "6.00 c/kWh" in USD (as operators quote it), "€0.0552/kWh", "¥8.97/kWh" otherwise. */
export function formatPowerPrice(perKwh: number, currency: Currency): string {
  if (currency === 'USD') return `${(perKwh * 100).toFixed(2)} c/kWh`;
  const digits = currency === 'JPY' ? 2 : 4;
  return `${CURRENCY_SIGNS[currency]}${perKwh.toFixed(digits)}/kWh`;
}

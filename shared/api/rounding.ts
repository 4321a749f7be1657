/**
 * The read API's rounding policy: each figure to the precision it carries, chosen by its unit,
 * which its name says (`...Pct`, `...Ehs`, `...PerKwh`, `...Usd`). Applied once, where an answer
 * is serialized (jsonResponse, the CSV writers), never in a use case: storage and the use cases
 * keep full precision. docs/api.md ("Rounding") lists the same rules.
 */
import { CONVERTED_CURRENCIES, currencyInName } from './dailyFigures';

/** `digits` decimals (halves away from zero), or `significant` significant digits. */
export type Precision = { decimals: number } | { significant: number };

/** A name ending in a currency's code other than USD (`btcPriceEur`, `netJpy`) is money in it. */
const IN_CURRENCY = `(${CONVERTED_CURRENCIES.map(currencyInName).join('|')})$`;

/** An integer count or a date-like number (tipHeight, difficulty, uncountedIntervals) stays whole. */
const WHOLE: Precision = { decimals: 0 };
const CENTS: Precision = { decimals: 2 };

/**
 * First match wins; a name is tested as written (camelCase JSON key or CSV column). Order matters:
 * the per-unit rates (`...PerKwh`, `...PerThDay`, BTC per unit) before the money catch-all.
 */
export const ROUNDING_RULES: readonly { name: string; test: RegExp; precision: Precision }[] = [
  { name: 'fx rates (units of a currency per USD)', test: /^(perUsd|fx\w*PerUsd)$/, precision: { significant: 6 } },
  {
    name: 'difficulty, heights, counts',
    test: /^(difficulty|tipHeight|\w*Intervals|\w*Days|\w*Months)$/,
    precision: WHOLE,
  },
  { name: 'percentages', test: /Pct(PerEpoch)?$/, precision: CENTS },
  { name: 'fractions (0..1)', test: /Fraction$/, precision: { decimals: 4 } },
  { name: 'hashrate, EH/s', test: /Ehs$/, precision: CENTS },
  { name: 'hashrate, TH/s', test: /Ths$/, precision: CENTS },
  { name: 'hashrate, H/s', test: /Hps$/, precision: { significant: 6 } },
  { name: 'efficiency, J/TH', test: /JPerTh$/, precision: CENTS },
  { name: 'sats per TH/s per day', test: /[sS]atsPerThDay$/, precision: CENTS },
  { name: 'BTC per PH/s or TH/s per day', test: /[bB]tcPer(Ph|Th)Day$/, precision: { significant: 4 } },
  { name: 'BTC amounts (satoshi)', test: /^btc(?!Price)|Btc(PerBlock|PerDay)?$/, precision: { decimals: 8 } },
  { name: 'money per TH/s per day', test: /[pP]erThDay$/, precision: { significant: 4 } },
  { name: 'money per kWh', test: /[pP]erKwh$/, precision: { significant: 4 } },
  { name: 'power and energy, MW and MWh', test: /^(?!.*Per)\w*(Mw|Mwh)$/, precision: { decimals: 3 } },
  { name: 'hours and years', test: /(Hours|Years)$/, precision: CENTS },
  {
    name: 'money (hashprice per PH/s per day, prices, revenue, costs, margins, NPVs)',
    test: new RegExp(
      `Usd|${IN_CURRENCY}|[pP]erPhDay$|PerDay$|PerMwh$|PerMwYear$|PerBtc$|Price$|^(energy|cash|allIn|net|revenueNotMined|energyNotBought|miningNpv|leaseNpv)$`,
    ),
    precision: CENTS,
  },
];

/** Any other fraction: six significant digits (more than any input we take carries). */
export const DEFAULT_PRECISION: Precision = { significant: 6 };

export function precisionOf(name: string): Precision {
  return ROUNDING_RULES.find((r) => r.test.test(name))?.precision ?? DEFAULT_PRECISION;
}

/** A figure as the API shows it; integers, non-finite numbers and zero pass unchanged. */
export function roundFigure(name: string, value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  const p = precisionOf(name);
  const decimals =
    'decimals' in p ? p.decimals : Math.max(0, p.significant - 1 - Math.floor(Math.log10(Math.abs(value))));
  const scale = 10 ** Math.min(decimals, 15);
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
  // Object.is(-0, rounded): a tiny negative rounds to 0, not -0 ("-0" in JSON reads as a sign).
  return rounded === 0 ? 0 : rounded;
}

/** The JSON.stringify replacer that applies the policy to every number by its key. */
export function roundingReplacer(this: unknown, key: string, value: unknown): unknown {
  return typeof value === 'number' ? roundFigure(key, value) : value;
}

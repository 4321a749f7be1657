/**
 * A figure: one number (or flag, or label) an event reports, with its unit, as data. Figures, not
 * sentences, cross the boundaries: the event document carries them (`figures`), and each channel,
 * the read API and the report lay them out in their own way through `formatFigure`. Nothing parses
 * an event's words back into numbers.
 *
 * The money rule: a money figure's value is already in the currency it names (`currency`), the
 * event's text currency at the deciding snapshot (USD when none was configured or its rate was
 * missing). Evidence stays in USD; figures are what people are shown.
 */
import * as z from '../../schema/z';
import { currencySchema, fromUsd, type Currency, type FxRate } from '../currency';
import { formatMoney, formatPowerPrice } from '../money';
import { ehs } from './format';

export const MONEY_UNITS = [
  'money',
  'money-per-day',
  'money-per-btc',
  'money-per-ph-day',
  'money-per-mwh',
  'money-per-kwh',
  'money-per-mw-year',
] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

export const FIGURE_UNITS = [
  ...MONEY_UNITS,
  'pct',
  'pct-points',
  'h-per-s',
  'btc',
  'j-per-th',
  'mw',
  'minutes',
  'hours',
  'days',
  'months',
  'count',
  'time',
  'text',
  'flag',
] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

export const figureSchema = z.object({
  /** What it is, for people: "Cumulative change over the streak". */
  name: z.string().check(z.minLength(1)),
  /** In its unit; null when the figure was not available at the decision. */
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  unit: z.enum(FIGURE_UNITS),
  /** For money units: the currency the value is in. */
  currency: z.optional(currencySchema),
});
export type Figure = z.infer<typeof figureSchema>;

export function isMoneyUnit(unit: FigureUnit): unit is MoneyUnit {
  return (MONEY_UNITS as readonly string[]).includes(unit);
}

/** A money figure from a USD amount, converted at the event's text rate (the money rule above). */
export function moneyFigure(name: string, usd: number | null, unit: MoneyUnit, rate: FxRate): Figure {
  return { name, value: usd === null ? null : fromUsd(usd, rate), unit, currency: rate.currency };
}

/** Up to two decimals, trailing zeros dropped: -4.45, 15, 12.5. */
const decimals = (value: number): string => String(Number(value.toFixed(2)));

const MONEY_SUFFIX: Readonly<Record<MoneyUnit, string>> = {
  money: '',
  'money-per-day': '/day',
  'money-per-btc': '/BTC',
  'money-per-ph-day': '/PH/day',
  'money-per-mwh': '/MWh',
  'money-per-kwh': '/kWh',
  'money-per-mw-year': '/MW-year',
};

function formatMoneyFigure(value: number, unit: MoneyUnit, currency: Currency): string {
  if (unit === 'money-per-kwh') return formatPowerPrice(value, currency);
  const digits = unit === 'money-per-ph-day' || unit === 'money-per-mwh' || Math.abs(value) < 10 ? 2 : 0;
  return `${formatMoney(value, currency, digits)}${MONEY_SUFFIX[unit]}`;
}

function formatNumber(value: number, unit: FigureUnit): string {
  switch (unit) {
    case 'pct':
      return `${decimals(value)}%`;
    case 'pct-points':
      return `${decimals(value)} pp`;
    case 'h-per-s':
      return ehs(value);
    case 'btc':
      return `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} BTC`;
    case 'j-per-th':
      return `${value.toFixed(1)} J/TH`;
    case 'mw':
      return `${value.toFixed(2)} MW`;
    case 'minutes':
      return `${decimals(value)} min`;
    case 'hours':
      return `${decimals(value)} h`;
    case 'days':
      return `${decimals(value)} days`;
    case 'months':
      return `${decimals(value)} months`;
    default:
      return decimals(value);
  }
}

/** A figure's value as people read it ("-4.45%", "€38.10/PH/day", "0.5 EH/s", "n/a"). */
export function formatFigure(figure: Figure): string {
  const { value, unit } = figure;
  if (value === null) return 'n/a';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (isMoneyUnit(unit)) return formatMoneyFigure(value, unit, figure.currency ?? 'USD');
  return formatNumber(value, unit);
}

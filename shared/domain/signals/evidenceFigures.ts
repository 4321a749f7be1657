/**
 * The figures an event reports, from its evidence. Evidence keys carry their unit as a suffix
 * (evidence.ts: `hashpriceUsdPerPhDay`, `fleetShareNegativePct`), so the unit of every figure is
 * read from its key here, once; a detector that reports its figures otherwise (other names, a
 * chosen few) declares `figures` (detector.ts). Old stored events, which carry no figures, get
 * theirs the same way from their stored evidence: never from their words.
 */
import { USD_RATE, type FxRate } from '../currency';
import type { Evidence, EvidenceValue } from './evidence';
import { moneyFigure, isMoneyUnit, type Figure, type FigureUnit } from './figure';
import type { TextCurrency } from './moneyText';

/** Longest suffix first: `UsdPerPhDay` before `Usd`, `PctPoints` before `Pct`. */
const UNIT_SUFFIXES: readonly (readonly [RegExp, FigureUnit])[] = [
  [/UsdPerPhDay$/, 'money-per-ph-day'],
  [/UsdPerMwYear(30d)?$/, 'money-per-mw-year'],
  [/UsdPerMwh$/, 'money-per-mwh'],
  [/UsdPerKwh$/, 'money-per-kwh'],
  [/UsdPerBtc$/, 'money-per-btc'],
  [/UsdPerDay$/, 'money-per-day'],
  [/Usd$/, 'money'],
  [/PctPoints$/, 'pct-points'],
  [/Pct([A-Z][a-zA-Z]*)?$/, 'pct'],
  [/Hps$/, 'h-per-s'],
  [/JPerTh$/, 'j-per-th'],
  [/Mw$/, 'mw'],
  [/Minutes$/, 'minutes'],
  [/Hours$/, 'hours'],
  [/Days$/, 'days'],
  [/^btc[A-Z]/, 'btc'],
  [/(Iso|At)$/, 'time'],
];

/** The unit a key's suffix names, for a value of that key. */
export function unitOfKey(key: string, value: EvidenceValue): FigureUnit {
  if (typeof value === 'boolean') return 'flag';
  const unit = UNIT_SUFFIXES.find(([suffix]) => suffix.test(key))?.[1];
  if (typeof value === 'string') return unit === 'time' ? 'time' : 'text';
  return unit ?? 'count';
}

/** Unit suffixes the words of a key leave out: the unit is the figure's own. */
const WORDLESS_SUFFIX = /(Usd(Per[A-Z][a-zA-Z]*?)?|PctPoints|Pct|Hps|JPerTh|Mw|Minutes|Hours|Days)(?=$|30d$)/;

/** "cumulativeStreakChangePct" -> "Cumulative streak change", "btcPriceUsd" -> "BTC price": a key in words, for keys no detector names. */
export function keyWords(key: string): string {
  const words = key
    .replace(WORDLESS_SUFFIX, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .replace(/\bbtc\b/g, 'BTC');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The rate money figures are shown at: the event's text currency, USD when it had no rate. */
export function figureRate(currency: TextCurrency | undefined): FxRate {
  return currency && currency.perUsd !== null ? { currency: currency.code, perUsd: currency.perUsd } : USD_RATE;
}

/** One figure of an evidence entry, named `name`. */
export function evidenceFigure(name: string, key: string, value: EvidenceValue, rate: FxRate): Figure {
  const unit = unitOfKey(key, value);
  if (isMoneyUnit(unit) && (typeof value === 'number' || value === null)) return moneyFigure(name, value, unit, rate);
  return { name, value, unit };
}

/**
 * Every value and threshold of the evidence as a figure, in the evidence's order (values, then
 * thresholds, named "... (threshold)"); `names` words the keys a detector names.
 */
export function evidenceFigures(
  evidence: Evidence,
  rate: FxRate,
  names: Readonly<Record<string, string | undefined>> = {},
): Figure[] {
  const of = (entries: Record<string, EvidenceValue>, suffix: string): Figure[] =>
    Object.entries(entries).map(([key, value]) =>
      evidenceFigure(names[key] ?? `${keyWords(key)}${suffix}`, key, value, rate),
    );
  return [...of(evidence.values, ''), ...of(evidence.thresholds, ' (threshold)')];
}

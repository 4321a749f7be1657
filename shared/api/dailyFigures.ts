/**
 * The names of the daily figures: one name per figure in the read API's JSON (GET /v1/history
 * rows), its CSV (format=csv columns) and the backtest's CSV (`npm run backtest -- --csv`,
 * local/backtest/dailyCsv.ts), so a column means the same wherever it is read (issue #29). Names
 * are camelCase with their unit (`hashpriceUsdPerPhDay`); in another currency its code replaces
 * `Usd` (`hashpriceEurPerPhDay`, `btcPriceEur`, `fxEurPerUsd`). The API's rounding policy keys on
 * these names (rounding.ts).
 */
import { CURRENCIES, type Currency } from '../domain/currency';

/** A currency's code as it reads inside a camelCase name: USD is `Usd`, EUR is `Eur`. */
export type CurrencyInName<C extends Currency = Currency> = Capitalize<Lowercase<C>>;

export function currencyInName<C extends Currency>(currency: C): CurrencyInName<C> {
  return (currency.charAt(0) + currency.slice(1).toLowerCase()) as CurrencyInName<C>;
}

/** The figures a currency other than USD adds to a history row, by name. */
export type ConvertedFigureName<C extends Currency = Currency> =
  | `hashprice${CurrencyInName<C>}PerPhDay`
  | `hashprice${CurrencyInName<C>}PerThDay`
  | `btcPrice${CurrencyInName<C>}`
  | `fx${CurrencyInName<C>}PerUsd`;

/** The converted figures' names in one currency, in column order. */
export function convertedFigureNames<C extends Currency>(
  currency: C,
): [
  `hashprice${CurrencyInName<C>}PerPhDay`,
  `hashprice${CurrencyInName<C>}PerThDay`,
  `btcPrice${CurrencyInName<C>}`,
  `fx${CurrencyInName<C>}PerUsd`,
] {
  const code = currencyInName(currency);
  return [`hashprice${code}PerPhDay`, `hashprice${code}PerThDay`, `btcPrice${code}`, `fx${code}PerUsd`];
}

/**
 * The figures of a history row in USD (the stored basis) and sats, in column order: the backtest
 * CSV's first six columns first, in its order, then the API's own.
 */
export const HISTORY_USD_FIGURES = [
  'hashpriceUsdPerPhDay',
  'hashrateEhs',
  'difficulty',
  'btcPriceUsd',
  'fleetShareNegativePct',
  'hashpriceUsdPerThDay',
  'hashpriceSatsPerThDay',
  'fleetShareNegativeLowPct',
  'fleetShareNegativeHighPct',
] as const;
export type HistoryUsdFigureName = (typeof HISTORY_USD_FIGURES)[number];

/** Figures only the backtest's CSV has (the replay's model of the fleet and its signals). */
export const BACKTEST_ONLY_FIGURES = [
  'hashrateAtRiskEhs',
  'expectedHashpriceUsdPerPhDay',
  'fleetMeanEfficiencyJPerTh',
  'hashRibbonCapitulating',
] as const;

/** Every daily figure's name: a column of either CSV or a key of a history row. */
export type DailyFigureName =
  'date' | HistoryUsdFigureName | ConvertedFigureName | (typeof BACKTEST_ONLY_FIGURES)[number];

/** The currencies whose figures a history row may add (USD is the basis, always there). */
export const CONVERTED_CURRENCIES = CURRENCIES.filter(
  (c): c is Exclude<Currency, 'USD'> => c !== 'USD',
) as readonly Exclude<Currency, 'USD'>[];

/** The columns of GET /v1/history?format=csv in `currency` (the JSON row's keys, less `fxSource`). */
export function historyColumns(currency: Currency): DailyFigureName[] {
  return ['date', ...HISTORY_USD_FIGURES, ...(currency === 'USD' ? [] : convertedFigureNames(currency))];
}

/**
 * The money figures a currency other than USD adds to a site's curtailment savings (GET
 * /v1/sites/{id}/curtailment, its days, months and total, and its CSV), by name: `netEur`, `Usd`
 * replaced by the code.
 */
export const convertedMoneyNames = <C extends Currency>(currency: C) => {
  const code = currencyInName(currency);
  return [`energyNotBought${code}`, `revenueNotMined${code}`, `net${code}`] as const;
};
export type ConvertedMoneyName = ReturnType<typeof convertedMoneyNames<(typeof CONVERTED_CURRENCIES)[number]>>[number];

/**
 * The answer of GET /v1/history as a schema: the OpenAPI document's (openApi.ts), and HistoryPage
 * and HistoryRow, the types history.ts builds (routeResponses.ts says why answers' schemas live
 * apart). The row's figures are named once, in dailyFigures.ts.
 */
import * as z from '../../schema/z';
import { currencySchema } from '../../domain/currency';
import {
  CONVERTED_CURRENCIES,
  convertedFigureNames,
  HISTORY_USD_FIGURES,
  type ConvertedFigureName,
  type HistoryUsdFigureName,
} from '../dailyFigures';

const figure = z.nullable(z.number());
const FIGURE_DESCRIPTIONS: Record<HistoryUsdFigureName, string> = {
  hashpriceUsdPerPhDay: "the day's realized hashprice, USD per PH/s per day",
  hashrateEhs: "the day's hashrate, EH/s",
  difficulty: "the day's difficulty",
  btcPriceUsd: "the day's BTC price, USD",
  fleetShareNegativePct: 'share of the global fleet cash-flow negative on power, central power-price case, %',
  hashpriceUsdPerThDay: 'realized hashprice, USD per TH/s per day',
  hashpriceSatsPerThDay: 'realized hashprice, sats per TH/s per day',
  fleetShareNegativeLowPct: "the least of the power-price cases' shares (low end of the band), %",
  fleetShareNegativeHighPct: "the greatest of the power-price cases' shares (high end of the band), %",
};
export type ConvertedName = ConvertedFigureName<(typeof CONVERTED_CURRENCIES)[number]>;

/**
 * One day, flat: its figures named as in the CSV and the backtest's CSV (dailyFigures.ts). The
 * figures in another currency (`hashpriceEurPerPhDay`, `btcPriceEur`, `fxEurPerUsd`) are there
 * for that currency only, null on a day without a rate for it; `fxSource` says where the rate
 * came from, or why there is none.
 */
export const historyRowSchema = z.object({
  date: z.string(),
  ...(Object.fromEntries(
    HISTORY_USD_FIGURES.map((name) => [name, figure.check(z.describe(FIGURE_DESCRIPTIONS[name]))]),
  ) as Record<HistoryUsdFigureName, typeof figure>),
  ...(Object.fromEntries(
    CONVERTED_CURRENCIES.flatMap((c) =>
      convertedFigureNames(c).map((name) => [name, z.optional(figure).check(z.describe(`currency=${c} only`))]),
    ),
  ) as Record<ConvertedName, z.ZodMiniOptional<typeof figure>>),
  fxSource: z
    .optional(z.string())
    .check(z.describe("another currency than USD only: where the day's rate came from, or why there is none")),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

const historyFxSchema = z.object({
  currency: currencySchema,
  /** 1 for USD; null for another currency, whose rate is each row's own (`rows[].fx`). */
  perUsd: z.nullable(z.number()),
  asOf: z.nullable(z.string()),
  appliesTo: z.string(),
  /** The days of this page with no rate for the currency: their converted figures are null. */
  daysWithoutRate: z.array(z.string()),
});
export type HistoryFx = z.infer<typeof historyFxSchema>;

/** A next page: its cursor and the whole path that asks for it. */
export const nextPageSchema = z.nullable(z.object({ cursor: z.string(), path: z.string() }));

/** The answer of GET /v1/history as JSON (HistoryPage is its type). */
export const historyResponseSchema = z.object({
  currency: currencySchema,
  fx: historyFxSchema,
  from: z.string(),
  to: z.string(),
  rows: z.array(historyRowSchema),
  next: nextPageSchema,
});
export type HistoryPage = z.infer<typeof historyResponseSchema>;

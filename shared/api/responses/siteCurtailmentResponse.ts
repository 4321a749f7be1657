/**
 * The answer of GET /v1/sites/{id}/curtailment as a schema: the OpenAPI document's (openApi.ts),
 * and SiteCurtailmentView, the type siteCurtailment.ts builds (routeResponses.ts says why answers'
 * schemas live apart).
 */
import * as z from '../../schema/z';
import { currencySchema } from '../../domain/currency';
import { CONVERTED_CURRENCIES, convertedMoneyNames, type ConvertedMoneyName } from '../dailyFigures';

const uncountedSchema = z.object({
  missingPriceHours: z.number(),
  uncountedCurtailedClassHours: z.number(),
  uncountedIntervals: z.int(),
});

const figuresSchema = z.object({
  curtailedClassHours: z.number(),
  energyNotBoughtMwh: z.number(),
  energyNotBoughtUsd: z.number(),
  revenueNotMinedUsd: z.number(),
  netUsd: z.number(),
  ...(Object.fromEntries(
    CONVERTED_CURRENCIES.flatMap((c) =>
      convertedMoneyNames(c).map((name) => [name, z.optional(z.number()).check(z.describe(`currency=${c} only`))]),
    ),
  ) as Record<ConvertedMoneyName, z.ZodMiniOptional<z.ZodMiniNumber>>),
  uncounted: uncountedSchema,
});

export const siteCurtailmentResponseSchema = z.object({
  site: z.string(),
  currency: currencySchema,
  fx: z.object({ currency: currencySchema, perUsd: z.number(), asOf: z.nullable(z.string()), appliesTo: z.string() }),
  from: z.string(),
  to: z.string(),
  countedFrom: z.iso.datetime(),
  countedUntil: z.iso.datetime(),
  hashpriceBasis: z.string(),
  poolFeeFraction: z.number(),
  classes: z.array(
    z.object({
      name: z.string(),
      efficiencyJPerTh: z.number(),
      hashrateThs: z.number(),
      mode: z.enum(['run', 'curtail']),
      /** The change that set it (null: never changed, it runs). */
      since: z.nullable(z.iso.datetime()),
      strikeUsdPerMwh: z.nullable(z.number()),
      priceUsdPerMwh: z.nullable(z.number()),
    }),
  ),
  daily: z.array(
    z.extend(figuresSchema, {
      date: z.string(),
      /** The realized hashprice the day's intervals were counted at, and the rollup it came from. */
      hashpriceUsdPerPhDay: z.nullable(z.number()),
      hashpriceOfDay: z.nullable(z.string()),
    }),
  ),
  monthly: z.array(z.extend(figuresSchema, { month: z.string() })),
  total: figuresSchema,
  priceGaps: z.array(z.object({ fromIso: z.string(), toIso: z.string(), hours: z.number() })),
  unknownClasses: z.array(z.string()),
});
export type SiteCurtailmentView = z.infer<typeof siteCurtailmentResponseSchema>;
export type SavingsFigures = z.infer<typeof figuresSchema>;

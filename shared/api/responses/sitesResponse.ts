/**
 * The answer of GET /v1/sites as a schema: the OpenAPI document's (openApi.ts), and SitesView and
 * SiteView, the types sites.ts builds (../routeResponses.ts says why answers' schemas live apart).
 */
import type { SiteEconomics } from '../../calculator/siteEconomicsResult';
import * as z from '../../schema/z';
import { currencySchema } from '../../domain/currency';
import { hpcLeaseSchema } from '../../domain/siteEconomics/hpcLeaseTerms';
import { snapshotRateSchema } from './snapshotRateResponse';

const moneyOrNull = z.nullable(z.number());

export const siteViewSchema = z.object({
  name: z.string(),
  powerCapacityMw: z.number(),
  fleets: z.array(z.string()),
  powerPricePerMwh: z.number(),
  powerPriceUsdPerMwh: z.number(),
  /** The offer as configured (defaults filled in); null without one. */
  leaseOffer: z.nullable(hpcLeaseSchema),
  miningRevenuePerMwh: z.number(),
  miningMarginPerMwh: moneyOrNull,
  miningMarginPerMwYear: z.number(),
  /** Null without a lease offer, like the NPVs, IRR, payback and break-even below. */
  leaseRevenuePerMwYear: moneyOrNull,
  leaseMarginPerMwYear: moneyOrNull,
  miningNpv: moneyOrNull,
  leaseNpv: moneyOrNull,
  leaseIrrPct: z.nullable(z.number()),
  leasePaybackYears: z.nullable(z.number()),
  conversionBreakEvenHashpricePerPhDay: moneyOrNull,
  /** Where the offer sits among announced deals (USD per MW of IT load, as the deals are quoted); null without one. */
  referenceDeals: z.custom<SiteEconomics['referenceDeals']>().check(
    z.meta({
      description: 'the offer among announced deals (docs/calculator.md, "Site economics"); null without one',
    }),
  ),
  /** The calculator's answer for the site, USD, exactly as POST / gives it. */
  siteEconomics: z
    .custom<SiteEconomics>()
    .check(
      z.meta({ description: "the calculator's siteEconomics object, USD, as POST / answers it (docs/calculator.md)" }),
    ),
});
export type SiteView = z.infer<typeof siteViewSchema>;

/** The answer of GET /v1/sites (SitesView is its type). */
export const sitesResponseSchema = z.object({
  currency: currencySchema,
  fx: snapshotRateSchema,
  /** The snapshot the sites are priced at (the latest profitability record's). */
  snapshot: z.object({ intervalStart: z.string(), observedAt: z.string(), hashpriceUsdPerPhDay: z.number() }),
  sites: z.array(siteViewSchema),
});
export type SitesView = z.infer<typeof sitesResponseSchema>;

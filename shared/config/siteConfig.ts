/**
 * The zod schema of a site in the owner's config (`sites`): shared/domain/site.ts is the type and
 * says what each field means. Strict at every level, so a misspelt key is an error naming it.
 */
import * as z from '../schema/z';
import { touTariffSchema } from '../domain/power/touTariff';
import type { Site, SitePowerPrice } from '../domain/site';
import { hpcLeaseSchema } from '../domain/siteEconomics/hpcLeaseTerms';
import { powerCapacityMwSchema } from './powerCapacityMw';
import { parameterNameSchema } from './ssmParameterName';

/** What a market-priced site expects to pay on average (its economics), USD/MWh. */
const expectedUsdPerMwh = z
  .number({
    error: (issue) =>
      issue.input === undefined
        ? 'is required (the average price you expect, USD/MWh, for the site economics)'
        : 'must be a number',
  })
  .check(
    z.minimum(-500, 'must be at least -500 USD/MWh'),
    z.maximum(2000, 'must be at most 2,000 USD/MWh (is it in USD/kWh x 1000?)'),
  );
/** Delivery, transmission and fees on top of a market price, USD/MWh. */
const adderUsdPerMwh = z._default(
  z.number().check(z.minimum(0, 'must not be negative'), z.maximum(500, 'must be at most 500 USD/MWh')),
  0,
);

const fixedPriceInputSchema = z
  .strictObject({
    type: z.literal('fixed'),
    usdPerKwh: z.optional(
      z.number().check(z.minimum(0, 'must not be negative'), z.maximum(2, 'must be at most 2 USD/kWh')),
    ),
    usdPerMwh: z.optional(
      z.number().check(z.minimum(0, 'must not be negative'), z.maximum(2000, 'must be at most 2,000 USD/MWh')),
    ),
  })
  .check(
    z.superRefine((p, ctx) => {
      if ((p.usdPerKwh === undefined) === (p.usdPerMwh === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['usdPerKwh'],
          message: 'give exactly one of usdPerKwh and usdPerMwh',
        });
    }),
  );
const fixedPriceSchema = z.pipe(
  fixedPriceInputSchema,
  // The domain's union holds exactly the unit given.
  z.transform((p: z.output<typeof fixedPriceInputSchema>): SitePowerPrice =>
    p.usdPerKwh !== undefined ? { type: p.type, usdPerKwh: p.usdPerKwh } : { type: p.type, usdPerMwh: p.usdPerMwh! },
  ),
);

/** The default SSM parameter names of the ERCOT login and key (SecureString; docs/power-prices.md). */
export const ERCOT_CREDENTIAL_PARAMETERS = {
  usernameParameter: '/hashwatch/ercot/username',
  passwordParameter: '/hashwatch/ercot/password',
  subscriptionKeyParameter: '/hashwatch/ercot/subscription-key',
} as const;
export const ENTSOE_TOKEN_PARAMETER = '/hashwatch/entsoe/token';

const ercotPriceSchema = z.strictObject({
  type: z.literal('ercot'),
  settlementPoint: z
    .string()
    .check(z.regex(/^[A-Z0-9_]{2,32}$/, 'an ERCOT settlement point, hub or load zone in capitals (LZ_WEST, HB_NORTH)')),
  report: z._default(z.enum(['real-time', 'day-ahead']), 'real-time'),
  expectedUsdPerMwh,
  adderUsdPerMwh,
  credentials: z.prefault(
    z.strictObject({
      usernameParameter: z._default(parameterNameSchema, ERCOT_CREDENTIAL_PARAMETERS.usernameParameter),
      passwordParameter: z._default(parameterNameSchema, ERCOT_CREDENTIAL_PARAMETERS.passwordParameter),
      subscriptionKeyParameter: z._default(parameterNameSchema, ERCOT_CREDENTIAL_PARAMETERS.subscriptionKeyParameter),
    }),
    {},
  ),
});

const entsoePriceSchema = z.strictObject({
  type: z.literal('entsoe'),
  biddingZone: z
    .string()
    .check(z.regex(/^\d{2}[A-Z0-9-]{14}$/, 'an EIC code of 16 characters, e.g. 10Y1001A1001A82H (DE-LU)')),
  sequence: z._default(z.int().check(z.minimum(1), z.maximum(9)), 1),
  expectedUsdPerMwh,
  adderUsdPerMwh,
  tokenParameter: z._default(parameterNameSchema, ENTSOE_TOKEN_PARAMETER),
});

const feedPriceSchema = z.strictObject({
  type: z.literal('feed'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  location: z.string().check(z.minLength(1), z.maxLength(64)),
  expectedUsdPerMwh,
  adderUsdPerMwh,
  tokenParameter: z.optional(parameterNameSchema),
});

const tariffPriceSchema = z.strictObject({
  type: z.literal('tariff'),
  tariff: touTariffSchema,
  adderUsdPerMwh,
});

export const sitePowerPriceSchema = z.discriminatedUnion(
  'type',
  [fixedPriceSchema, ercotPriceSchema, entsoePriceSchema, feedPriceSchema, tariffPriceSchema],
  {
    error:
      'must be {"type":"fixed",...}, {"type":"ercot",...}, {"type":"entsoe",...}, {"type":"feed",...} or {"type":"tariff",...} (docs/configuration.md)',
  },
);

/** When to curtail a market-priced site; every field defaulted. */
export const siteCurtailmentSchema = z.strictObject({
  marginUsdPerMwh: z._default(z.number().check(z.minimum(0), z.maximum(1000)), 10),
  minRunMinutes: z._default(z.int().check(z.minimum(0), z.maximum(24 * 60)), 60),
  minRestMinutes: z._default(z.int().check(z.minimum(0), z.maximum(24 * 60)), 60),
  maxPriceAgeMinutes: z._default(z.int().check(z.minimum(5), z.maximum(24 * 60)), 45),
});

export const siteConfigSchema = z
  .strictObject({
    name: z
      .string()
      .check(z.minLength(1), z.maxLength(40), z.regex(/^[\w .@+-]+$/, 'letters, digits, space and ._@+- only')),
    powerCapacityMw: powerCapacityMwSchema,
    powerPrice: sitePowerPriceSchema,
    fleets: z.array(z.string().check(z.minLength(1))).check(z.minLength(1, 'must name at least one fleet of `fleets`')),
    leaseOffer: z.optional(hpcLeaseSchema),
    curtailment: z.optional(siteCurtailmentSchema),
  })
  .check(
    z.superRefine((site, ctx) => {
      if (site.curtailment && site.powerPrice.type === 'fixed')
        ctx.addIssue({
          code: 'custom',
          path: ['curtailment'],
          message: 'applies to a site whose power price moves (ercot, entsoe, feed or tariff), not to a fixed price',
        });
    }),
  );

/** The parsed config is exactly the domain's Site (checked at compile time). */
export const SITE_CONFIG_MATCHES_DOMAIN: z.output<typeof siteConfigSchema> extends Site ? true : false = true;

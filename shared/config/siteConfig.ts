/**
 * The zod schema of a site in the owner's config (`sites`): shared/domain/site.ts is the type and
 * says what each field means. Strict at every level, so a misspelt key is an error naming it.
 */
import * as z from 'zod';
import { MAX_SITE_POWER_MW, type Site, type SitePowerPrice } from '../domain/site';
import { hpcLeaseSchema } from '../domain/siteEconomics/hpcLeaseTerms';

export const powerCapacityMwSchema = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
  .positive('must be greater than 0')
  .max(MAX_SITE_POWER_MW, `must be at most ${MAX_SITE_POWER_MW} MW (is it in kW?)`);

export const sitePowerPriceSchema = z
  .discriminatedUnion(
    'type',
    [
      z
        .strictObject({
          type: z.literal('fixed'),
          usdPerKwh: z.number().min(0, 'must not be negative').max(2, 'must be at most 2 USD/kWh').optional(),
          usdPerMwh: z.number().min(0, 'must not be negative').max(2000, 'must be at most 2,000 USD/MWh').optional(),
        })
        .superRefine((p, ctx) => {
          if ((p.usdPerKwh === undefined) === (p.usdPerMwh === undefined))
            ctx.addIssue({
              code: 'custom',
              path: ['usdPerKwh'],
              message: 'give exactly one of usdPerKwh and usdPerMwh',
            });
        }),
    ],
    { error: 'must be {"type":"fixed","usdPerKwh":n} or {"type":"fixed","usdPerMwh":n}' },
  )
  // The domain's union holds exactly the unit given.
  .transform((p): SitePowerPrice =>
    p.usdPerKwh !== undefined ? { type: p.type, usdPerKwh: p.usdPerKwh } : { type: p.type, usdPerMwh: p.usdPerMwh! },
  );

export const siteConfigSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[\w .@+-]+$/, 'letters, digits, space and ._@+- only'),
  powerCapacityMw: powerCapacityMwSchema,
  powerPrice: sitePowerPriceSchema,
  fleets: z.array(z.string().min(1)).min(1, 'must name at least one fleet of `fleets`'),
  leaseOffer: hpcLeaseSchema.optional(),
});

/** The parsed config is exactly the domain's Site (checked at compile time). */
export const SITE_CONFIG_MATCHES_DOMAIN: z.output<typeof siteConfigSchema> extends Site ? true : false = true;

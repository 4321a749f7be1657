/**
 * A site's power capacity in MW, as the owner's config (`sites`, siteConfig.ts) and the
 * calculator's `site` take it: one schema, one message. Its own module so that the calculator's
 * request schema does not build the whole site config (power sources, tariffs, curtailment) on
 * every cold start for one field.
 */
import * as z from '../schema/z';
import { MAX_SITE_POWER_MW } from '../domain/site';

export const powerCapacityMwSchema = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
  .check(
    z.positive('must be greater than 0'),
    z.maximum(MAX_SITE_POWER_MW, `must be at most ${MAX_SITE_POWER_MW} MW (is it in kW?)`),
  );

/** The rate a route converted with (currencyRate.ts), as the answers show it: `fx` of /v1/latest, /v1/signals and /v1/sites. */
import * as z from '../../schema/z';
import { currencySchema } from '../../domain/currency';

export const snapshotRateSchema = z.object({
  currency: currencySchema,
  perUsd: z.number().check(z.describe('units of `currency` per USD')),
  asOf: z
    .nullable(z.string())
    .check(z.describe('the snapshot whose prices gave the rate; null for USD (no conversion)')),
});
export type SnapshotRate = z.infer<typeof snapshotRateSchema>;

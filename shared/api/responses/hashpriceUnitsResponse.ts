/** Hashprice in the units the answers show (hashpriceUnits.ts builds them), as a schema. */
import * as z from '../../schema/z';

export const hashpriceUnitsSchema = z.object({
  perPhDay: z.number().check(z.describe('in `currency`')),
  perThDay: z.number().check(z.describe('in `currency`')),
  btcPerPhDay: z.number(),
  btcPerThDay: z.number(),
  satsPerThDay: z.number(),
  /** The stored basis, whatever the currency asked. */
  usdPerPhDay: z.number(),
  usdPerThDay: z.number(),
});
export type HashpriceUnits = z.infer<typeof hashpriceUnitsSchema>;

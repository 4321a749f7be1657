/**
 * Hashprice in the units people read it in: per PH/s and per TH/s per day, in the chosen currency
 * and in BTC, and in sats per TH/s per day (Luxor's and mempool users' unit). One home for these
 * derived units, used by every route that shows a hashprice.
 */
import * as z from '../schema/z';
import { fromUsd, type FxRate } from '../domain/currency';
import { perPhToPerTh, SATS_PER_BTC } from '../domain/units';

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

export function hashpriceUnits(usdPerPhDay: number, btcPerPhDay: number, rate: FxRate): HashpriceUnits {
  const perPhDay = fromUsd(usdPerPhDay, rate);
  return {
    perPhDay,
    perThDay: perPhToPerTh(perPhDay),
    btcPerPhDay,
    btcPerThDay: perPhToPerTh(btcPerPhDay),
    satsPerThDay: perPhToPerTh(btcPerPhDay) * SATS_PER_BTC,
    usdPerPhDay,
    usdPerThDay: perPhToPerTh(usdPerPhDay),
  };
}

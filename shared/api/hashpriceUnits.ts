/**
 * Hashprice in the units people read it in: per PH/s and per TH/s per day, in the chosen currency
 * and in BTC, and in sats per TH/s per day (Luxor's and mempool users' unit). One home for these
 * derived units, used by every route that shows a hashprice.
 */
import { fromUsd, type FxRate } from '../domain/currency';
import { perPhToPerTh, SATS_PER_BTC } from '../domain/units';
import type { HashpriceUnits } from './responses/hashpriceUnitsResponse';

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

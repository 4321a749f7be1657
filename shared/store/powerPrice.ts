/**
 * A site's stored interval price (POWER#<site> / PRICE#<startIso>, TTL'd): the one mapping between
 * an IntervalPrice and its item. The item also carries the site and when it was stored (`storedAt`,
 * what the sites' decision runs at); reading takes back only the price's own fields.
 */
import type { IntervalPrice } from '../domain/power/intervalPrice';
import { intervalPriceSchema } from '../domain/power/intervalPriceSchema';
import { canonicalIso } from './canonicalIso';
import { Entity, keys, TTL_ATTRIBUTE } from './tableKeys';

/** The stored item of one interval's price, validated first (a bad price throws naming the field). */
export function powerPriceItem(
  site: string,
  price: IntervalPrice,
  storedAtIso: string,
  expiresAtEpochSeconds: number,
): Record<string, unknown> {
  const valid = intervalPriceSchema.parse(price);
  return {
    ...keys.powerPrice(site, canonicalIso(valid.startIso)),
    entity: Entity.PowerPrice,
    site,
    ...valid,
    storedAt: storedAtIso,
    [TTL_ATTRIBUTE]: expiresAtEpochSeconds,
  };
}

/** A stored item back as the interval's price. */
export const readPowerPrice = (item: Record<string, unknown>): IntervalPrice =>
  intervalPriceSchema.parse({
    startIso: item.startIso,
    endIso: item.endIso,
    intervalMinutes: item.intervalMinutes,
    usdPerMwh: item.usdPerMwh,
    source: item.source,
    market: item.market,
    location: item.location,
  });

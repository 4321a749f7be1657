/**
 * The stored and cached shape of an interval price, checked when read back (the local cache file,
 * the table): one schema for every place an IntervalPrice is read from outside the process.
 */
import * as z from '../../schema/z';
import { INTERVAL_MINUTES, POWER_MARKETS, POWER_PRICE_SOURCES, type IntervalPrice } from './intervalPrice';

export const intervalPriceSchema = z.strictObject({
  startIso: z.iso.datetime(),
  endIso: z.iso.datetime(),
  intervalMinutes: z.union(INTERVAL_MINUTES.map((m) => z.literal(m))),
  usdPerMwh: z.number(),
  source: z.enum(POWER_PRICE_SOURCES),
  market: z.enum(POWER_MARKETS),
  location: z.string().check(z.minLength(1)),
}) satisfies z.ZodMiniType<IntervalPrice, unknown>;

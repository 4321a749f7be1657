/**
 * The one shape every power price source is read into: a price for one market interval, in USD per
 * MWh, with where it came from. ERCOT, ENTSO-E, an owner's feed and a fixed tariff all end here, so
 * the checks (powerPriceChecks.ts) and the decision (curtailmentDecision.ts) never see a source's
 * own shape or unit.
 */
import { PowerPriceError } from './powerPriceError';

/** The markets a site's power price can come from. */
export const POWER_MARKETS = ['ERCOT', 'ENTSO-E', 'feed', 'tariff'] as const;
export type PowerMarket = (typeof POWER_MARKETS)[number];

/** The exact source of a price, as stored beside it. */
export const POWER_PRICE_SOURCES = [
  'ercot-api-rt',
  'ercot-api-dam',
  'ercot-archive-rt',
  'ercot-archive-dam',
  'entsoe-a44',
  'feed-json',
  'feed-csv',
  'tariff',
  /** A path rebuilt from published figures (shared/data/powerEvents.json), for backtests only. */
  'reconstructed',
] as const;
export type PowerPriceSource = (typeof POWER_PRICE_SOURCES)[number];

/** Day-ahead results and tariffs are known before their interval starts; any other price only after it ends. */
const KNOWN_BEFORE_INTERVAL: ReadonlySet<PowerPriceSource> = new Set<PowerPriceSource>([
  'ercot-api-dam',
  'ercot-archive-dam',
  'entsoe-a44',
  'tariff',
]);

export function isKnownBeforeInterval(source: PowerPriceSource): boolean {
  return KNOWN_BEFORE_INTERVAL.has(source);
}

/** Interval lengths the markets use: ERCOT 15 min real time and 60 min day-ahead, ENTSO-E 15/30/60. */
export const INTERVAL_MINUTES = [5, 15, 30, 60] as const;
export type IntervalMinutes = (typeof INTERVAL_MINUTES)[number];

export function isIntervalMinutes(minutes: number): minutes is IntervalMinutes {
  return (INTERVAL_MINUTES as readonly number[]).includes(minutes);
}

export interface IntervalPrice {
  /** Start of the interval, ISO 8601 UTC. */
  startIso: string;
  /** End of the interval (exclusive), ISO 8601 UTC. */
  endIso: string;
  intervalMinutes: IntervalMinutes;
  /** May be negative: a negative price pays the site to draw power (running earns twice). */
  usdPerMwh: number;
  source: PowerPriceSource;
  market: PowerMarket;
  /** Settlement point, load zone, bidding zone (EIC) or the feed's own name. */
  location: string;
}

export const MS_PER_MINUTE = 60_000;

/** The interval's start and end in ms since the epoch. */
export function intervalBoundsMs(price: IntervalPrice): { startMs: number; endMs: number } {
  return { startMs: Date.parse(price.startIso), endMs: Date.parse(price.endIso) };
}

/** The prices whose interval starts inside a window [fromIso, toIso): what a source answers for it. */
export function pricesStartingWithin(
  prices: readonly IntervalPrice[],
  fromIso: string,
  toIso: string,
): IntervalPrice[] {
  const fromMs = Date.parse(fromIso);
  const toMs = Date.parse(toIso);
  return prices.filter((p) => {
    const startMs = Date.parse(p.startIso);
    return startMs >= fromMs && startMs < toMs;
  });
}

/** A window's bounds in ms; a window that is not a time range that moves forward is an error naming the field. */
export function windowBoundsMs(
  site: string,
  field: string,
  window: { fromIso: string; toIso: string },
): { fromMs: number; toMs: number } {
  const fromMs = Date.parse(window.fromIso);
  const toMs = Date.parse(window.toIso);
  if (!(fromMs < toMs))
    throw new PowerPriceError(site, field, 'interval', `${window.fromIso} is not before ${window.toIso}`);
  return { fromMs, toMs };
}

/**
 * The checks every interval price passes before it is stored or decided on, whatever its source:
 * a finite price within the market's cap and floor (a unit slip lands outside them), an interval
 * whose length matches its boundaries, no two different prices for one interval, nothing too far
 * in the future, and a series fresh enough. Gaps are not errors (a market can skip an interval; the
 * decision then has no current price and says so) but they are returned so they can be counted.
 */
import { intervalBoundsMs, MS_PER_MINUTE, type IntervalPrice } from './intervalPrice';
import { MAX_PRICE_LEAD_MS, type PriceLimits } from './marketLimits';
import { PowerPriceError } from './powerPriceError';

export interface PriceCheckOptions {
  site: string;
  nowMs: number;
  /** The limits the price must lie within, in USD/MWh (already converted). */
  limitsAt: (startMs: number) => PriceLimits;
  /** When set, the latest interval must have ended no longer ago than this. */
  maxAgeMs?: number | undefined;
}

export interface PriceGap {
  startIso: string;
  endIso: string;
}

export interface CheckedPrices {
  /** Sorted by start, duplicates of the same price merged. */
  prices: IntervalPrice[];
  gaps: PriceGap[];
}

const usd = (n: number): string => `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}/MWh`;

/** Checks one price; throws a PowerPriceError naming the site and the field (`field` = where it came from). */
export function checkIntervalPrice(price: IntervalPrice, field: string, options: PriceCheckOptions): void {
  const { site } = options;
  const { startMs, endMs } = intervalBoundsMs(price);
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs))
    throw new PowerPriceError(site, `${field}.start`, 'interval', `not a time: ${price.startIso} .. ${price.endIso}`);
  if (endMs - startMs !== price.intervalMinutes * MS_PER_MINUTE)
    throw new PowerPriceError(
      site,
      `${field}.end`,
      'interval',
      `${price.startIso} .. ${price.endIso} is not ${price.intervalMinutes} minutes`,
    );
  if (!Number.isFinite(price.usdPerMwh))
    throw new PowerPriceError(site, `${field}.price`, 'schema', `not a number: ${price.usdPerMwh}`);
  const limits = options.limitsAt(startMs);
  if (price.usdPerMwh > limits.maxPerMwh)
    throw new PowerPriceError(
      site,
      `${field}.price`,
      'range',
      `${usd(price.usdPerMwh)} at ${price.startIso} is above the market's cap of ${usd(limits.maxPerMwh)} (${limits.source}): is it in another unit?`,
    );
  if (price.usdPerMwh < limits.minPerMwh)
    throw new PowerPriceError(
      site,
      `${field}.price`,
      'range',
      `${usd(price.usdPerMwh)} at ${price.startIso} is below the floor of ${usd(limits.minPerMwh)} (${limits.source}): is it in another unit?`,
    );
  if (startMs > options.nowMs + MAX_PRICE_LEAD_MS)
    throw new PowerPriceError(
      site,
      `${field}.start`,
      'future',
      `${price.startIso} is more than ${MAX_PRICE_LEAD_MS / 3_600_000} h ahead: no market prices that far`,
    );
}

/** Checks a series of prices (one location, one source) and returns it sorted, with its gaps. */
export function checkIntervalPrices(prices: readonly IntervalPrice[], options: PriceCheckOptions): CheckedPrices {
  prices.forEach((price, index) => checkIntervalPrice(price, `prices[${index}]`, options));
  const byStart = new Map<number, IntervalPrice>();
  for (const price of prices) {
    const startMs = Date.parse(price.startIso);
    const seen = byStart.get(startMs);
    if (seen && (seen.usdPerMwh !== price.usdPerMwh || seen.intervalMinutes !== price.intervalMinutes))
      throw new PowerPriceError(
        options.site,
        'prices',
        'conflict',
        `two prices for the interval starting ${price.startIso}: ${usd(seen.usdPerMwh)} and ${usd(price.usdPerMwh)}`,
      );
    byStart.set(startMs, price);
  }
  const sorted = [...byStart.entries()].sort(([a], [b]) => a - b).map(([, price]) => price);
  const gaps: PriceGap[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    const previousEnd = Date.parse(sorted[i - 1]!.endIso);
    const start = Date.parse(sorted[i]!.startIso);
    if (start > previousEnd)
      gaps.push({ startIso: new Date(previousEnd).toISOString(), endIso: new Date(start).toISOString() });
    if (start < previousEnd)
      throw new PowerPriceError(
        options.site,
        'prices',
        'interval',
        `the interval starting ${sorted[i]!.startIso} overlaps the one ending ${sorted[i - 1]!.endIso}`,
      );
  }
  if (options.maxAgeMs !== undefined) assertFresh(sorted, options.site, options.nowMs, options.maxAgeMs);
  return { prices: sorted, gaps };
}

function assertFresh(sorted: readonly IntervalPrice[], site: string, nowMs: number, maxAgeMs: number): void {
  const latest = sorted.at(-1);
  if (!latest) throw new PowerPriceError(site, 'prices', 'stale', 'no price at all');
  const ageMs = nowMs - Date.parse(latest.endIso);
  if (ageMs > maxAgeMs)
    throw new PowerPriceError(
      site,
      'prices',
      'stale',
      `the latest interval ended ${latest.endIso}, ${Math.round(ageMs / MS_PER_MINUTE)} min ago (more than ${Math.round(maxAgeMs / MS_PER_MINUTE)} min)`,
    );
}

/**
 * The price to decide on at `nowMs`: the interval that covers now, else the latest one that ended
 * no longer than `maxAgeMs` ago (real-time prices are published after their interval ends), else
 * none: a stale price never decides.
 */
export function currentPrice(
  sorted: readonly IntervalPrice[],
  nowMs: number,
  maxAgeMs: number,
): IntervalPrice | undefined {
  let latestEnded: IntervalPrice | undefined;
  for (const price of sorted) {
    const { startMs, endMs } = intervalBoundsMs(price);
    if (startMs <= nowMs && nowMs < endMs) return price;
    if (endMs <= nowMs && (!latestEnded || endMs > Date.parse(latestEnded.endIso))) latestEnded = price;
  }
  if (latestEnded && nowMs - Date.parse(latestEnded.endIso) <= maxAgeMs) return latestEnded;
  return undefined;
}

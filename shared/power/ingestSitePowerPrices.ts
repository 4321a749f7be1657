/**
 * One ingest round of the sites' power prices: for each market-priced site, fetch what came out
 * since its latest stored interval, check it (the market's cap and floor, interval lengths, one
 * price per interval, nothing far in the future), store it, and say whether the site has a price
 * fresh enough to decide on. A site's failure (its source throttled, a token refused, an answer in
 * the wrong unit) is that site's result, naming the site and the field, with nothing of that batch
 * stored; the other sites go on. A failure of the table is not a site's: it fails the round.
 */
import { intervalBoundsMs, MS_PER_MINUTE, type IntervalPrice, type PowerMarket } from '../domain/power/intervalPrice';
import { limitsForMarket } from '../domain/power/marketLimits';
import { checkIntervalPrices, currentPrice, type PriceGap } from '../domain/power/powerPriceChecks';
import { PowerPriceError, type PowerPriceErrorKind } from '../domain/power/powerPriceError';
import { MS_PER_DAY } from '../domain/units';
import type { PowerPriceSourcePort, PowerPriceStore, StoredPrices } from './ports';

export const POWER_INGEST_DEFAULTS = {
  /** A site's first round reaches back this far. */
  firstLookbackHours: 24,
  /** The longest window a round asks for: after a longer outage the older part stays a gap (counted). */
  maxWindowHours: 72,
  /** How far ahead a round asks: day-ahead results cover the next delivery day. */
  leadHours: 36,
  /** How long a stored price is kept: a year of savings and a month's margin. */
  retentionDays: 400,
} as const;
export type PowerIngestSettings = { [K in keyof typeof POWER_INGEST_DEFAULTS]: number };

const MS_PER_HOUR = 60 * MS_PER_MINUTE;

export interface SitePriceSource {
  source: PowerPriceSourcePort;
  /** The site's curtailment terms: no decision on a price older than this (minutes). */
  maxPriceAgeMinutes: number;
}

export interface SitePriceIngestResult {
  site: string;
  market: PowerMarket;
  status: 'stored' | 'failed';
  window: { fromIso: string; toIso: string };
  stored: number;
  unchanged: number;
  differing: StoredPrices['differing'];
  /** Intervals missing between the latest stored one and this batch, or inside it. */
  gaps: PriceGap[];
  /** The price a decision would read now, if one is fresh enough. */
  current?: IntervalPrice;
  /** Minutes since the end of the latest interval that has ended (undefined: none stored). */
  priceAgeMinutes?: number;
  /** No price fresh enough to decide on: the decision says so instead of guessing. */
  stale: boolean;
  error?: { kind: PowerPriceErrorKind; field: string; message: string };
}

export interface PowerIngestDependencies {
  store: PowerPriceStore;
  nowMs: () => number;
  settings?: Partial<PowerIngestSettings>;
}

/** Runs one round for every site, in order; resolves with one result per site. */
export async function ingestSitePowerPrices(
  sites: readonly SitePriceSource[],
  deps: PowerIngestDependencies,
): Promise<SitePriceIngestResult[]> {
  const settings: PowerIngestSettings = { ...POWER_INGEST_DEFAULTS, ...deps.settings };
  const results: SitePriceIngestResult[] = [];
  for (const site of sites) results.push(await ingestSite(site, deps, settings));
  return results;
}

async function ingestSite(
  { source, maxPriceAgeMinutes }: SitePriceSource,
  deps: PowerIngestDependencies,
  settings: PowerIngestSettings,
): Promise<SitePriceIngestResult> {
  const nowMs = deps.nowMs();
  const latestStored = await deps.store.latest(source.site);
  const earliestMs = nowMs - settings.maxWindowHours * MS_PER_HOUR;
  const fromMs = latestStored
    ? Math.max(intervalBoundsMs(latestStored).endMs, earliestMs)
    : nowMs - settings.firstLookbackHours * MS_PER_HOUR;
  const window = {
    fromIso: new Date(Math.min(fromMs, nowMs)).toISOString(),
    toIso: new Date(nowMs + settings.leadHours * MS_PER_HOUR).toISOString(),
  };
  const base = { site: source.site, market: source.market, window, stored: 0, unchanged: 0, differing: [] };

  let checked: { prices: IntervalPrice[]; gaps: PriceGap[] };
  try {
    const fetched = await source.prices(window);
    checked = checkIntervalPrices(fetched, { site: source.site, nowMs, limitsAt: limitsForMarket(source.market) });
  } catch (error) {
    const failure =
      error instanceof PowerPriceError
        ? { kind: error.kind, field: error.field, message: error.message }
        : { kind: 'http' as const, field: 'source', message: `site "${source.site}": ${(error as Error).message}` };
    return {
      ...base,
      status: 'failed',
      gaps: [],
      ...(await freshness(source.site, nowMs, maxPriceAgeMinutes, deps)),
      error: failure,
    };
  }

  const gaps = [...checked.gaps];
  const first = checked.prices[0];
  if (latestStored && first && Date.parse(first.startIso) > intervalBoundsMs(latestStored).endMs)
    gaps.unshift({ startIso: latestStored.endIso, endIso: first.startIso });
  const expiresAt = Math.floor((nowMs + settings.retentionDays * MS_PER_DAY) / 1000);
  const put = await deps.store.putPrices(source.site, checked.prices, expiresAt);
  return {
    ...base,
    status: 'stored',
    ...put,
    gaps,
    ...(await freshness(source.site, nowMs, maxPriceAgeMinutes, deps)),
  };
}

/** What a decision could read now from the stored prices: the current one, its age, stale or not. */
async function freshness(
  site: string,
  nowMs: number,
  maxPriceAgeMinutes: number,
  deps: PowerIngestDependencies,
): Promise<Pick<SitePriceIngestResult, 'current' | 'priceAgeMinutes' | 'stale'>> {
  const maxAgeMs = maxPriceAgeMinutes * MS_PER_MINUTE;
  // Enough behind now to find the latest ended interval of any length, and the one covering now.
  const recent = await deps.store.startingWithin(site, {
    fromIso: new Date(nowMs - maxAgeMs - 2 * MS_PER_HOUR).toISOString(),
    toIso: new Date(nowMs + 1).toISOString(),
  });
  const current = currentPrice(recent, nowMs, maxAgeMs);
  const endedMs = recent.map((p) => intervalBoundsMs(p).endMs).filter((endMs) => endMs <= nowMs);
  // Nothing ended in that stretch: the age comes from the latest stored interval, however old.
  let latestEndedMs = endedMs.length > 0 ? Math.max(...endedMs) : undefined;
  if (latestEndedMs === undefined) {
    const latest = await deps.store.latest(site);
    const endMs = latest ? intervalBoundsMs(latest).endMs : undefined;
    if (endMs !== undefined && endMs <= nowMs) latestEndedMs = endMs;
  }
  return {
    ...(current ? { current } : {}),
    ...(latestEndedMs !== undefined ? { priceAgeMinutes: Math.round((nowMs - latestEndedMs) / MS_PER_MINUTE) } : {}),
    stale: current === undefined,
  };
}

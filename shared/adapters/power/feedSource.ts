/**
 * An owner's own price feed: a URL answering interval prices as JSON or CSV in the documented shapes
 * (genericFeed.ts, docs/power-prices.md), optionally behind a bearer token, asked for the window as
 * `from` and `to` query parameters (ISO 8601; a feed may ignore them: intervals outside the window
 * are dropped here). A body that opens with `{` is read as the JSON shape, any other as the CSV
 * shape (servers label CSV as text/plain as often as text/csv, so the label does not decide); a
 * feed that answers an HTML page is refused before either reads it.
 */
import { pricesStartingWithin, windowBoundsMs, type IntervalPrice } from '../../domain/power/intervalPrice';
import type { PowerPriceSourcePort, PowerPriceWindow } from '../../power/ports';
import { parseFeedCsv, parseFeedJson } from './genericFeed';
import { requestPowerData, type PowerHttp } from './powerRequest';

export interface FeedSourceConfig {
  site: string;
  url: string;
  /** The name the prices carry when the feed (a CSV) names none. */
  location: string;
  /** A bearer token the feed wants, if any. */
  bearerToken?: () => Promise<string>;
  http: PowerHttp;
}

export class FeedSource implements PowerPriceSourcePort {
  readonly market = 'feed' as const;
  readonly site: string;

  constructor(private readonly config: FeedSourceConfig) {
    this.site = config.site;
  }

  async prices(window: PowerPriceWindow): Promise<IntervalPrice[]> {
    const headers: Record<string, string> = { accept: 'application/json, text/csv;q=0.9' };
    if (this.config.bearerToken) headers.Authorization = `Bearer ${await this.config.bearerToken()}`;
    windowBoundsMs(this.site, 'feed.window', window);
    const url = new URL(this.config.url);
    url.searchParams.set('from', window.fromIso);
    url.searchParams.set('to', window.toIso);
    const body = await requestPowerData(this.site, 'feed', url.toString(), this.config.http, { headers });
    const prices = looksLikeCsv(body)
      ? parseFeedCsv(this.site, this.config.location, body)
      : parseFeedJson(this.site, body);
    return pricesStartingWithin(prices, window.fromIso, window.toIso);
  }
}

function looksLikeCsv(body: string): boolean {
  return !body.trimStart().startsWith('{');
}

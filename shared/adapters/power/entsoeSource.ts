/**
 * ENTSO-E day-ahead prices (documentType A44) for one site's bidding zone, from the Transparency
 * Platform's REST API: one GET with the owner's security token in the query (the way ENTSO-E's
 * guide documents it), the zone as both in_Domain and out_Domain, and the window as periodStart /
 * periodEnd in UTC (yyyyMMddHHmm). The answer is read by entsoeA44.ts. The token sits in the URL,
 * so every error names the URL with the token masked.
 */
import type { FxRate } from '../../domain/currency';
import { pricesStartingWithin, windowBoundsMs, type IntervalPrice } from '../../domain/power/intervalPrice';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import type { PowerPriceSourcePort, PowerPriceWindow } from '../../power/ports';
import { parseEntsoeA44 } from './entsoeA44';
import { requestPowerData, type PowerHttp } from './powerRequest';

export const ENTSOE_API_URL = 'https://web-api.tp.entsoe.eu/api';

/** ENTSO-E answers at most a year of day-ahead prices per request. */
const MAX_WINDOW_MS = 366 * 86_400_000;

export interface EntsoeSourceConfig {
  site: string;
  /** The bidding zone's EIC code, e.g. "10Y1001A1001A82H" (DE-LU). */
  zone: string;
  /** Which classification sequence to read when a day has several (1 by default). */
  sequence?: number;
  securityToken: () => Promise<string>;
  /** EUR per USD for the prices' days (the project's FX rate). */
  eurRate: () => Promise<FxRate>;
  http: PowerHttp;
  baseUrl?: string;
}

/** yyyyMMddHHmm in UTC, ENTSO-E's period format. */
export function entsoePeriod(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-:T]/g, '');
}

export class EntsoeSource implements PowerPriceSourcePort {
  readonly market = 'ENTSO-E' as const;
  readonly site: string;

  constructor(private readonly config: EntsoeSourceConfig) {
    this.site = config.site;
  }

  async prices(window: PowerPriceWindow): Promise<IntervalPrice[]> {
    const { fromMs, toMs } = windowBoundsMs(this.site, 'entsoe-a44.window', window);
    if (toMs - fromMs > MAX_WINDOW_MS)
      throw new PowerPriceError(
        this.site,
        'entsoe-a44.window',
        'interval',
        'more than a year: ENTSO-E answers at most one',
      );
    const query = new URLSearchParams({
      securityToken: await this.config.securityToken(),
      documentType: 'A44',
      in_Domain: this.config.zone,
      out_Domain: this.config.zone,
      periodStart: entsoePeriod(fromMs),
      periodEnd: entsoePeriod(toMs),
    });
    const baseUrl = this.config.baseUrl ?? ENTSOE_API_URL;
    const url = `${baseUrl}?${query.toString()}`;
    query.set('securityToken', '***');
    const xml = await requestPowerData(this.site, 'entsoe-a44', url, this.config.http, {
      headers: { accept: 'application/xml, text/xml;q=0.9' },
      urlForMessages: `${baseUrl}?${query.toString()}`,
    });
    const prices = parseEntsoeA44(this.site, xml, {
      zone: this.config.zone,
      sequence: this.config.sequence,
      eurRate: await this.config.eurRate(),
    });
    return pricesStartingWithin(prices, window.fromIso, window.toIso);
  }
}

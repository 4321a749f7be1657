/**
 * ERCOT prices for one site's settlement point or load zone, through ERCOT's public API: the
 * real-time 15-minute report (NP6-905-CD) or the day-ahead hourly one (NP4-190-CD), every page of
 * the delivery days that cover the window, read by ercotPublicApi.ts. Delivery days are ERCOT's
 * (US Central prevailing time), so a UTC window asks for the Central days it touches and keeps the
 * intervals that start inside it. A refused token (401) is renewed once; a second refusal is the
 * error (wrong password, or a subscription key the API does not know).
 */
import { pricesStartingWithin, windowBoundsMs, type IntervalPrice } from '../../domain/power/intervalPrice';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import type { PowerPriceSourcePort, PowerPriceWindow } from '../../power/ports';
import { ERCOT_API_BASE_URL, ercotReportPath, parseErcotReport, type ErcotReportKind } from './ercotPublicApi';
import { ErcotTokenSource, type ErcotCredentials } from './ercotToken';
import { requestPowerData, type PowerHttp } from './powerRequest';

export interface ErcotApiSourceConfig {
  site: string;
  kind: ErcotReportKind;
  /** A settlement point, hub or load zone as ERCOT names it (e.g. "LZ_WEST", "HB_NORTH"). */
  settlementPoint: string;
  credentials: () => Promise<ErcotCredentials>;
  http: PowerHttp;
  baseUrl?: string;
  tokenUrl?: string;
  now?: () => number;
}

/** ERCOT answers up to this many pages for a window before the reader stops (a runaway guard). */
const MAX_PAGES = 200;

const centralDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Chicago',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Central delivery day (yyyy-MM-dd) that holds an instant. */
export function ercotDeliveryDay(ms: number): string {
  return centralDay.format(ms);
}

export class ErcotApiSource implements PowerPriceSourcePort {
  readonly market = 'ERCOT' as const;
  readonly site: string;
  private readonly tokens: ErcotTokenSource;
  private readonly source: string;

  constructor(private readonly config: ErcotApiSourceConfig) {
    this.site = config.site;
    this.source = config.kind === 'rt' ? 'ercot-api-rt' : 'ercot-api-dam';
    this.tokens = new ErcotTokenSource(config.site, config.http, config.tokenUrl, config.now);
  }

  async prices(window: PowerPriceWindow): Promise<IntervalPrice[]> {
    const { fromMs, toMs } = windowBoundsMs(this.site, `${this.source}.window`, window);
    const credentials = await this.config.credentials();
    const fromDay = ercotDeliveryDay(fromMs);
    const toDay = ercotDeliveryDay(toMs - 1);
    const prices: IntervalPrice[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const path = ercotReportPath(this.config.kind, this.config.settlementPoint, fromDay, toDay, page);
      const body = await this.page(`${this.config.baseUrl ?? ERCOT_API_BASE_URL}${path}`, credentials);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new PowerPriceError(this.site, this.source, 'not-data', `page ${page} is not JSON`);
      }
      const read = parseErcotReport(this.site, this.config.kind, this.config.settlementPoint, json);
      prices.push(...read.prices);
      if (read.totalPages <= page) break;
      if (page === MAX_PAGES)
        throw new PowerPriceError(
          this.site,
          `${this.source}._meta.totalPages`,
          'schema',
          `more than ${MAX_PAGES} pages`,
        );
    }
    return pricesStartingWithin(prices, window.fromIso, window.toIso);
  }

  private async page(url: string, credentials: ErcotCredentials): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      const idToken = await this.tokens.idToken(credentials);
      try {
        return await requestPowerData(this.site, this.source, url, this.config.http, {
          headers: { 'Ocp-Apim-Subscription-Key': credentials.subscriptionKey, Authorization: `Bearer ${idToken}` },
        });
      } catch (error) {
        // An hour-old token is refused like a wrong one: one new token, then the refusal stands.
        if (error instanceof PowerPriceError && error.kind === 'unauthorized' && attempt === 1) {
          this.tokens.forget();
          continue;
        }
        throw error;
      }
    }
  }
}

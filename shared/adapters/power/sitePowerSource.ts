/**
 * The price source of a site, from its config (shared/domain/site.ts): ERCOT's API (its archive as
 * the fallback), ENTSO-E, the
 * owner's feed or a tariff, each with its secrets read from Parameter Store by name when a price is
 * asked for (never at construction, so a missing secret is an error of the fetch that needs it,
 * naming the parameter). A fixed price has no source: nothing to fetch, nothing to curtail on.
 */
import type { FxRate } from '../../domain/currency';
import type { IntervalPrice } from '../../domain/power/intervalPrice';
import { tariffPrices, withAdder } from '../../domain/power/touTariff';
import type { Site } from '../../domain/site';
import type { PowerPriceSourcePort, PowerPriceWindow } from '../../power/ports';
import { EntsoeSource } from './entsoeSource';
import { ErcotApiSource } from './ercotApiSource';
import { ErcotArchiveSource, ErcotWithArchiveFallback } from './ercotArchiveSource';
import { FeedSource } from './feedSource';
import type { PowerHttp } from './powerRequest';

export interface SitePowerSourceDeps {
  /** Reads a SecureString parameter by name (shared/adapters/ssm/parameterStoreSecrets.ts). */
  readSecret: (parameterName: string) => Promise<string>;
  http: PowerHttp;
  /** EUR per USD for ENTSO-E prices (the latest snapshot's rate). */
  eurRate: () => Promise<FxRate>;
  /** Stand-ins for the public endpoints (a mirror, a test server). */
  endpoints?: { ercotApiUrl?: string; ercotTokenUrl?: string; ercotArchiveUrl?: string; entsoeApiUrl?: string };
}

/** A source that adds the site's adder (delivery, fees) to every price of another. */
class WithAdder implements PowerPriceSourcePort {
  constructor(
    private readonly inner: PowerPriceSourcePort,
    private readonly adderUsdPerMwh: number,
  ) {}
  get market() {
    return this.inner.market;
  }
  get site() {
    return this.inner.site;
  }
  async prices(window: PowerPriceWindow): Promise<IntervalPrice[]> {
    const prices = await this.inner.prices(window);
    return this.adderUsdPerMwh === 0 ? prices : withAdder(prices, this.adderUsdPerMwh);
  }
}

/** A time-of-use tariff as 15-minute interval prices. */
class TariffSource implements PowerPriceSourcePort {
  readonly market = 'tariff' as const;
  constructor(
    readonly site: string,
    private readonly tariff: Parameters<typeof tariffPrices>[0],
  ) {}
  async prices(window: PowerPriceWindow): Promise<IntervalPrice[]> {
    return tariffPrices(this.tariff, this.site, Date.parse(window.fromIso), Date.parse(window.toIso), 15);
  }
}

export function sitePowerSource(site: Site, deps: SitePowerSourceDeps): PowerPriceSourcePort | undefined {
  const price = site.powerPrice;
  switch (price.type) {
    case 'fixed':
      return undefined;
    case 'ercot': {
      const kind = price.report === 'real-time' ? 'rt' : 'dam';
      const api = new ErcotApiSource({
        site: site.name,
        kind,
        settlementPoint: price.settlementPoint,
        credentials: async () => {
          const [username, password, subscriptionKey] = await Promise.all([
            deps.readSecret(price.credentials.usernameParameter),
            deps.readSecret(price.credentials.passwordParameter),
            deps.readSecret(price.credentials.subscriptionKeyParameter),
          ]);
          return { username, password, subscriptionKey };
        },
        http: deps.http,
        ...(deps.endpoints?.ercotApiUrl ? { baseUrl: deps.endpoints.ercotApiUrl } : {}),
        ...(deps.endpoints?.ercotTokenUrl ? { tokenUrl: deps.endpoints.ercotTokenUrl } : {}),
      });
      // ERCOT's archive needs no key: it answers when the login or the API cannot.
      const archive = new ErcotArchiveSource({
        site: site.name,
        kind,
        settlementPoint: price.settlementPoint,
        http: deps.http,
        ...(deps.endpoints?.ercotArchiveUrl ? { baseUrl: deps.endpoints.ercotArchiveUrl } : {}),
      });
      return new WithAdder(new ErcotWithArchiveFallback(api, archive), price.adderUsdPerMwh);
    }
    case 'entsoe': {
      const source = new EntsoeSource({
        site: site.name,
        zone: price.biddingZone,
        sequence: price.sequence,
        securityToken: () => deps.readSecret(price.tokenParameter),
        eurRate: deps.eurRate,
        http: deps.http,
        ...(deps.endpoints?.entsoeApiUrl ? { baseUrl: deps.endpoints.entsoeApiUrl } : {}),
      });
      return new WithAdder(source, price.adderUsdPerMwh);
    }
    case 'feed': {
      const tokenParameter = price.tokenParameter;
      const source = new FeedSource({
        site: site.name,
        url: price.url,
        location: price.location,
        ...(tokenParameter ? { bearerToken: () => deps.readSecret(tokenParameter) } : {}),
        http: deps.http,
      });
      return new WithAdder(source, price.adderUsdPerMwh);
    }
    case 'tariff':
      return new WithAdder(new TariffSource(site.name, price.tariff), price.adderUsdPerMwh);
  }
}

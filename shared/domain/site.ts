/**
 * A site: one place with a power connection, its power price, the fleets that hash there and,
 * optionally, an AI/HPC lease offer for it. The one definition of a site for the whole project:
 * the calculator's per-megawatt economics, the read API's GET /v1/sites and the
 * site-conversion-advantage signal read it, and power markets (ERCOT, ENTSO-E, a feed, a tariff)
 * join the `powerPrice` union as new `type`s, without touching the rest.
 */
import type { HpcLease } from './siteEconomics/hpcLeaseTerms';

/** 10 GW: several times the largest campus announced; more is a unit slip (kW for MW). */
export const MAX_SITE_POWER_MW = 10_000;

/** The price the site pays for power. Only a fixed price today; market sources are new variants. */
export type SitePowerPrice = { type: 'fixed'; usdPerKwh: number } | { type: 'fixed'; usdPerMwh: number };

export interface Site {
  /** Shown in alerts and used as the signal subject: short and stable. */
  name: string;
  /** The site's power connection, MW (what converting it to IT load starts from). */
  powerCapacityMw: number;
  powerPrice: SitePowerPrice;
  /** Names of the owner's fleets (config `fleets`) that hash at this site. */
  fleets: string[];
  leaseOffer?: HpcLease | undefined;
}

/** The site's power price in USD per kWh, whichever unit it was given in. */
export function sitePowerPriceUsdPerKwh(price: SitePowerPrice): number {
  switch (price.type) {
    case 'fixed':
      return 'usdPerKwh' in price ? price.usdPerKwh : price.usdPerMwh / 1000;
  }
}

/**
 * A site: one place with a power connection, its power price, the fleets that hash there and,
 * optionally, an AI/HPC lease offer for it. The one definition of a site for the whole project:
 * the calculator's per-megawatt economics, the read API's GET /v1/sites and the
 * site-conversion-advantage signal read it, and power markets (ERCOT, ENTSO-E, a feed, a tariff)
 * join the `powerPrice` union as new `type`s, without touching the rest.
 */
import { tariffUsdPerMwhAt, type TouTariff } from './power/touTariff';
import type { HpcLease } from './siteEconomics/hpcLeaseTerms';
import { KWH_PER_MWH, MS_PER_DAY } from './units';

/** 10 GW: several times the largest campus announced; more is a unit slip (kW for MW). */
export const MAX_SITE_POWER_MW = 10_000;

/**
 * The price the site pays for power: a fixed price, or a market (ERCOT, ENTSO-E), the owner's own
 * feed or a time-of-use tariff. A market-priced site gives the price it expects on average
 * (`expectedUsdPerMwh`): the per-megawatt economics and the fleet figures use it, while the
 * curtailment decision reads the live price. `adderUsdPerMwh` (delivery, transmission, fees) is
 * added to every market, feed or tariff price, so both compare what the site really pays.
 */
export type SitePowerPrice =
  | { type: 'fixed'; usdPerKwh: number }
  | { type: 'fixed'; usdPerMwh: number }
  | {
      type: 'ercot';
      /** A settlement point, hub or load zone as ERCOT names it (LZ_WEST, HB_NORTH, ...). */
      settlementPoint: string;
      /** Real time (NP6-905-CD, 15 min) or day-ahead (NP4-190-CD, hourly). */
      report: 'real-time' | 'day-ahead';
      expectedUsdPerMwh: number;
      adderUsdPerMwh: number;
      credentials: ErcotCredentialParameters;
    }
  | {
      type: 'entsoe';
      /** The bidding zone's EIC code, e.g. 10Y1001A1001A82H (DE-LU). */
      biddingZone: string;
      /** Which classification sequence to read when a day has several. */
      sequence: number;
      expectedUsdPerMwh: number;
      adderUsdPerMwh: number;
      tokenParameter: string;
    }
  | {
      type: 'feed';
      url: string;
      /** The name the prices carry when the feed names none. */
      location: string;
      expectedUsdPerMwh: number;
      adderUsdPerMwh: number;
      /** SSM parameter holding a bearer token, if the feed wants one. */
      tokenParameter?: string | undefined;
    }
  | { type: 'tariff'; tariff: TouTariff; adderUsdPerMwh: number };

/** SSM Parameter Store names (SecureString) of the owner's ERCOT API Explorer login and key. */
export interface ErcotCredentialParameters {
  usernameParameter: string;
  passwordParameter: string;
  subscriptionKeyParameter: string;
}

/** Run-or-curtail terms of a market-priced site (curtailmentDecision.ts). */
export interface SiteCurtailment {
  /** Half-width of the dead band around each class's strike, USD/MWh. */
  marginUsdPerMwh: number;
  /** A class that resumed runs at least this long before it may be curtailed again. */
  minRunMinutes: number;
  /** A class that was curtailed rests at least this long before it may resume. */
  minRestMinutes: number;
  /** No decision on a price older than this; the site's price is stale then (an alarm, not a guess). */
  maxPriceAgeMinutes: number;
}

export interface Site {
  /** Shown in alerts and used as the signal subject: short and stable. */
  name: string;
  /** The site's power connection, MW (what converting it to IT load starts from). */
  powerCapacityMw: number;
  powerPrice: SitePowerPrice;
  /** Names of the owner's fleets (config `fleets`) that hash at this site. */
  fleets: string[];
  leaseOffer?: HpcLease | undefined;
  /** For a site on a market, feed or tariff: when to curtail (defaults in the config schema). */
  curtailment?: SiteCurtailment | undefined;
}

/** The week a tariff is averaged over: a whole number of days, so every weekday counts once. */
const TARIFF_AVERAGE_FROM_MS = Date.UTC(2026, 0, 5);
const TARIFF_AVERAGE_STEP_MS = 15 * 60_000;

/**
 * A tariff's time-weighted average over one week, USD/MWh: every quarter hour of seven days counts
 * once (a week in January, so no daylight-saving change falls inside it).
 */
export function tariffWeeklyAverageUsdPerMwh(tariff: TouTariff): number {
  let sum = 0;
  let count = 0;
  for (let ms = TARIFF_AVERAGE_FROM_MS; ms < TARIFF_AVERAGE_FROM_MS + 7 * MS_PER_DAY; ms += TARIFF_AVERAGE_STEP_MS) {
    sum += tariffUsdPerMwhAt(tariff, ms);
    count += 1;
  }
  return sum / count;
}

/**
 * The site's power price in USD per kWh for its economics, whichever way it was given: a fixed
 * price in its unit, a market's or feed's expected price plus the adder, a tariff's weekly average
 * plus the adder.
 */
export function sitePowerPriceUsdPerKwh(price: SitePowerPrice): number {
  switch (price.type) {
    case 'fixed':
      return 'usdPerKwh' in price ? price.usdPerKwh : price.usdPerMwh / KWH_PER_MWH;
    case 'ercot':
    case 'entsoe':
    case 'feed':
      return (price.expectedUsdPerMwh + price.adderUsdPerMwh) / KWH_PER_MWH;
    case 'tariff':
      return (tariffWeeklyAverageUsdPerMwh(price.tariff) + price.adderUsdPerMwh) / KWH_PER_MWH;
  }
}

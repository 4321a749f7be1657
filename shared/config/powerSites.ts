/**
 * The sites whose power price is fetched (ERCOT, ENTSO-E, an owner's feed), and what fetching them
 * needs: the Parameter Store names their secrets are read by and the age past which their price is
 * too old to decide on. One home for these three answers, read by the power ingest (the deployed
 * function and `npm run power -- ingest`) and by the infrastructure, which creates the function,
 * its grants and one alarm per site from the same list. A fixed price has nothing to fetch, and a
 * tariff is computed, not fetched: neither needs the ingest.
 */
import type { Site } from '../domain/site';
import { siteCurtailmentSchema } from './siteConfig';

/** The curtailment terms a site gets when its config gives none (the config schema's defaults). */
export const DEFAULT_CURTAILMENT = siteCurtailmentSchema.parse({});

export type FetchedPriceSite = Site & { powerPrice: { type: 'ercot' | 'entsoe' | 'feed' } };

export const isFetchedPriceSite = (site: Site): site is FetchedPriceSite =>
  site.powerPrice.type === 'ercot' || site.powerPrice.type === 'entsoe' || site.powerPrice.type === 'feed';

/** The sites of a compute config whose prices the power ingest fetches, in config order. */
export function fetchedPriceSites(config: { sites: readonly Site[] }): FetchedPriceSite[] {
  return config.sites.filter(isFetchedPriceSite);
}

/** No decision on a price older than this (the site's curtailment terms, 45 minutes by default). */
export const maxPriceAgeMinutesOf = (site: Site): number =>
  (site.curtailment ?? DEFAULT_CURTAILMENT).maxPriceAgeMinutes;

/** The SecureString parameters a site's source reads (sitePowerSource.ts), in the order it reads them. */
export function secretParametersOf(site: Site): string[] {
  const price = site.powerPrice;
  switch (price.type) {
    case 'ercot':
      return [
        price.credentials.usernameParameter,
        price.credentials.passwordParameter,
        price.credentials.subscriptionKeyParameter,
      ];
    case 'entsoe':
      return [price.tokenParameter];
    case 'feed':
      return price.tokenParameter ? [price.tokenParameter] : [];
    default:
      return [];
  }
}

/** Every parameter the sites read, each once, sorted (what the function's role may read). */
export function secretParameterNamesOf(sites: readonly Site[]): string[] {
  return [...new Set(sites.flatMap(secretParametersOf))].sort();
}

/**
 * The power ingest's wiring, shared by the deployed function (functions/power) and
 * `npm run power -- ingest` (local/power/ingestCommand.ts): for each site whose price is fetched,
 * its source (sitePowerSource.ts) with the secrets read by the names its config gives, the
 * endpoints a stand-in may replace, the EUR rate of the latest stored snapshot for ENTSO-E, and
 * the age past which its price is too old to decide on.
 */
import type { LatestSnapshotReader } from '../../calculator/ports';
import { fetchedPriceSites, maxPriceAgeMinutesOf } from '../../config/powerSites';
import { fxRate } from '../../domain/currency';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import type { Site } from '../../domain/site';
import type { SitePriceSource } from '../../power/ingestSitePowerPrices';
import type { PowerHttp } from './powerRequest';
import { sitePowerSource, type SitePowerSourceDeps } from './sitePowerSource';

/** The variables that replace the public endpoints (a self-hosted mirror, a test's stand-in). */
export const POWER_ENDPOINT_ENV = {
  ercotApiUrl: 'HASHWATCH_ERCOT_API_URL',
  ercotTokenUrl: 'HASHWATCH_ERCOT_TOKEN_URL',
  ercotArchiveUrl: 'HASHWATCH_ERCOT_ARCHIVE_URL',
  entsoeApiUrl: 'HASHWATCH_ENTSOE_API_URL',
} as const;

export type PowerEndpoints = NonNullable<SitePowerSourceDeps['endpoints']>;

/** The endpoint overrides set in `env` (unset or empty: the public endpoint). */
export function powerEndpointsFromEnv(env: NodeJS.ProcessEnv): PowerEndpoints {
  const endpoints: PowerEndpoints = {};
  for (const [key, name] of Object.entries(POWER_ENDPOINT_ENV) as Array<[keyof PowerEndpoints, string]>) {
    const value = env[name];
    if (value) endpoints[key] = value;
  }
  return endpoints;
}

export interface SitePriceSourcesDeps {
  readSecret: SitePowerSourceDeps['readSecret'];
  http: PowerHttp;
  /** The latest stored snapshot, for the EUR rate an ENTSO-E site converts with (read only then). */
  snapshots: LatestSnapshotReader;
  /** Named in the error when no snapshot is stored yet. */
  tableName: string;
  endpoints?: PowerEndpoints;
}

/** One source per site of `sites` whose price is fetched, in order; the others are left out. */
export function sitePriceSources(sites: readonly Site[], deps: SitePriceSourcesDeps): SitePriceSource[] {
  return fetchedPriceSites({ sites }).map((site) => ({
    source: sitePowerSource(site, {
      readSecret: deps.readSecret,
      http: deps.http,
      eurRate: async () => {
        const snapshot = await deps.snapshots.latestSnapshot();
        const rate = snapshot ? fxRate(snapshot, 'EUR') : undefined;
        if (!rate?.ok)
          throw new PowerPriceError(
            site.name,
            'eurRate',
            'schema',
            `no EUR rate to convert ENTSO-E prices with: ${rate ? rate.message : `no snapshot stored in ${deps.tableName}`}`,
          );
        return rate.rate;
      },
      ...(deps.endpoints ? { endpoints: deps.endpoints } : {}),
    })!,
    maxPriceAgeMinutes: maxPriceAgeMinutesOf(site),
  }));
}

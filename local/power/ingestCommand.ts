/**
 * `npm run power -- ingest`: one round of the sites' power price ingest
 * (shared/power/ingestSitePowerPrices.ts) into the table named by TABLE_NAME, for the
 * market-priced sites of HASHWATCH_COMPUTE_CONFIG, with the wiring the deployed power function uses
 * (shared/adapters/power/sitePriceSources.ts), which runs it every 5 minutes. Secrets are read
 * from Parameter Store by the names the site config gives (the shell's AWS credentials), as a
 * deployment reads them; an ENTSO-E site converts EUR at the latest stored snapshot's rate.
 */
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import type { PowerHttp } from '../../shared/adapters/power/powerRequest';
import { powerEndpointsFromEnv, sitePriceSources } from '../../shared/adapters/power/sitePriceSources';
import type { SitePowerSourceDeps } from '../../shared/adapters/power/sitePowerSource';
import type { ComputeConfig } from '../../shared/config/computeConfig';
import { fetchedPriceSites } from '../../shared/config/powerSites';
import { ingestSitePowerPrices, type SitePriceIngestResult } from '../../shared/power/ingestSitePowerPrices';
import { tableClient } from '../devtools/tableClient';

export class IngestCommandError extends Error {}

export interface IngestCommandOptions {
  config: ComputeConfig;
  env: NodeJS.ProcessEnv;
  /** Only this site (its config name). */
  site?: string | undefined;
  http: PowerHttp;
  readSecret: SitePowerSourceDeps['readSecret'];
  nowMs: () => number;
}

export interface IngestCommandOutcome {
  lines: string[];
  /** 0: every site stored and has a fresh price; 1: a site failed or is stale. */
  exitCode: 0 | 1;
}

const usd = (n: number): string => n.toFixed(2);
const hhmm = (iso: string): string => iso.slice(11, 16);

/** One line per site, then one per interval kept out, in the words of the result. */
export function describeResult(r: SitePriceIngestResult): string[] {
  const head = `${r.site} (${r.market}):`;
  const priceNow = r.current
    ? `current ${usd(r.current.usdPerMwh)} USD/MWh (${r.current.startIso.slice(0, 10)} ${hhmm(r.current.startIso)}-${hhmm(r.current.endIso)}Z)`
    : `stale: no price to decide on${r.priceAgeMinutes !== undefined ? ` (the latest ended ${r.priceAgeMinutes} min ago)` : ' (none stored)'}`;
  const lines =
    r.status === 'failed'
      ? [`${head} failed: ${r.error!.message}; ${priceNow}`]
      : [
          `${head} ${r.stored} stored, ${r.unchanged} unchanged, ${r.gaps.length} gap(s); ${priceNow}`,
          ...r.differing.map(
            (d) =>
              `  kept ${usd(d.storedUsdPerMwh)} USD/MWh for ${d.startIso}: the source now says ${usd(d.fetchedUsdPerMwh)}`,
          ),
        ];
  return lines;
}

export async function runIngestCommand(options: IngestCommandOptions): Promise<IngestCommandOutcome> {
  const tableName = options.env.TABLE_NAME;
  if (!tableName) throw new IngestCommandError('TABLE_NAME is not set: the table to store the prices in');
  const marketSites = fetchedPriceSites(options.config);
  const chosen = options.site === undefined ? marketSites : marketSites.filter((s) => s.name === options.site);
  if (chosen.length === 0)
    throw new IngestCommandError(
      options.site === undefined
        ? 'no site of HASHWATCH_COMPUTE_CONFIG has a market or feed price (sites[].powerPrice type ercot, entsoe or feed)'
        : `no market-priced site named "${options.site}" in HASHWATCH_COMPUTE_CONFIG (${marketSites.map((s) => s.name).join(', ') || 'none'})`,
    );
  const client = tableClient(options.env);
  const sources = sitePriceSources(chosen, {
    readSecret: options.readSecret,
    http: options.http,
    snapshots: new DynamoLatestSnapshotReader(client, tableName),
    tableName,
    endpoints: powerEndpointsFromEnv(options.env),
  });
  const results = await ingestSitePowerPrices(sources, {
    store: new DynamoPowerPriceRepository(client, tableName, options.nowMs),
    nowMs: options.nowMs,
  });
  return {
    lines: results.flatMap(describeResult),
    exitCode: results.every((r) => r.status === 'stored' && !r.stale) ? 0 : 1,
  };
}

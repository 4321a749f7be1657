/**
 * `npm run power -- fetch ...`: pulls a real power price series into the local cache
 * (`.local/power/`), through the same source adapters and checks a deployment uses, so that a
 * backtest can run on real prices the project may not bundle (docs/power-prices.md, "Terms of each
 * source"). Credentials come from the environment, never from the command line (a shell history
 * keeps arguments).
 */
import { parseArgs } from 'node:util';
import { EntsoeSource } from '../../shared/adapters/power/entsoeSource';
import { ErcotApiSource } from '../../shared/adapters/power/ercotApiSource';
import { ErcotArchiveSource } from '../../shared/adapters/power/ercotArchiveSource';
import { FeedSource } from '../../shared/adapters/power/feedSource';
import type { PowerHttp } from '../../shared/adapters/power/powerRequest';
import { parseIngestConfig } from '../../shared/config/ingestConfig';
import { limitsForMarket } from '../../shared/domain/power/marketLimits';
import { PowerPriceError } from '../../shared/domain/power/powerPriceError';
import type { PowerPriceSourcePort } from '../../shared/power/ports';
import { runWhenEntryPoint } from '../runCli';
import { ssmClient } from '../../shared/adapters/aws/ssmClient';
import { ParameterStoreSecrets } from '../../shared/adapters/ssm/parameterStoreSecrets';
import { ComputeConfigError, computeConfigFromEnv } from '../../shared/config/computeConfig';
import { IngestCommandError, runIngestCommand } from './ingestCommand';
import { loadPowerEvents } from '../../shared/data/powerEvents';
import {
  DEFAULT_BACKTEST_FLEET,
  DEFAULT_BACKTEST_POLICY,
  decisionTimingOf,
  formatCurtailmentBacktest,
  reconstructedEventReport,
  runCurtailmentBacktest,
  siteClasses,
  type FleetEntry,
} from './curtailmentBacktest';
import { mergeIntoPowerCache, powerCachePath, readPowerCacheFile, type PowerCacheKey } from './powerCache';

export const HELP = `usage: npm run power -- fetch --market ercot|entsoe|feed --from YYYY-MM-DD --to YYYY-MM-DD [options]
       npm run power -- backtest --event <id> | --cache <file> [--machine "<model>=<count>" ...] [options]
       npm run power -- ingest [--site <name>]

Fetches interval prices for one location into the local cache (.local/power/ by default), checked
like every stored price (unit, the market's cap and floor, conflicts, overlaps) and merged with
what the cache already holds. The days are UTC; --to is exclusive.

Markets and their options:
  --market ercot   --point LZ_WEST [--kind rt|dam]   ERCOT public API (rt: NP6-905-CD, 15 min, the default;
                   dam: NP4-190-CD, hourly). Needs HASHWATCH_ERCOT_USERNAME, HASHWATCH_ERCOT_PASSWORD and
                   HASHWATCH_ERCOT_SUBSCRIPTION_KEY (your ERCOT API Explorer login and product key).
                   --archive reads ERCOT's report archive instead: no key, recent days only.
  --market entsoe  --zone <EIC> --eur-per-usd <rate> ENTSO-E day-ahead (A44) for a bidding zone, e.g.
                   10Y1001A1001A82H (DE-LU). Needs HASHWATCH_ENTSOE_TOKEN (your Transparency Platform token).
                   --sequence <n> reads that classification sequence (default 1).
  --market feed    --url <url> --location <name>     your own JSON or CSV feed (docs/power-prices.md);
                   HASHWATCH_FEED_TOKEN, if set, is sent as a bearer token.

Other options:
  --site <name>        the site named in errors (default: the location)
  --cache-dir <dir>    where the cache lives (default .local/power)
  -h, --help           this help

Stand-ins (a self-hosted mirror, a test server): HASHWATCH_ERCOT_API_URL, HASHWATCH_ERCOT_TOKEN_URL,
HASHWATCH_ERCOT_ARCHIVE_URL, HASHWATCH_ENTSOE_API_URL replace the public endpoints.

backtest: a price series through the live run-or-curtail decision with the bundled history's
hashprice, and the savings per day against running always, beside a fixed strike set on the first
day (what a typed-in strike does).
  --event <id>             a reconstructed event: ${loadPowerEvents()
    .events.map((e) => e.id)
    .join(', ')} (shared/data/powerEvents.json, with sources)
  --cache <file>           a cache written by fetch
  --machine "<model>=<n>"  the site's machines (repeatable; default 1,000 Antminer S19j Pro and 1,000 Antminer S21)
  --margin <usd/MWh>       dead band around the strike (default 10)
  --min-run-minutes <n>    minimum run after a resume (default 60); --min-rest-minutes <n> after a curtail (default 60)
  A real-time price is known after its interval: a decision on it applies from the next interval
  (day-ahead and tariff prices: the same interval).

ingest: one round of the sites' power prices into the table named by TABLE_NAME, for the sites of
HASHWATCH_COMPUTE_CONFIG priced by ERCOT, ENTSO-E or a feed (--site: only that one): the prices since
each site's latest stored interval, checked and stored once, and whether the site has a price fresh
enough to decide on (its curtailment maxPriceAgeMinutes, 45 by default). Secrets are read from
Parameter Store by the names in the site config, with your shell's AWS credentials;
AWS_ENDPOINT_URL_DYNAMODB points at another DynamoDB (npm start prints its DynamoDB Local's). The
deployed stack runs the same round every 5 minutes (the power function). Exit 0 when
every site stored and has a fresh price, 1 when one failed or is stale (its line says why), 2 on a
usage error.

Example:
  HASHWATCH_ERCOT_USERNAME=... HASHWATCH_ERCOT_PASSWORD=... HASHWATCH_ERCOT_SUBSCRIPTION_KEY=... \\
    npm run power -- fetch --market ercot --point LZ_WEST --from 2026-12-01 --to 2026-12-03
  npm run power -- backtest --event uri-2021`;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '')
    throw new UsageError(`${name} is not set (see npm run power -- --help)`);
  return value;
}

class UsageError extends Error {}

function http(): PowerHttp {
  const options = parseIngestConfig(undefined).http;
  return { options: { ...options, userAgent: 'hashwatch-power/0.2 (+self-hosted)' } };
}

interface Plan {
  source: PowerPriceSourcePort;
  key: PowerCacheKey;
}

function plan(values: Record<string, string | string[] | boolean | undefined>): Plan {
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const need = (name: string): string => {
    const value = text(name);
    if (value === undefined || value === '')
      throw new UsageError(`--${name} is required for --market ${text('market')}`);
    return value;
  };
  switch (text('market')) {
    case 'ercot': {
      const kind = text('kind') ?? 'rt';
      if (kind !== 'rt' && kind !== 'dam') throw new UsageError(`--kind must be rt or dam, not ${kind}`);
      const point = need('point');
      if (values.archive === true)
        return {
          source: new ErcotArchiveSource({
            site: text('site') ?? point,
            kind,
            settlementPoint: point,
            http: http(),
            ...(process.env.HASHWATCH_ERCOT_ARCHIVE_URL ? { baseUrl: process.env.HASHWATCH_ERCOT_ARCHIVE_URL } : {}),
          }),
          key: { market: 'ERCOT', location: point, series: kind },
        };
      return {
        source: new ErcotApiSource({
          site: text('site') ?? point,
          kind,
          settlementPoint: point,
          credentials: async () => ({
            username: requiredEnv('HASHWATCH_ERCOT_USERNAME'),
            password: requiredEnv('HASHWATCH_ERCOT_PASSWORD'),
            subscriptionKey: requiredEnv('HASHWATCH_ERCOT_SUBSCRIPTION_KEY'),
          }),
          http: http(),
          ...(process.env.HASHWATCH_ERCOT_API_URL ? { baseUrl: process.env.HASHWATCH_ERCOT_API_URL } : {}),
          ...(process.env.HASHWATCH_ERCOT_TOKEN_URL ? { tokenUrl: process.env.HASHWATCH_ERCOT_TOKEN_URL } : {}),
        }),
        key: { market: 'ERCOT', location: point, series: kind },
      };
    }
    case 'entsoe': {
      const zone = need('zone');
      const perUsd = Number(need('eur-per-usd'));
      if (!(perUsd > 0)) throw new UsageError('--eur-per-usd must be a positive number (EUR per USD)');
      const sequence = text('sequence') === undefined ? undefined : Number(text('sequence'));
      if (sequence !== undefined && !(Number.isInteger(sequence) && sequence >= 1))
        throw new UsageError('--sequence must be a whole number from 1');
      return {
        source: new EntsoeSource({
          site: text('site') ?? zone,
          zone,
          ...(sequence === undefined ? {} : { sequence }),
          securityToken: async () => requiredEnv('HASHWATCH_ENTSOE_TOKEN'),
          eurRate: async () => ({ currency: 'EUR', perUsd }),
          http: http(),
          ...(process.env.HASHWATCH_ENTSOE_API_URL ? { baseUrl: process.env.HASHWATCH_ENTSOE_API_URL } : {}),
        }),
        key: { market: 'ENTSO-E', location: zone, series: `dam-seq${sequence ?? 1}` },
      };
    }
    case 'feed': {
      const location = need('location');
      const token = process.env.HASHWATCH_FEED_TOKEN;
      return {
        source: new FeedSource({
          site: text('site') ?? location,
          url: need('url'),
          location,
          ...(token ? { bearerToken: async () => token } : {}),
          http: http(),
        }),
        key: { market: 'feed', location, series: 'feed' },
      };
    }
    default:
      throw new UsageError(`--market must be ercot, entsoe or feed, not ${String(text('market'))}`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        market: { type: 'string' },
        kind: { type: 'string' },
        point: { type: 'string' },
        zone: { type: 'string' },
        'eur-per-usd': { type: 'string' },
        sequence: { type: 'string' },
        url: { type: 'string' },
        location: { type: 'string' },
        site: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'cache-dir': { type: 'string', default: '.local/power' },
        archive: { type: 'boolean', default: false },
        event: { type: 'string' },
        cache: { type: 'string' },
        machine: { type: 'string', multiple: true },
        margin: { type: 'string' },
        'min-run-minutes': { type: 'string' },
        'min-rest-minutes': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`error: ${(error as Error).message}\nsee npm run power -- --help`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  try {
    if (positionals.length !== 1 || !['fetch', 'backtest', 'ingest'].includes(positionals[0]!))
      throw new UsageError(`the command is fetch, backtest or ingest (got ${positionals.join(' ') || 'none'})`);
    if (positionals[0] === 'backtest') return await backtest(values);
    if (positionals[0] === 'ingest') return await ingest(values.site);
    for (const name of ['from', 'to'] as const)
      if (!DAY_PATTERN.test(values[name] ?? '')) throw new UsageError(`--${name} must be a day YYYY-MM-DD`);
    const fromMs = Date.parse(`${values.from}T00:00:00Z`);
    const toMs = Date.parse(`${values.to}T00:00:00Z`);
    if (!(fromMs < toMs)) throw new UsageError('--from must be before --to');
    const { source, key } = plan(values);
    const limitsAt = limitsForMarket(source.market);
    const fetched = await source.prices({
      fromIso: new Date(fromMs).toISOString(),
      toIso: new Date(toMs).toISOString(),
    });
    const path = powerCachePath(values['cache-dir'], key);
    const merged = await mergeIntoPowerCache(path, key, fetched, { site: source.site, nowMs: Date.now(), limitsAt });
    const inWindow = fetched.map((p) => p.usdPerMwh);
    const mean = inWindow.reduce((a, b) => a + b, 0) / Math.max(1, inWindow.length);
    console.log(
      `${key.market} ${key.location} ${key.series}: ${fetched.length} intervals fetched` +
        (inWindow.length > 0
          ? ` (min ${Math.min(...inWindow).toFixed(2)}, mean ${mean.toFixed(2)}, max ${Math.max(...inWindow).toFixed(2)} USD/MWh)`
          : ''),
    );
    console.log(`${path}: ${merged.prices.length} intervals (${merged.added} new), ${merged.gaps} gap(s)`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof IngestCommandError || error instanceof ComputeConfigError) {
      console.error(`error: ${error.message}\nsee npm run power -- --help`);
      return 2;
    }
    if (error instanceof PowerPriceError) {
      console.error(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function ingest(site: string | undefined): Promise<number> {
  const secrets = new ParameterStoreSecrets(ssmClient());
  const outcome = await runIngestCommand({
    config: computeConfigFromEnv(),
    env: process.env,
    site,
    http: http(),
    readSecret: (name) => secrets.read(name),
    nowMs: Date.now,
  });
  for (const line of outcome.lines) console.log(line);
  return outcome.exitCode;
}

function nonNegative(values: Record<string, unknown>, name: string, fallback: number): number {
  const text = values[name] as string | undefined;
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(Number.isFinite(value) && value >= 0)) throw new UsageError(`--${name} must be a number >= 0, not ${text}`);
  return value;
}

async function backtest(values: Record<string, unknown>): Promise<number> {
  const eventId = values.event as string | undefined;
  const cachePath = values.cache as string | undefined;
  if ((eventId === undefined) === (cachePath === undefined))
    throw new UsageError('backtest takes one of --event <id> or --cache <file>');
  const machines = (values.machine as string[] | undefined) ?? [];
  const fleet: FleetEntry[] =
    machines.length === 0
      ? [...DEFAULT_BACKTEST_FLEET]
      : machines.map((text) => {
          const match = /^(.+)=(\d+)$/.exec(text);
          if (!match || Number(match[2]) < 1)
            throw new UsageError(`--machine must be "<model>=<count>", not "${text}"`);
          return { model: match[1]!.trim(), count: Number(match[2]) };
        });
  let classes;
  try {
    classes = siteClasses(fleet);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const policy = {
    marginUsdPerMwh: nonNegative(values, 'margin', DEFAULT_BACKTEST_POLICY.marginUsdPerMwh),
    minRunMs: nonNegative(values, 'min-run-minutes', DEFAULT_BACKTEST_POLICY.minRunMs / 60_000) * 60_000,
    minCurtailMs: nonNegative(values, 'min-rest-minutes', DEFAULT_BACKTEST_POLICY.minCurtailMs / 60_000) * 60_000,
  };
  if (eventId !== undefined) {
    const event = loadPowerEvents().events.find((e) => e.id === eventId);
    if (!event)
      throw new UsageError(
        `no reconstructed event "${eventId}" (there are: ${loadPowerEvents()
          .events.map((e) => e.id)
          .join(', ')})`,
      );
    console.log(reconstructedEventReport(event, classes, policy));
    return 0;
  }
  const file = await readPowerCacheFile(cachePath!);
  if (!file) throw new UsageError(`${cachePath} does not exist (npm run power -- fetch writes one)`);
  console.log(`${file.market} ${file.location}: ${file.prices.length} intervals from ${cachePath}`);
  const run = runCurtailmentBacktest({
    site: file.location,
    prices: file.prices,
    classes,
    policy,
    timing: decisionTimingOf(file.prices),
  });
  console.log(formatCurtailmentBacktest(run, classes));
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

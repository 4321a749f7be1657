/**
 * Where the calculator CLI finds today's market when the request leaves figures out, in order:
 *   1. TABLE_NAME set: the latest snapshot stored in that table, as the Lambda reads it (DynamoDB
 *      at AWS_ENDPOINT_URL_DYNAMODB, the SDK's own variable, e.g. `npm start`'s DynamoDB Local);
 *   2. the live figures, fetched the way the ingest fetches them: the same source clients and the
 *      same ingest cycle (fallbacks, price cross-check, snapshot checks), against the base URLs
 *      of HASHWATCH_INGEST_CONFIG, one attempt per request with a short timeout, nothing stored;
 *   3. offline (or with --offline): the latest day of the bundled history (shared/data/history) and
 *      what `npm run history -- update` cached after it (local/history/localHistory.ts; the bundled
 *      history alone with HASHWATCH_HISTORY_CACHE=off).
 * The reader remembers which it used, so the CLI can say so with the date.
 */
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import type { BackfillProgress, NetworkRepository, PutOutcome } from '../../shared/ingest/ports';
import { createIngestSources } from '../../shared/adapters/sources/ingestSources';
import type { LatestSnapshotReader } from '../../shared/calculator/ports';
import type { KnownHeight, MarketSnapshot } from '../../shared/calculator/market';
import { parseIngestConfig } from '../../shared/config/ingestConfig';
import { BASE_CURRENCY, CURRENCIES, fromUsd, fxRateOnDay, type DailyFxRates } from '../../shared/domain/currency';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import type { NetworkSnapshot } from '../../shared/domain/networkSnapshot';
import { MS_PER_DAY } from '../../shared/domain/units';
import { runIngestCycle } from '../../shared/ingest/runIngestCycle';
import { silentTelemetry } from '../../shared/ingest/telemetry';
import { buildReplayDays } from '../backtest/replayDays';
import { bundledHistory, localBacktestHistory } from '../backtest/runBacktest';
import { historyCacheSetting, type HistoryCacheSetting } from '../history/historyCache';
import { localFxRates } from '../history/localHistory';
import { dynamoEndpoint, tableClient } from '../devtools/tableClient';
import { probeUpstream } from '../run/connectivity';

/** Per request of the live fetch: a laptop offline (or behind a firewall) waits at most this long. */
export const LIVE_TIMEOUT_MS = 3_000;

export type MarketOrigin =
  | { kind: 'table'; tableName: string; endpoint: string | undefined; observedAt: string | undefined }
  | { kind: 'live'; observedAt: string; sources: Record<string, string> }
  | {
      kind: 'bundled';
      date: string;
      feesCarriedFrom: string | undefined;
      liveFailure: string | undefined;
      /** The history cache the day came from, when it is past the bundled history's end. */
      cachedIn?: string | undefined;
    };

/** An ingest repository that keeps nothing: the live fetch runs the ingest cycle without storing. */
class DiscardingRepository implements NetworkRepository {
  snapshot: NetworkSnapshot | undefined;
  putSnapshot(snapshot: NetworkSnapshot): Promise<PutOutcome> {
    this.snapshot = snapshot;
    return Promise.resolve('stored');
  }
  latestSnapshot(): Promise<NetworkSnapshot | undefined> {
    return Promise.resolve(undefined);
  }
  getSnapshot(): Promise<NetworkSnapshot | undefined> {
    return Promise.resolve(undefined);
  }
  putDaily(): Promise<PutOutcome> {
    return Promise.resolve('stored');
  }
  latestDaily(): Promise<DailyNetwork | undefined> {
    return Promise.resolve(undefined);
  }
  listDaily(): Promise<DailyNetwork[]> {
    return Promise.resolve([]);
  }
  putEpoch(): Promise<PutOutcome> {
    return Promise.resolve('stored');
  }
  latestEpoch(): Promise<DifficultyEpoch | undefined> {
    return Promise.resolve(undefined);
  }
  listEpochs(): Promise<DifficultyEpoch[]> {
    return Promise.resolve([]);
  }
  getBackfillProgress(): Promise<BackfillProgress | undefined> {
    return Promise.resolve(undefined);
  }
  putBackfillProgress(): Promise<void> {
    return Promise.resolve();
  }
}

/** Today's network snapshot from the public APIs, as one ingest cycle builds it; throws why not. */
export async function fetchLiveSnapshot(env: NodeJS.ProcessEnv, now: Date): Promise<NetworkSnapshot> {
  const configured = parseIngestConfig(env.HASHWATCH_INGEST_CONFIG);
  const config = {
    ...configured,
    http: {
      ...configured.http,
      timeoutMs: Math.min(configured.http.timeoutMs, LIVE_TIMEOUT_MS),
      maxAttempts: 1,
      maxRetryAfterMs: 0,
    },
  };
  // One probe first: offline, it fails fast with a reason in words (ENOTFOUND...), where the cycle
  // would only say which fields no source delivered.
  const reach = await probeUpstream(config.sources.mempoolBaseUrl, LIVE_TIMEOUT_MS);
  if (!reach.ok) throw new Error(`${config.sources.mempoolBaseUrl}: ${reach.reason}`);
  const repository = new DiscardingRepository();
  const result = await runIngestCycle({
    sources: createIngestSources(config, { now: () => now }),
    repository,
    config,
    telemetry: silentTelemetry,
    now,
  });
  if (result.status !== 'stored' || !repository.snapshot) {
    throw new Error(result.reasons.join('; ') || 'no snapshot');
  }
  return repository.snapshot;
}

/** The BTC price of `date` in every currency with a rate that day. */
export function fiatPricesOnDay(btcPriceUsd: number, date: string, rates: DailyFxRates): Record<string, number> {
  return Object.fromEntries(
    CURRENCIES.flatMap((currency) => {
      const fx = currency === BASE_CURRENCY ? undefined : fxRateOnDay(rates, date, currency);
      return fx?.ok ? [[currency, fromUsd(btcPriceUsd, fx.rate)]] : [];
    }),
  );
}

interface BundledMarket {
  snapshot: MarketSnapshot;
  feesCarriedFrom: string | undefined;
  known: KnownHeight;
  /** The history cache the day came from, when it is past the bundled history's end. */
  cachedIn: string | undefined;
}

const bundledMarkets = new Map<HistoryCacheSetting, BundledMarket>();

/**
 * The latest day of the bundled (and cached) history with every figure the calculator needs (fees
 * and difficulty carried forward as the backtest does).
 */
export function latestBundledMarket(cache: HistoryCacheSetting = historyCacheSetting()): BundledMarket {
  const known = bundledMarkets.get(cache);
  if (known) return known;
  const history = localBacktestHistory(cache);
  const days = buildReplayDays(history.daily, history.epochs);
  const day = days.findLast(
    (d) =>
      d.btcPriceUsd !== undefined &&
      d.difficulty !== undefined &&
      d.feesBtcPerBlock !== undefined &&
      d.endHeight !== undefined,
  );
  if (!day) throw new Error('the bundled history has no day with price, difficulty, fees and height');
  const lastFeeDay = day.feesCarried ? days.findLast((d) => d.date <= day.date && !d.feesCarried)?.date : undefined;
  // The figures of the day, observed at its close: the last block of the day is the tip then.
  const closedAt = new Date(Date.parse(`${day.date}T00:00:00Z`) + MS_PER_DAY).toISOString();
  const cachedIn = cache !== false && day.date > bundledHistory().daily.at(-1)!.date ? cache : undefined;
  const market: BundledMarket = {
    snapshot: {
      intervalStart: `${day.date}T00:00:00.000Z`,
      observedAt: closedAt,
      tipHeight: day.endHeight!,
      difficulty: day.difficulty!,
      btcPriceUsd: day.btcPriceUsd!,
      feesBtcPerBlock: day.feesBtcPerBlock!,
      // The day's own rates (the bundled ECB ones, or those the history update cached with the
      // day): another currency prices the day at its rate, or says it has none, never today's.
      fiatPrices: fiatPricesOnDay(day.btcPriceUsd!, day.date, localFxRates(cache)),
    },
    feesCarriedFrom: lastFeeDay,
    known: {
      height: day.endHeight!,
      at: closedAt,
      source: `${cachedIn ? "the history cache's" : "the bundled history's"} last day, ${day.date}`,
    },
    cachedIn,
  };
  bundledMarkets.set(cache, market);
  return market;
}

export interface CliMarketOptions {
  env: NodeJS.ProcessEnv;
  /** --offline: skip the live fetch. */
  offline: boolean;
  now: () => Date;
  fetchLive?: (env: NodeJS.ProcessEnv, now: Date) => Promise<NetworkSnapshot>;
}

export class CliMarketReader implements LatestSnapshotReader {
  origin: MarketOrigin | undefined;
  private readonly table: LatestSnapshotReader | undefined;

  constructor(private readonly options: CliMarketOptions) {
    const tableName = options.env.TABLE_NAME;
    if (tableName) {
      const endpoint = dynamoEndpoint(options.env);
      this.table = new DynamoLatestSnapshotReader(tableClient(options.env), tableName);
      this.origin = { kind: 'table', tableName, endpoint, observedAt: undefined };
    }
  }

  /** Only the bundled history knows a height offline; with a table or live figures the snapshot has the tip. */
  latestKnownHeight(): KnownHeight | undefined {
    return this.table ? undefined : latestBundledMarket(historyCacheSetting(this.options.env)).known;
  }

  async latestSnapshot(): Promise<MarketSnapshot | undefined> {
    if (this.table) {
      const snapshot = await this.table.latestSnapshot();
      if (this.origin?.kind === 'table') this.origin.observedAt = snapshot?.observedAt;
      return snapshot;
    }
    let liveFailure: string | undefined;
    if (!this.options.offline) {
      try {
        const live = await (this.options.fetchLive ?? fetchLiveSnapshot)(this.options.env, this.options.now());
        this.origin = { kind: 'live', observedAt: live.observedAt, sources: live.sources };
        return live;
      } catch (error) {
        liveFailure = error instanceof Error ? error.message : String(error);
      }
    }
    const market = latestBundledMarket(historyCacheSetting(this.options.env));
    this.origin = {
      kind: 'bundled',
      date: market.snapshot.intervalStart.slice(0, 10),
      feesCarriedFrom: market.feesCarriedFrom,
      liveFailure,
      cachedIn: market.cachedIn,
    };
    return market.snapshot;
  }
}

/** One line saying which market the answer used (none when the request carried every figure). */
export function describeOrigin(origin: MarketOrigin | undefined): string | undefined {
  if (!origin) return undefined;
  switch (origin.kind) {
    case 'table':
      return origin.observedAt
        ? `Market: the latest snapshot in table ${origin.tableName}${origin.endpoint ? ` at ${origin.endpoint}` : ''}, observed ${origin.observedAt}`
        : undefined;
    case 'live': {
      const price = origin.sources.btcPriceUsd ?? 'mempool';
      const confirmed = origin.sources.btcPriceUsdConfirmedBy
        ? `, confirmed by ${origin.sources.btcPriceUsdConfirmedBy}`
        : '';
      return `Market: live, fetched ${origin.observedAt} as the ingest does (network: mempool, price: ${price}${confirmed})`;
    }
    case 'bundled': {
      const why = origin.liveFailure ? `live figures unavailable (${truncate(origin.liveFailure)})` : '--offline';
      const fees = origin.feesCarriedFrom
        ? `; fees per block as of ${origin.feesCarriedFrom}, the last day with fee data`
        : '';
      return origin.cachedIn
        ? `Market: offline, ${why}: the latest day of the history cache, ${origin.date} (${origin.cachedIn}, npm run history -- update${fees})`
        : `Market: offline, ${why}: the latest bundled day, ${origin.date} (shared/data/history${fees})`;
    }
  }
}

function truncate(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

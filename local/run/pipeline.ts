/**
 * Wires the real handlers for a local run, each built by its Lambda's own factory over explicit
 * dependencies: the ingest handler on the local table and the run's ingest config, and the compute
 * handler with the local sink in place of SNS (or SNS itself when HASHWATCH_SNS_TOPIC_ARN is set).
 * Then reads the table back for the status view.
 */
import { staleMiners } from '../miners/minersTable';
import { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '../../functions/api/apiHandler';
import { createCalculatorHandler } from '../../functions/calculator/calculatorHandler';
import {
  DynamoDailyHistoryReader,
  DynamoLatestStateReader,
  DynamoSignalReader,
} from '../../shared/adapters/dynamo/apiReaders';
import { DynamoLatestSnapshotReader } from '../../shared/adapters/dynamo/latestSnapshotReader';
import { createApiRouter } from '../../shared/api/router';
import type { ApiPorts } from '../../shared/api/ports';
import { readSiteCurtailment } from '../../shared/api/siteCurtailment';
import { isRefusal } from '../../shared/api/apiResponse';
import { strikeUsdPerMwh } from '../../shared/domain/power/curtailmentDecision';
import { MS_PER_DAY } from '../../shared/domain/units';
import { DynamoCurtailmentTimelineRepository } from '../../shared/adapters/dynamo/curtailmentTimelineRepository';
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { resolveCurtailmentSites } from '../../shared/compute/curtailmentSites';
import { bundledMachineCatalog } from '../../shared/data/bundledData';
import { catalogModelLookup } from '../../shared/calculator/catalog';
import { pctToFraction } from '../../shared/domain/units';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { snsClient } from '../../shared/adapters/aws/snsClient';
import { createComputeHandler } from '../../functions/compute/computeHandler';
import { createIngestHandler } from '../../functions/ingest/ingestHandler';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { DynamoProfitabilityRepository } from '../../shared/adapters/dynamo/profitabilityRepository';
import { DynamoSignalStateRepository } from '../../shared/adapters/dynamo/signalStateRepository';
import { LOCAL_REGION } from '../devtools/localClient';
import { startReplayServer } from '../devtools/replayServer';
import { replayIngestConfigJson, scenario20260201, SCENARIO_NOW } from '../devtools/recordedScenario';
import { publishCommandInput, publishInputSink, SnsEventSink } from '../../shared/adapters/sns/snsEventSink';
import type { EventSink } from '../../shared/compute/ports';
import { createComputeDependencies } from '../../functions/compute/computeDependencies';
import { ownerSiteRequests } from '../../shared/compute/ownerSites';
import { computeConfigFromEnv } from '../../shared/config/computeConfig';
import { parseIngestConfig, type IngestConfig } from '../../shared/config/ingestConfig';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { lambdaContext } from '../devtools/lambdaContext';
import type { NotificationChannelConfig } from '../../shared/notify/channelConfig';
import { createLocalSink } from '../sink/localSink';
import { LOCAL_TOPIC_ARN } from '../sink/snsHttpEnvelope';
import { bothFunctionUrls, startApiServer, type ApiServer, type FunctionUrlAnswer } from './apiServer';
import type { SigV4Expectation } from './sigv4Check';
import type { LocalPipeline, LocalTable } from './localRun';
import { createLocalNotifier } from './notifications';
import { formatStatus, STATUS_MACHINE_IDS, type ActiveSignal, type StatusCurtailmentSite } from './statusView';
import { bundledIndustryCost } from '../../shared/data/bundledData';
import { pendingSignals } from '../../shared/domain/signals/pendingCommit';

/** The mempool base URL a live run uses (HASHWATCH_INGEST_CONFIG may point at a self-hosted one). */
export function liveUpstreamBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return parseIngestConfig(env.HASHWATCH_INGEST_CONFIG).sources.mempoolBaseUrl;
}

export interface ReplayUpstream {
  baseUrl: string;
  /** The moment the recorded responses were captured; replay cycles start there. */
  recordedAt: Date;
  close(): Promise<void>;
}

/**
 * Every upstream (mempool, Coinbase, Kraken, CoinGecko, blockchain.info) replayed on 127.0.0.1 from
 * the recorded responses of 2026-02-01T00:10Z (shared/data/recorded, sources in its SOURCES.md).
 */
export async function startReplayUpstream(): Promise<ReplayUpstream> {
  const server = await startReplayServer(scenario20260201());
  return { baseUrl: server.baseUrl, recordedAt: SCENARIO_NOW, close: () => server.close() };
}

export interface LocalPipelineOptions {
  table: LocalTable;
  upstreamBaseUrl: string;
  /** Replay mode: the ingest reads the recorded responses, its clock starts at their capture time. */
  replay?: { recordedAt: Date; intervalMinutes: number };
  eventsPath: string;
  webhookUrl?: string;
  snsTopicArn?: string;
  /** Chat and webhook channels (HASHWATCH_NOTIFICATIONS), delivered by the notifier's handler. */
  notifications?: readonly NotificationChannelConfig[];
  verbose?: boolean;
  /** Serve the read API (and the calculator) on 127.0.0.1:apiPort while the run runs. */
  apiPort?: number;
  /** With apiPort: refuse (403) a request not SigV4-signed with these credentials (`--api-sigv4`). */
  apiSigV4?: SigV4Expectation;
  write: (line: string) => void;
}

/** The ingest config of the run: the replay's (recorded responses on 127.0.0.1), or the user's own. */
function ingestConfigOf(options: LocalPipelineOptions): IngestConfig {
  return options.replay
    ? parseIngestConfig(
        JSON.stringify(
          replayIngestConfigJson(options.upstreamBaseUrl, {
            http: { timeoutMs: 2_000, maxAttempts: 2, backoffBaseMs: 50, backoffMaxMs: 200 },
          }),
        ),
      )
    : parseIngestConfig(process.env.HASHWATCH_INGEST_CONFIG);
}

/** The read API's ports on the local table, as handler.ts wires them in Lambda (the status view reads through them too). */
function localApiPorts(table: LocalTable, logger: Logger): ApiPorts {
  return {
    latest: new DynamoLatestStateReader(table.client, table.tableName),
    signals: new DynamoSignalReader(table.client, table.tableName, (item) =>
      logger.error('unreadable item in the table', { ...item }),
    ),
    history: new DynamoDailyHistoryReader(table.client, table.tableName),
    globalFleetPoolFeeFraction: pctToFraction(computeConfigFromEnv().globalFleetPoolFeePct),
    sites: { sites: ownerSiteRequests(computeConfigFromEnv()), lookupModel: catalogModelLookup() },
    curtailment: {
      sites: resolveCurtailmentSites(computeConfigFromEnv(), bundledMachineCatalog),
      timeline: new DynamoCurtailmentTimelineRepository(table.client, table.tableName),
      prices: new DynamoPowerPriceRepository(table.client, table.tableName),
    },
    signalsConfig: computeConfigFromEnv().signals,
  };
}

/**
 * Each market-priced site's curtailment for the status view: the latest stored price, each class's
 * mode and its strike at the snapshot's hashprice, and today's and this month's net, counted by the
 * read API's own use case (GET /v1/sites/{id}/curtailment), so the view and the route agree.
 */
export async function curtailmentStatus(
  ports: ApiPorts,
  nowMs: number,
  hashpriceUsdPerPhDay: number,
): Promise<StatusCurtailmentSite[]> {
  const out: StatusCurtailmentSite[] = [];
  for (const site of ports.curtailment?.sites ?? []) {
    const today = new Date(nowMs).toISOString().slice(0, 10);
    const view = await readSiteCurtailment(
      ports,
      site.site,
      { from: `${today.slice(0, 7)}-01`, to: today, format: 'json', currency: 'USD' },
      nowMs,
    );
    if (isRefusal(view)) throw new Error(`curtailment of ${site.site}: ${view.refusal.body}`);
    const latest = await ports.curtailment!.prices.startingWithin(site.site, {
      fromIso: new Date(nowMs - 2 * MS_PER_DAY).toISOString(),
      toIso: new Date(nowMs + MS_PER_DAY).toISOString(),
    });
    const price = latest.filter((p) => Date.parse(p.startIso) <= nowMs).at(-1);
    out.push({
      site: site.site,
      priceUsdPerMwh: price?.usdPerMwh ?? null,
      priceIntervalStartIso: price?.startIso ?? null,
      classes: view.classes.map((c) => ({
        name: c.name,
        mode: c.mode,
        since: c.since,
        strikeUsdPerMwh: strikeUsdPerMwh(hashpriceUsdPerPhDay, c.efficiencyJPerTh, site.poolFeeFraction),
      })),
      todayNetUsd: view.daily.at(-1)?.netUsd ?? 0,
      monthNetUsd: view.monthly.at(-1)?.netUsd ?? 0,
      monthUncountedClassHours: view.total.uncounted.uncountedCurtailedClassHours,
    });
  }
  return out;
}

/**
 * The read API's and the calculator's own handlers, each built by its factory over the local table
 * exactly as its handler.ts wires it in Lambda, behind one local HTTP server on 127.0.0.1.
 */
async function startLocalApi(
  port: number,
  table: LocalTable,
  logLevel: 'INFO' | 'ERROR',
  write: (line: string) => void,
  sigv4: SigV4Expectation | undefined,
): Promise<ApiServer> {
  const logger = new Logger({ serviceName: SERVICE_NAMES.calculator, logLevel });
  const apiLogger = new Logger({ serviceName: SERVICE_NAMES.api, logLevel });
  const metrics = () => new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator });
  const calculator = createCalculatorHandler({
    deps: {
      lookupModel: catalogModelLookup(),
      snapshots: new DynamoLatestSnapshotReader(table.client, table.tableName),
      now: () => new Date(),
    },
    logger,
    metrics: metrics(),
  });
  const api = createApiHandler({
    api: createApiRouter(localApiPorts(table, apiLogger)),
    logger: apiLogger,
    metrics: metrics(),
  });
  const context = lambdaContext('hashwatch-calculator-local');
  const apiContext = lambdaContext('hashwatch-api-local');
  let server: ApiServer;
  try {
    server = await startApiServer({
      port,
      handler: bothFunctionUrls({
        calculator: async (event) => (await calculator(event, context)) as FunctionUrlAnswer,
        api: (event) => api(event, apiContext),
      }),
      ...(sigv4 === undefined ? {} : { sigv4 }),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `--api-port ${port}: the port is already in use on 127.0.0.1; choose another`
        : `--api-port ${port}: could not listen on 127.0.0.1 (${(error as Error).message})`,
      { cause: error },
    );
  }
  write(
    `Read API on ${server.baseUrl}: GET /v1/latest, /v1/signals, /v1/sites, /v1/sites/{id}/curtailment, /v1/history?from=YYYY-MM-DD&to=YYYY-MM-DD&format=csv (?currency=EUR ...); POST / prices a fleet`,
  );
  if (sigv4 !== undefined)
    write(
      `  SigV4 checked as the deployed Function URL checks it: sign for lambda in ${sigv4.region} with the key ${sigv4.credentials.accessKeyId} (AWS_ACCESS_KEY_ID); anything else gets 403`,
    );
  return server;
}

export async function createLocalPipeline(options: LocalPipelineOptions): Promise<LocalPipeline> {
  const { table, write } = options;
  // Powertools: errors only unless --verbose (the cycle lines and the status view say what
  // matters: fallbacks used, rejections); no EMF metric documents on the console. Metrics has no
  // constructor switch for that, only its own env var.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const logLevel = options.verbose ? 'INFO' : 'ERROR';
  const ingest = createIngestHandler({
    config: ingestConfigOf(options),
    repository: new DynamoNetworkRepository(table.client, table.tableName),
    logger: new Logger({ serviceName: SERVICE_NAMES.ingest, logLevel }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.ingest }),
    bundledEpochs: () => loadDifficultyEpochs(),
    // The local run drives the ingest's clock (replays); the deployed function never allows it.
    allowClockOverride: true,
  });

  let published = 0;
  const localSink = createLocalSink({ jsonlPath: options.eventsPath, webhookUrl: options.webhookUrl, write });
  // SNS when a topic is configured (the deployed sink, unchanged), else the local sink fed the very
  // PublishCommand input SNS would get. Either way the run counts what went out.
  const target: EventSink = options.snsTopicArn
    ? new SnsEventSink(snsClient({ region: process.env.AWS_REGION ?? LOCAL_REGION }), options.snsTopicArn)
    : publishInputSink(LOCAL_TOPIC_ARN, localSink);
  const notifier =
    options.notifications && options.notifications.length > 0
      ? createLocalNotifier({ channels: options.notifications, table, write })
      : undefined;
  if (notifier) write(`Notifications to ${notifier.keys.length} channel(s): ${notifier.keys.join(', ')}`);
  const sink: EventSink = {
    async publish(event) {
      const receipt = await target.publish(event);
      published += 1;
      // What the notifier's SNS subscriptions would receive from this publish.
      await notifier?.deliver(publishCommandInput(options.snsTopicArn ?? LOCAL_TOPIC_ARN, event));
      return receipt;
    },
  };
  const config = computeConfigFromEnv();
  const deps = createComputeDependencies({ dynamo: table.client, tableName: table.tableName, config, sink });
  const computeHandler = createComputeHandler({
    deps,
    logger: new Logger({ serviceName: SERVICE_NAMES.compute, logLevel }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.compute }),
  });
  const computeContext = lambdaContext('hashwatch-compute-local', 'local-compute');
  const network = new DynamoNetworkRepository(table.client, table.tableName);
  const profitability = new DynamoProfitabilityRepository(
    table.client,
    table.tableName,
    config.profitabilityRetentionDays,
  );
  const states = new DynamoSignalStateRepository(table.client, table.tableName);
  const statusPorts = localApiPorts(table, new Logger({ serviceName: SERVICE_NAMES.calculator, logLevel }));
  let ingestCycles = 0;
  const api =
    options.apiPort === undefined
      ? undefined
      : await startLocalApi(options.apiPort, table, logLevel, write, options.apiSigV4);

  return {
    close: async () => {
      await api?.close();
    },
    async runIngest(now) {
      ingestCycles += 1;
      // Replay: the recorded responses are a moment in time; each cycle steps the ingest's clock by
      // one interval from there (the data stays fresh for the ingest's checks for an hour).
      const at = options.replay
        ? new Date(
            options.replay.recordedAt.getTime() + ((ingestCycles - 1) % 6) * options.replay.intervalMinutes * 60_000,
          )
        : now;
      const summary = await ingest(
        { now: at.toISOString() },
        lambdaContext('hashwatch-ingest-local', `local-${Date.now().toString(36)}`),
      );
      if (summary.backfill) {
        write(
          `Backfill: ${summary.backfill.status}, ${summary.backfill.epochsStored} difficulty epochs and ${summary.backfill.daysStored} days of history stored`,
        );
      }
      const c = summary.cycle;
      if (c.status === 'rejected') write(`Ingest ${c.intervalStart}: rejected (${c.reasons.join('; ')})`);
      else if (c.status === 'duplicate') {
        write(
          options.replay
            ? `Ingest ${c.intervalStart}: already stored (the recorded hour has been played; replay cycles repeat it, nothing new to compute)`
            : `Ingest ${c.intervalStart}: already stored for this interval (nothing new to compute)`,
        );
      } else
        write(
          `Ingest ${c.intervalStart}: stored${c.fallbacksUsed.length > 0 ? ` (fallbacks: ${c.fallbacksUsed.join(', ')})` : ''}`,
        );
    },
    computeHandler: (event) => computeHandler(event, computeContext),
    eventsPublished: () => published,
    async status(cycle, now, eventsThisCycle) {
      const record = await profitability.latest();
      if (!record) {
        const snapshot = await network.latestSnapshot();
        return [
          snapshot
            ? `Snapshot ${snapshot.intervalStart} stored; waiting for its profitability`
            : 'No snapshot stored yet (the ingest has not succeeded)',
        ];
      }
      const snapshot = await network.getSnapshot(record.intervalStart);
      const active: ActiveSignal[] = [];
      const stored = [...(await states.list()).values()].map((v) => v.state);
      const signalsConfig = computeConfigFromEnv().signals;
      const pending = pendingSignals(stored, (signal) => signalsConfig[signal]);
      for (const state of stored) {
        if (state.status === 'active' && state.severity) {
          active.push({
            signal: state.signal,
            subject: state.subject,
            severity: state.severity,
            since: state.activeSince ?? undefined,
          });
        }
      }
      const machines = STATUS_MACHINE_IDS.map((id) => record.machines.find((m) => m.id === id)).filter(
        (m) => m !== undefined,
      );
      return formatStatus({
        cycle,
        now,
        snapshotAt: record.intervalStart,
        staleMiners: staleMiners(record.intervalStart.slice(0, 10)),
        btcPriceUsd: record.market.btcPriceUsd,
        difficulty: record.market.difficulty,
        hashrateHps: record.market.hashrateHps,
        hashpriceUsdPerPhDay: record.hashprice.expectedUsdPerPhDay,
        hashpriceBtcPerPhDay: record.hashprice.expectedBtcPerPhDay,
        estimatedChangePct: snapshot?.epochProgress.estimatedChangePct,
        epochProgressPct: snapshot?.epochProgress.progressPct,
        machines: machines.map((m) => ({
          name: m.model,
          efficiencyJPerTh: m.efficiencyJPerTh,
          breakEvenUsdPerKwh: m.breakEvenPowerPriceUsdPerKwh,
        })),
        fleetShareNegative: record.fleetShare.shareNegativePct / 100,
        fleetShareNegativeBand:
          record.fleetShare.shareNegativeLowPct !== undefined && record.fleetShare.shareNegativeHighPct !== undefined
            ? {
                lowFraction: record.fleetShare.shareNegativeLowPct / 100,
                highFraction: record.fleetShare.shareNegativeHighPct / 100,
              }
            : undefined,
        fleets: record.ownerFleets.map((f) => ({
          name: f.name,
          hashrateThs: f.hashrateThs,
          profitUsdPerDay: f.profitUsdPerDay,
          marginPct: f.marginPct,
          powerPriceUsdPerKwh: f.powerPriceUsdPerKwh,
          breakEvenPowerPriceUsdPerKwh: f.breakEvenPowerPriceUsdPerKwh,
        })),
        activeSignals: active,
        pendingSignals: pending,
        eventsThisCycle,
        ownerCashCosts: record.ownerFleets.map((f) => ({ name: f.name, cashUsdPerBtc: f.cashUsdPerBtc })),
        industryCashCost: bundledIndustryCost.cashCostUsdPerBtc,
        curtailment: await curtailmentStatus(statusPorts, now.getTime(), record.hashprice.expectedUsdPerPhDay),
      });
    },
  };
}

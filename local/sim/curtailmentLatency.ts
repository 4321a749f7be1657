/**
 * The sites' run-or-curtail decision in simulated time (issue #24): a real-time power price path
 * (a reconstructed event of shared/data/powerEvents.json) posted upstream a seeded few minutes after
 * each interval ends, the power ingest round every 5 minutes (ingestSitePowerPrices, the deployed
 * use case, into DynamoDB Local), a network snapshot every 10 minutes from the day's bundled history
 * (the ingest's own repository), the table's stream read into the exact DynamoDBStreamEvent and the
 * real compute handler run on it, some stream batches delivered twice (a Lambda retry). What it
 * measures: for every site-curtail and site-resume event, how long after the price that caused it
 * was posted the event was published, in price intervals; and whether any event was published twice.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { randomUUID } from 'node:crypto';
import { createComputeDependencies } from '../../functions/compute/computeDependencies';
import { createComputeHandler } from '../../functions/compute/computeHandler';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { parseComputeConfig } from '../../shared/config/computeConfig';
import type { EventSink } from '../../shared/compute/ports';
import { epochsStartedBy } from '../../shared/domain/difficultyEpoch';
import { loadPowerEvents, powerEventPrices } from '../../shared/data/powerEvents';
import { pricesStartingWithin, MS_PER_MINUTE, type IntervalPrice } from '../../shared/domain/power/intervalPrice';
import type { SignalEvent } from '../../shared/domain/signals/eventDocument';
import { seededRandom } from '../../shared/domain/projection/seededRandom';
import { ingestSitePowerPrices } from '../../shared/power/ingestSitePowerPrices';
import type { PowerPriceSourcePort } from '../../shared/power/ports';
import { buildReplayDays } from '../backtest/replayDays';
import { dailySnapshot, epochIndex } from '../backtest/historyTicks';
import { localHistory } from '../history/localHistory';
import { createHashwatchTable } from '../devtools/createTable';
import { lambdaContext } from '../devtools/lambdaContext';
import { localDynamoClient } from '../devtools/localClient';
import { DynamoStreamPoller, localStreamsClient } from '../devtools/streamPoller';
import type { AttachRole } from './functionRoles';
import { SIM_TOPIC_ARN } from './simulatedAlerting';

/** The compute's metrics would print one EMF line per invocation: the simulation reads its figures otherwise. */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export const SIM_SITE = 'Sim West';
const INGEST_EVERY_MS = 5 * MS_PER_MINUTE;
const SNAPSHOT_EVERY_MS = 10 * MS_PER_MINUTE;
/** Days of history before the window the compute reads (its 90-day means and ribbons). */
const SEEDED_DAYS = 100;

export interface CurtailmentLatencyOptions {
  dynamoEndpoint: string;
  /** A reconstructed event of shared/data/powerEvents.json (real-time, 15-minute intervals). */
  powerEventId: string;
  seed: number;
  /** Upstream posts an interval this many minutes after it ends at most (seeded, uniform). */
  postDelayMaxMinutes?: number;
  /** Every this many stream batches, the batch is delivered a second time (a Lambda retry). */
  redeliverEvery?: number;
  attachRole?: AttachRole | undefined;
}

export interface TimedDecision {
  event: SignalEvent;
  publishedAtMs: number;
  /** When the interval the decision was taken on was posted upstream. */
  causePostedAtMs: number;
  latencyIntervals: number;
}

export interface CurtailmentLatencyRun {
  decisions: TimedDecision[];
  /** Every publish of a site event, in order (a duplicate shows as the same id twice). */
  published: SignalEvent[];
  maxLatencyIntervals: number;
  duplicatePublishes: number;
  ticks: number;
}

export async function simulateCurtailmentLatency(options: CurtailmentLatencyOptions): Promise<CurtailmentLatencyRun> {
  const event = loadPowerEvents().events.find((e) => e.id === options.powerEventId);
  if (!event) throw new Error(`no power event ${options.powerEventId} in shared/data/powerEvents.json`);
  const prices = powerEventPrices(event);
  const random = seededRandom(options.seed);
  const postDelayMaxMs = (options.postDelayMaxMinutes ?? 4) * MS_PER_MINUTE;
  // When upstream posts each interval: after it ends (real-time prices are settled afterwards).
  const postedAtMs = new Map(
    prices.map((p) => [p.startIso, Date.parse(p.endIso) + Math.floor(random() * postDelayMaxMs)]),
  );
  const startMs = Date.parse(prices[0]!.startIso);
  const endMs = Date.parse(prices.at(-1)!.endIso) + 60 * MS_PER_MINUTE;

  const admin = localDynamoClient(options.dynamoEndpoint);
  const computeClient = localDynamoClient(options.dynamoEndpoint);
  const powerClient = localDynamoClient(options.dynamoEndpoint);
  const tableName = `hashwatch-curtail-${randomUUID().slice(0, 8)}`;
  options.attachRole?.(computeClient, 'compute', { tableName, topicArn: SIM_TOPIC_ARN });
  const { streamArn } = await createHashwatchTable(admin, tableName);
  let nowMs = startMs;
  try {
    // The history the compute reads (bundled + cached, as every local tool reads it), written by
    // the ingest's own repository.
    const { daily: history, epochs } = localHistory();
    const network = new DynamoNetworkRepository(admin, tableName);
    const firstDay = new Date(startMs - SEEDED_DAYS * 86_400_000).toISOString().slice(0, 10);
    const lastDay = new Date(endMs).toISOString().slice(0, 10);
    for (const day of history.filter((d) => d.date >= firstDay && d.date < lastDay)) await network.putDaily(day);
    for (const epoch of epochs.slice(0, epochsStartedBy(epochs, endMs)).slice(-64)) await network.putEpoch(epoch);
    const replayDays = new Map(buildReplayDays(history, epochs).map((d) => [d.date, d]));
    const byEpoch = epochIndex(epochs);

    const published: SignalEvent[] = [];
    const publishedAt = new Map<string, number>();
    const sink: EventSink = {
      publish: async ({ document }) => {
        if (document.signal.startsWith('site-')) {
          published.push(document);
          if (!publishedAt.has(document.id)) publishedAt.set(document.id, nowMs);
        }
        return { messageId: `sim-${published.length}` };
      },
    };
    const config = parseComputeConfig({
      fleets: [
        {
          name: 'Sim fleet',
          machines: [
            { model: 'Antminer S19j Pro', count: 1000 },
            { model: 'Antminer S21', count: 1000 },
          ],
          powerPriceUsdPerKwh: 0.05,
        },
      ],
      sites: [
        {
          name: SIM_SITE,
          powerCapacityMw: 10,
          powerPrice: { type: 'ercot', settlementPoint: 'HB_NORTH', expectedUsdPerMwh: 45 },
          fleets: ['Sim fleet'],
          curtailment: {},
        },
      ],
    });
    const deps = createComputeDependencies({
      dynamo: computeClient,
      tableName,
      config,
      sink,
      nowMs: () => nowMs,
    });
    const handler = createComputeHandler({
      deps,
      logger: new Logger({ serviceName: 'compute', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Hashwatch', serviceName: 'compute' }),
    });
    const poller = new DynamoStreamPoller({ client: localStreamsClient(options.dynamoEndpoint), streamArn });
    const upstream: PowerPriceSourcePort = {
      market: 'ERCOT',
      site: SIM_SITE,
      prices: async (window) =>
        pricesStartingWithin(prices, window.fromIso, window.toIso).filter((p) => postedAtMs.get(p.startIso)! <= nowMs),
    };
    const store = new DynamoPowerPriceRepository(powerClient, tableName, () => nowMs);
    const maxPriceAgeMinutes = config.sites[0]!.curtailment!.maxPriceAgeMinutes;

    let ticks = 0;
    let batches = 0;
    for (let tick = startMs; tick <= endMs; tick += INGEST_EVERY_MS) {
      ticks += 1;
      nowMs = tick;
      if ((tick - startMs) % SNAPSHOT_EVERY_MS === 0) {
        const day = replayDays.get(new Date(tick - 86_400_000).toISOString().slice(0, 10));
        const daySnapshot = day ? dailySnapshot(day, byEpoch) : undefined;
        if (daySnapshot)
          await network.putSnapshot(
            {
              ...daySnapshot,
              intervalStart: new Date(tick).toISOString(),
              observedAt: new Date(tick + 42_000).toISOString(),
            },
            Math.floor(tick / 1000) + 3650 * 86_400,
          );
      }
      nowMs = tick + 60_000;
      await ingestSitePowerPrices([{ source: upstream, maxPriceAgeMinutes }], { store, nowMs: () => nowMs });
      for (const streamEvent of await poller.nextEvents()) {
        batches += 1;
        await handler(streamEvent, lambdaContext());
        if (options.redeliverEvery && batches % options.redeliverEvery === 0)
          await handler(streamEvent, lambdaContext('retry'));
      }
    }

    const decisions = published
      .filter((e) => e.signal === 'site-curtail' || e.signal === 'site-resume')
      .filter((e, i, all) => all.findIndex((o) => o.id === e.id) === i)
      .map((e) => {
        const causeStart = String(e.evidence.values.priceIntervalStartIso);
        const cause = prices.find((p) => Date.parse(p.startIso) === Date.parse(causeStart)) as IntervalPrice;
        const causePostedAtMs = postedAtMs.get(cause.startIso)!;
        return {
          event: e,
          publishedAtMs: publishedAt.get(e.id)!,
          causePostedAtMs,
          latencyIntervals: (publishedAt.get(e.id)! - causePostedAtMs) / (cause.intervalMinutes * MS_PER_MINUTE),
        };
      });
    return {
      decisions,
      published,
      maxLatencyIntervals: Math.max(0, ...decisions.map((d) => d.latencyIntervals)),
      duplicatePublishes: published.length - new Set(published.map((e) => e.id)).size,
      ticks,
    };
  } finally {
    admin.destroy();
    computeClient.destroy();
    powerClient.destroy();
  }
}

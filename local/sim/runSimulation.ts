/**
 * The whole pipeline over simulated time (issue #15): every 10 minutes the real ingest cycle
 * (shared/ingest/runIngestCycle, the real HTTP clients) reads the simulated upstream through the
 * replay server on 127.0.0.1 and writes DynamoDB Local; the table's stream is read into the exact
 * Lambda events (local/devtools/streamPoller.ts) and handed to the real compute handler
 * (functions/compute/computeHandler.ts), whose SNS stand-in records what it accepts. Faults come
 * from the schedule (faultSchedule.ts). The clock is simulated and passed through the use cases'
 * and handler factories' dependencies: HTTP backoff and Retry-After waits are recorded against a
 * virtual clock, never slept (only an injected hang costs real time, its per-attempt timeout).
 */
import { BatchWriteItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createComputeHandler, type ComputeHandler } from '../../functions/compute/computeHandler';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { Entity, keys } from '../../shared/adapters/dynamo/tableKeys';
import { createIngestSources } from '../../shared/adapters/sources/ingestSources';
import { createComputeDependencies } from '../../shared/compute/computeDependencies';
import type { EventSink } from '../../shared/compute/ports';
import type { RenderedEvent } from '../../shared/domain/signals/eventMessage';
import { parseComputeConfig, type ComputeConfig } from '../../shared/config/computeConfig';
import { ingestConfigSchema } from '../../shared/config/ingestConfig';
import type { SignalEvent } from '../../shared/domain/signals/eventDocument';
import { runIngestCycle } from '../../shared/ingest/runIngestCycle';
import { silentTelemetry } from '../../shared/ingest/telemetry';
import { BLOCKS_PER_EPOCH, MS_PER_DAY } from '../../shared/domain/units';
import { createHashwatchTable } from '../devtools/createTable';
import { localDynamoClient } from '../devtools/localClient';
import { PATHS, replayIngestConfigJson } from '../devtools/recordedScenario';
import type { ReplayServer } from '../devtools/replayServer';
import { DynamoStreamPoller, localStreamsClient } from '../devtools/streamPoller';
import type { FaultKind, FaultWindow } from './faultSchedule';
import { SimulatedChain } from './simulatedChain';
import { upstreamAt, type ActiveDataFault, type DataFault } from './simulatedUpstream';

export const CYCLE_MS = 10 * 60_000;
// The simulated computes print no EMF documents (the metrics are the handler's, not the run's).
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
/** Days of history seeded before the run (the compute reads ~400). */
const SEED_DAYS = 400;
const DATA_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'cached-skew',
  'frozen-mempool',
  'stale-responses',
  'unit-ghs',
  'unit-sats',
  'unit-ms',
  'outlier-price',
]);

export interface PublishedRecord {
  cycle: number;
  event: SignalEvent;
}

export interface CycleRecord {
  cycle: number;
  intervalStart: string;
  status: 'stored' | 'duplicate' | 'rejected';
  reasons: string[];
  fault?: FaultKind | undefined;
  /** Wall-clock time of the ingest and of the compute (stream read included), for the throughput report. */
  ingestMs: number;
  computeMs: number;
}

export interface SimulationRun {
  cycles: CycleRecord[];
  published: PublishedRecord[];
  /** Accepted publishes per event id (more than 1 is a duplicate alert). */
  acceptedCount: Map<string, number>;
  table: { client: DynamoDBClient; tableName: string };
  faults: FaultWindow[];
}

export interface SimulationOptions {
  chain: SimulatedChain;
  upstream: ReplayServer;
  dynamoEndpoint: string;
  /** First simulated moment (the first cycle's interval start), ISO. */
  startAt: string;
  cycles: number;
  faults: FaultWindow[];
  computeConfig?: unknown;
}

const lambdaContext = (requestId: string): Context =>
  ({
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'hashwatch-compute-sim',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:hashwatch-compute-sim',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/hashwatch-compute-sim',
    logStreamName: 'sim',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

async function batchPut(client: DynamoDBClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((item) => ({
      PutRequest: { Item: marshall(item, { removeUndefinedValues: true, allowImpreciseNumbers: true }) },
    }));
    while (requests.length > 0) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = (out.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/** Cycles at which a new epoch is first served (the tip crossed a multiple of 2016). */
export function retargetCycles(chain: SimulatedChain, startMs: number, cycles: number): number[] {
  const out: number[] = [];
  let epoch = Math.floor(chain.tipAt(startMs) / BLOCKS_PER_EPOCH);
  for (let c = 1; c < cycles; c += 1) {
    const e = Math.floor(chain.tipAt(startMs + c * CYCLE_MS) / BLOCKS_PER_EPOCH);
    if (e !== epoch) out.push(c);
    epoch = e;
  }
  return out;
}

/** A sink that records what it accepts, and refuses while an SNS outage is on. */
class RecordingSink implements EventSink {
  outage = false;
  cycle = 0;
  readonly published: PublishedRecord[] = [];
  readonly accepted = new Map<string, number>();
  publish({ document: event }: RenderedEvent): Promise<{ messageId: string }> {
    if (this.outage)
      return Promise.reject(Object.assign(new Error('Service Unavailable'), { name: 'InternalErrorException' }));
    this.accepted.set(event.id, (this.accepted.get(event.id) ?? 0) + 1);
    this.published.push({ cycle: this.cycle, event });
    return Promise.resolve({ messageId: `sim-${this.published.length}` });
  }
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationRun> {
  const { chain, upstream } = options;
  const startMs = Date.parse(options.startAt);
  const client = localDynamoClient(options.dynamoEndpoint);
  const tableName = `hashwatch-sim-${randomUUID().slice(0, 8)}`;
  const { streamArn } = await createHashwatchTable(client, tableName);
  await seed(chain, client, tableName, startMs);

  const config = ingestConfigSchema.parse(
    replayIngestConfigJson(upstream.baseUrl, {
      http: { timeoutMs: 250, maxAttempts: 3, backoffBaseMs: 250, backoffMaxMs: 4_000, maxRetryAfterMs: 10_000 },
      backfill: { enabled: false },
      // Snapshots of simulated time must outlive DynamoDB Local's wall-clock TTL sweeper.
      storage: { rawSnapshotRetentionDays: 3650 },
    }),
  );
  const repository = new DynamoNetworkRepository(client, tableName);
  const computeConfig: ComputeConfig = parseComputeConfig(options.computeConfig ?? {});
  const sink = new RecordingSink();
  let nowMs = startMs;
  const handlerFor = (): ComputeHandler =>
    createComputeHandler({
      deps: createComputeDependencies({
        dynamo: client,
        tableName,
        config: computeConfig,
        sink,
        nowMs: () => nowMs,
      }),
      logger: new Logger({ serviceName: 'compute', logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Hashwatch', serviceName: 'compute' }),
    });
  const handler = handlerFor();
  const rival = handlerFor();
  const poller = new DynamoStreamPoller({ client: localStreamsClient(options.dynamoEndpoint), streamArn });

  const cycles: CycleRecord[] = [];
  const faultAt = (c: number): FaultWindow | undefined =>
    options.faults.find((f) => c >= f.start && c < f.start + f.cycles);
  for (let c = 0; c < options.cycles; c += 1) {
    const intervalMs = startMs + c * CYCLE_MS;
    const observedMs = intervalMs + 42_000;
    const fault = faultAt(c);
    const dataFaults: ActiveDataFault[] =
      fault && DATA_FAULTS.has(fault.kind)
        ? [{ kind: fault.kind as DataFault, sinceMs: startMs + fault.start * CYCLE_MS }]
        : [];
    upstream.clearFaults();
    for (const [path, response] of Object.entries(upstreamAt(chain, observedMs, dataFaults)))
      upstream.setRoute(path, response);
    applyRouteFault(upstream, fault?.kind);

    let virtualMs = 0;
    const sources = createIngestSources(config, {
      now: () => new Date(observedMs),
      httpDeps: {
        sleep: (ms) => {
          virtualMs += ms;
          return Promise.resolve();
        },
        clock: () => virtualMs,
        random: () => 0.5,
      },
    });
    const ingestStarted = performance.now();
    const result = await runIngestCycle({
      sources,
      repository,
      config,
      telemetry: silentTelemetry,
      now: new Date(observedMs),
    });
    const ingestMs = performance.now() - ingestStarted;

    // The compute, a minute later.
    nowMs = observedMs + 60_000;
    sink.cycle = c;
    sink.outage = fault?.kind === 'sns-outage';
    if (fault?.kind === 'unreadable-items' && fault.start === c) await putUnreadableItems(client, tableName, nowMs);
    const computeStarted = performance.now();
    for (const event of await poller.nextEvents()) {
      await deliver(event, fault?.kind, handler, rival, c);
    }
    cycles.push({
      cycle: c,
      intervalStart: result.intervalStart,
      status: result.status,
      reasons: result.reasons,
      fault: fault?.kind,
      ingestMs,
      computeMs: performance.now() - computeStarted,
    });
  }
  return {
    cycles,
    published: sink.published,
    acceptedCount: sink.accepted,
    table: { client, tableName },
    faults: options.faults,
  };
}

/** Lambda's retry of a failing record (up to 3 times), plus the duplicate and concurrent faults. */
async function deliver(
  event: DynamoDBStreamEvent,
  fault: FaultKind | undefined,
  handler: ComputeHandler,
  rival: ComputeHandler,
  cycle: number,
): Promise<void> {
  if (fault === 'concurrent-compute') {
    await Promise.all([handler(event, lambdaContext(`c${cycle}a`)), rival(event, lambdaContext(`c${cycle}b`))]);
    return;
  }
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const response = await handler(event, lambdaContext(`c${cycle}-${attempt}`));
    if (response.batchItemFailures.length === 0) break;
  }
  if (fault === 'duplicate-delivery') await handler(event, lambdaContext(`c${cycle}-dup`));
}

function applyRouteFault(upstream: ReplayServer, kind: FaultKind | undefined): void {
  if (kind === 'rate-limit-storm') {
    for (const path of [PATHS.prices, PATHS.hashrateCycle, PATHS.coinbase])
      upstream.setFault(path, { fault: { kind: 'status', status: 429, headers: { 'retry-after': '5' } } });
  } else if (kind === 'hang') upstream.setFault(PATHS.prices, { fault: { kind: 'hang' } });
  else if (kind === 'reset') upstream.setFault(PATHS.tipHeight, { fault: { kind: 'reset' } });
  else if (kind === 'oversize')
    upstream.setFault(PATHS.blockFeesCycle, { fault: { kind: 'oversize', bytes: 20 * 1024 * 1024 } });
}

/** A state of a signal from a newer release and a pending event this build cannot read. */
async function putUnreadableItems(client: DynamoDBClient, tableName: string, nowMs: number): Promise<void> {
  const occurredAt = new Date(nowMs - 30 * 60_000).toISOString();
  const id = randomUUID();
  for (const item of [
    {
      ...keys.signalState('signal-from-a-newer-release', ''),
      entity: Entity.SignalState,
      signal: 'signal-from-a-newer-release',
      subject: '',
      status: 'active',
      version: 1,
    },
    {
      ...keys.signalEvent(id),
      entity: Entity.SignalEvent,
      eventId: id,
      occurredAt,
      status: 'pending',
      attempts: 0,
      document: '{"schemaVersion":99}',
    },
    { ...keys.outboxEntry(occurredAt, id), entity: Entity.OutboxEntry, eventId: id, occurredAt },
  ])
    await client.send(new PutItemCommand({ TableName: tableName, Item: marshall(item) }));
}

/** Daily rollups for the days before the start and the epochs up to the running one, from history. */
async function seed(chain: SimulatedChain, client: DynamoDBClient, tableName: string, startMs: number): Promise<void> {
  const startDate = SimulatedChain.dateOf(startMs);
  const fromDate = SimulatedChain.dateOf(startMs - SEED_DAYS * MS_PER_DAY);
  const days = chain.days.filter((d) => d.date >= fromDate && d.date < startDate);
  await batchPut(
    client,
    tableName,
    days.map((d) => ({ ...keys.dailyNetwork(d.date), entity: Entity.DailyNetwork, ...d })),
  );
  const running = chain.epochAt(startMs).epoch;
  const epochs = chain.epochs.filter((e) => e.epoch <= running && e.epoch > running - 80);
  await batchPut(
    client,
    tableName,
    epochs.map((e) => ({ ...keys.difficultyEpoch(e.epoch), entity: Entity.DifficultyEpoch, ...e })),
  );
}

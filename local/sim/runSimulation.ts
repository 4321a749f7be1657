/**
 * The whole pipeline over simulated time (issues #15, #22): every 10 minutes the real ingest handler
 * (functions/ingest/ingestHandler.ts with the real HTTP clients, its clock set by the event as the
 * local replay sets it) reads the simulated upstream through the replay server on 127.0.0.1 and
 * writes DynamoDB Local; the table's stream is read into the exact Lambda events
 * (local/devtools/streamPoller.ts) and handed to the real compute handler
 * (functions/compute/computeHandler.ts), which publishes through the real SNS adapter; what it
 * publishes reaches the real notifier handler per channel, which posts to local fakes of the chat
 * APIs (simulatedAlerting.ts). Each function has its own AWS clients, as each Lambda has, each with
 * its function's role (functionRoles.ts: the policy evaluator, and the grant-revoked fault), so a
 * crash (crashSwitch.ts) kills one of them. Faults come from the schedule (faultSchedule.ts). The
 * clock is simulated and passed through the use cases' and handler factories' dependencies: HTTP
 * backoff and Retry-After waits are recorded against a virtual clock, never slept (only an injected
 * hang costs real time, its per-attempt timeout).
 */
import { batchPut } from '../devtools/batchPut';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createComputeHandler, type ComputeHandler } from '../../functions/compute/computeHandler';
import { createIngestHandler } from '../../functions/ingest/ingestHandler';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { Entity, keys } from '../../shared/store/tableKeys';
import { createIngestSources } from '../../shared/adapters/sources/ingestSources';
import { createComputeDependencies } from '../../functions/compute/computeDependencies';
import { SCHEDULED_DRAIN_EVENT } from '../../shared/compute/scheduledDrainEvent';
import { parseComputeConfig, type ComputeConfig } from '../../shared/config/computeConfig';
import { ingestConfigSchema } from '../../shared/config/ingestConfig';
import { BLOCKS_PER_EPOCH, MS_PER_DAY } from '../../shared/domain/units';
import { createHashwatchTable } from '../devtools/createTable';
import { lambdaContext } from '../devtools/lambdaContext';
import { localDynamoClient } from '../devtools/localClient';
import { PATHS, replayIngestConfigJson } from '../devtools/recordedScenario';
import type { ReplayServer } from '../devtools/replayServer';
import { DynamoStreamPoller, localStreamsClient } from '../devtools/streamPoller';
import { CrashSwitch } from './crashSwitch';
import type { FaultKind, FaultWindow } from './faultSchedule';
import { GrantRevocations, type AttachRole, type Denial } from './functionRoles';
import { CHAT_APIS, SIM_TOPIC_ARN, SimulatedAlerting, type AlertingReport } from './simulatedAlerting';
import { SimulatedChain } from './simulatedChain';
import { upstreamAt, type ActiveDataFault, type DataFault } from './simulatedUpstream';

export type { PublishedRecord } from './simulatedAlerting';

export const CYCLE_MS = 10 * 60_000;
/** The scheduled cycle's moment in its interval (a schedule fires a little after the minute). */
const OBSERVED_OFFSET_MS = 42_000;
/** The scheduled cycle's compute, a minute after its ingest (the cadence before the tip watch). */
const COMPUTE_OFFSET_MS = OBSERVED_OFFSET_MS + 60_000;
/** The 5-minute drain schedule (infra/constructs/computation.ts), halfway between two cycles. */
const DRAIN_OFFSET_MS = 5 * 60_000 + 42_000;
/**
 * The tip watch's moments in an interval: its 1-minute schedule, not aligned with the cycle's,
 * at second 12 of minutes 1 to 9 (at minute 0 the scheduled cycle itself looks at the chain).
 */
const TIP_WATCH_OFFSETS_MS = Array.from({ length: 9 }, (_, i) => (i + 1) * 60_000 + 12_000);
/**
 * The compute a stored snapshot wakes: the stream hands its INSERT over within seconds. With the
 * tip watch on (issue #28) the scheduled cycle's snapshot is handed over the same way, so the
 * compute follows either cycle within the same minute, as deployed.
 */
const STREAM_DELAY_MS = 3_000;
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

export interface CycleRecord {
  cycle: number;
  intervalStart: string;
  /** 'crashed': the crash fault killed the ingest before it finished. */
  status: 'stored' | 'duplicate' | 'rejected' | 'crashed';
  reasons: string[];
  fault?: FaultKind | undefined;
  /** Wall-clock time of the ingest and of the compute (stream read included), for the throughput report. */
  ingestMs: number;
  computeMs: number;
}

/** A metric a function emitted in a cycle (what CloudWatch and the alarms would see). */
export interface EmittedMetric {
  cycle: number;
  name: string;
  value: number;
}

/**
 * A compute run that evaluated a newly stored snapshot: when, and the tip it had. A block is
 * evaluated (any event it causes published) at the first such run with a tip at or past it.
 */
export interface Evaluation {
  atMs: number;
  tipHeight: number;
  trigger: 'schedule' | 'tip';
}

export interface SimulationRun extends AlertingReport {
  cycles: CycleRecord[];
  /** The compute runs that followed a stored snapshot (block-to-event latency: blockToEvent.ts). */
  evaluations: Evaluation[];
  /** Tip watch checks by outcome (tip watch runs only). */
  tipChecks: Record<string, number>;
  /** The compute's metrics (the notifier emits none: its failures are `notifierErrors`). */
  metrics: EmittedMetric[];
  /** Every call refused: by the grant-revoked fault, or by a role's policy (a finding). */
  denials: Denial[];
  table: { client: DynamoDBClient; tableName: string };
  faults: FaultWindow[];
  /** Each crash that cut an invocation short: the writes it refused (0: it died after its last). */
  crashes: { cycle: number; fn: 'ingest' | 'compute'; refusedWrites: number }[];
  /** The compute's configuration (its signals' dwells say when a transition is due). */
  computeConfig: ComputeConfig;
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
  /** Gives each client the role of its function (the policy evaluator); none: full access. */
  attachRole?: AttachRole | undefined;
  /**
   * Runs the tip watch (issue #28) as deployed: beside each cycle, the watch at every other minute
   * of the interval, and a new block's cycle followed by the compute its snapshot wakes.
   */
  tipWatch?: boolean | undefined;
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

/** Metrics that also keep what is emitted, per cycle (the simulation prints no EMF). */
class RecordingMetrics extends Metrics {
  cycle = 0;
  readonly emitted: EmittedMetric[] = [];
  override addMetric(name: string, unit: Parameters<Metrics['addMetric']>[1], value: number): this {
    this.emitted.push({ cycle: this.cycle, name, value });
    return super.addMetric(name, unit, value);
  }
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationRun> {
  const { chain, upstream } = options;
  const startMs = Date.parse(options.startAt);
  // One client per function, as each Lambda has its own: a crash kills one function's writes.
  const client = localDynamoClient(options.dynamoEndpoint);
  const ingestClient = localDynamoClient(options.dynamoEndpoint);
  const computeClient = localDynamoClient(options.dynamoEndpoint);
  const rivalClient = localDynamoClient(options.dynamoEndpoint);
  const ingestCrash = new CrashSwitch();
  const computeCrash = new CrashSwitch();
  ingestCrash.install(ingestClient);
  computeCrash.install(computeClient);
  const tableName = `hashwatch-sim-${randomUUID().slice(0, 8)}`;
  const revocations = new GrantRevocations();
  for (const [c, role] of [
    [ingestClient, 'ingest'],
    [computeClient, 'compute'],
    [rivalClient, 'compute'],
  ] as const) {
    options.attachRole?.(c, role, { tableName, topicArn: SIM_TOPIC_ARN });
    revocations.install(c, role);
  }
  const { streamArn } = await createHashwatchTable(client, tableName);
  await seed(chain, client, tableName, startMs);
  const alerting = await SimulatedAlerting.start({
    dynamoEndpoint: options.dynamoEndpoint,
    tableName,
    revocations,
    attachRole: options.attachRole,
    publisherDead: () => computeCrash.dead,
  });

  const config = ingestConfigSchema.parse(
    replayIngestConfigJson(upstream.baseUrl, {
      http: { timeoutMs: 250, maxAttempts: 3, backoffBaseMs: 250, backoffMaxMs: 4_000, maxRetryAfterMs: 10_000 },
      backfill: { enabled: false },
      // Snapshots of simulated time must outlive DynamoDB Local's wall-clock TTL sweeper.
      storage: { rawSnapshotRetentionDays: 3650 },
    }),
  );
  // HTTP backoff and Retry-After waits of the cycle under way, on its virtual clock.
  let virtualMs = 0;
  const ingest = createIngestHandler({
    config,
    repository: new DynamoNetworkRepository(ingestClient, tableName),
    logger: new Logger({ serviceName: 'ingest', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'Hashwatch', serviceName: 'ingest' }),
    // The simulated clock comes in the event, as in the local replay.
    allowClockOverride: true,
    sources: (sourceConfig, wiring) =>
      createIngestSources(sourceConfig, {
        ...wiring,
        httpDeps: {
          sleep: (ms) => {
            virtualMs += ms;
            return Promise.resolve();
          },
          clock: () => virtualMs,
          random: () => 0.5,
        },
      }),
  });
  // Records of simulated time must outlive DynamoDB Local's wall-clock TTL sweeper too: swept, each
  // would cost a delete and a 12 KB stream record per cycle, and the compute nothing.
  const computeConfig: ComputeConfig = parseComputeConfig({
    profitabilityRetentionDays: 3650,
    ...((options.computeConfig as Record<string, unknown> | undefined) ?? {}),
  });
  let nowMs = startMs;
  const metrics = new RecordingMetrics({ namespace: 'Hashwatch', serviceName: 'compute' });
  const computeOn = (dynamo: DynamoDBClient): ComputeHandler =>
    createComputeHandler({
      deps: createComputeDependencies({
        dynamo,
        tableName,
        config: computeConfig,
        sns: alerting.sns,
        topicArn: alerting.topicArn,
        nowMs: () => nowMs,
      }),
      logger: new Logger({ serviceName: 'compute', logLevel: 'SILENT' }),
      metrics,
    });
  const compute: Compute = { handler: computeOn(computeClient), rival: computeOn(rivalClient), crash: computeCrash };
  const poller = new DynamoStreamPoller({
    client: localStreamsClient(options.dynamoEndpoint),
    streamArn,
    polling: 'lean',
  });

  const cycles: CycleRecord[] = [];
  const crashes: SimulationRun['crashes'] = [];
  const faultAt = (c: number): FaultWindow | undefined =>
    options.faults.find((f) => c >= f.start && c < f.start + f.cycles);
  const computeOffsetMs = options.tipWatch ? OBSERVED_OFFSET_MS + STREAM_DELAY_MS : COMPUTE_OFFSET_MS;
  const evaluations: Evaluation[] = [];
  const tipChecks: Record<string, number> = {};
  // The tips stored since the last compute run, which that run evaluates.
  let storedTips: { tipHeight: number; trigger: Evaluation['trigger'] }[] = [];
  try {
    for (let c = 0; c < options.cycles; c += 1) {
      const intervalMs = startMs + c * CYCLE_MS;
      const observedMs = intervalMs + OBSERVED_OFFSET_MS;
      const fault = faultAt(c);
      const dataFaults: ActiveDataFault[] =
        fault && DATA_FAULTS.has(fault.kind)
          ? [{ kind: fault.kind as DataFault, sinceMs: startMs + fault.start * CYCLE_MS }]
          : [];
      const serveUpstreamAt = (ms: number): void => {
        upstream.clearFaults();
        for (const [path, response] of Object.entries(upstreamAt(chain, ms, dataFaults)))
          upstream.setRoute(path, response);
        applyRouteFault(upstream, fault?.kind);
      };
      serveUpstreamAt(observedMs);
      revocations.cycle = c;
      alerting.cycle = c;
      metrics.cycle = c;
      revocations.set(fault?.kind === 'grant-revoked' && fault.grant ? [fault.grant] : []);
      for (const api of CHAT_APIS)
        alerting.setChannelFailure(
          api,
          fault?.kind === 'chat-outage' && fault.channel === api ? fault.failure : undefined,
        );
      // The operator empties the notification failure queue once its cause is over.
      const notifierFailing =
        fault?.kind === 'chat-outage' || (fault?.kind === 'grant-revoked' && fault.grant?.role === 'notifier');
      if (!notifierFailing) await alerting.redrive(observedMs);

      virtualMs = 0;
      if (fault?.kind === 'crash-ingest') ingestCrash.arm(fault.afterWrites ?? 0);
      const ingestStarted = performance.now();
      const result = await ingest(
        { now: new Date(observedMs).toISOString() },
        lambdaContext('hashwatch-ingest-sim', `i${c}`),
      )
        .then((summary) => summary.cycle)
        .catch((error: unknown) => {
          // Only the simulated crash may end an ingest early; anything else is a finding.
          if (!ingestCrash.dead) throw error;
          return {
            intervalStart: new Date(intervalMs).toISOString(),
            status: 'crashed' as const,
            reasons: [String(error)],
          };
        });
      if (fault?.kind === 'crash-ingest') crashes.push({ cycle: c, fn: 'ingest', refusedWrites: ingestCrash.refused });
      ingestCrash.endInvocation();
      if (result.status === 'stored' && 'snapshot' in result && result.snapshot)
        storedTips.push({ tipHeight: result.snapshot.tipHeight, trigger: 'schedule' });
      const ingestMs = performance.now() - ingestStarted;

      alerting.outage = fault?.kind === 'sns-outage';
      let computeMs = 0;
      // The compute woken by the stream: what it evaluates, and the pending alerts it delivers.
      const streamCompute = async (atMs: number, scheduled: boolean): Promise<void> => {
        nowMs = atMs;
        if (scheduled && fault?.kind === 'unreadable-items' && fault.start === c)
          await putUnreadableItems(client, tableName, nowMs);
        const computeStarted = performance.now();
        computeCrash.refused = 0;
        for (const event of await poller.nextEvents()) await deliver(event, fault, compute, c);
        if (fault?.kind === 'crash-compute' && fault.start === c && computeCrash.refused > 0)
          crashes.push({ cycle: c, fn: 'compute', refusedWrites: computeCrash.refused });
        else if (scheduled && fault?.kind === 'crash-compute' && fault.start === c)
          crashes.push({ cycle: c, fn: 'compute', refusedWrites: 0 });
        for (const s of storedTips) evaluations.push({ atMs, ...s });
        storedTips = [];
        await alerting.deliverPending(nowMs);
        computeMs += performance.now() - computeStarted;
      };
      // The tip watch at one minute of the interval: the light check, and a block's cycle and compute.
      const tipWatchAt = async (offsetMs: number): Promise<void> => {
        const atMs = intervalMs + offsetMs;
        serveUpstreamAt(atMs);
        virtualMs = 0;
        const watched = await ingest(
          { watch: 'tip', now: new Date(atMs).toISOString() },
          lambdaContext('hashwatch-ingest-sim', `w${c}-${offsetMs}`),
        );
        tipChecks[watched.watch.status] = (tipChecks[watched.watch.status] ?? 0) + 1;
        const cycle = watched.ingest?.cycle;
        if (cycle?.status === 'stored' && cycle.snapshot) {
          storedTips.push({ tipHeight: cycle.snapshot.tipHeight, trigger: 'tip' });
          await streamCompute(atMs + STREAM_DELAY_MS, false);
        }
      };
      // The interval's moments in time order: the cycle (done above), the watch's minutes, the
      // cycle's compute a minute after its ingest, and the drain half a cycle on.
      const steps: { atOffsetMs: number; run: () => Promise<void> }[] = [
        { atOffsetMs: computeOffsetMs, run: () => streamCompute(intervalMs + computeOffsetMs, true) },
        {
          atOffsetMs: DRAIN_OFFSET_MS,
          run: async () => {
            // The drain schedule runs the compute without a snapshot.
            nowMs = intervalMs + DRAIN_OFFSET_MS;
            await compute.handler(SCHEDULED_DRAIN_EVENT, lambdaContext('hashwatch-compute-sim', `d${c}`));
            await alerting.deliverPending(nowMs);
          },
        },
        ...(options.tipWatch ? TIP_WATCH_OFFSETS_MS : []).map((atOffsetMs) => ({
          atOffsetMs,
          run: () => tipWatchAt(atOffsetMs),
        })),
      ].sort((a, b) => a.atOffsetMs - b.atOffsetMs);
      for (const step of steps) await step.run();
      cycles.push({
        cycle: c,
        intervalStart: result.intervalStart,
        status: result.status,
        reasons: result.reasons,
        fault: fault?.kind,
        ingestMs,
        computeMs,
      });
    }
  } finally {
    for (const c of [ingestClient, computeClient, rivalClient]) c.destroy();
    await alerting.close();
  }
  return {
    cycles,
    evaluations,
    tipChecks,
    ...alerting.report(),
    metrics: metrics.emitted,
    denials: revocations.denials,
    table: { client, tableName },
    faults: options.faults,
    crashes,
    computeConfig,
  };
}

interface Compute {
  handler: ComputeHandler;
  /** A second container of the same function (the concurrent-compute fault). */
  rival: ComputeHandler;
  crash: CrashSwitch;
}

/**
 * Lambda's retry of a failing record (up to 3 times), plus the duplicate, concurrent and crash
 * faults. A crash kills the first invocation after its k-th write; the retries run healthy.
 */
async function deliver(
  event: DynamoDBStreamEvent,
  fault: FaultWindow | undefined,
  compute: Compute,
  cycle: number,
): Promise<void> {
  if (fault?.kind === 'concurrent-compute') {
    await Promise.all([
      compute.handler(event, lambdaContext('hashwatch-compute-sim', `c${cycle}a`)),
      compute.rival(event, lambdaContext('hashwatch-compute-sim', `c${cycle}b`)),
    ]);
    return;
  }
  if (fault?.kind === 'crash-compute' && fault.start === cycle) compute.crash.arm(fault.afterWrites ?? 0);
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const response = await compute.handler(event, lambdaContext('hashwatch-compute-sim', `c${cycle}-${attempt}`));
    compute.crash.endInvocation();
    if (response.batchItemFailures.length === 0) break;
  }
  if (fault?.kind === 'duplicate-delivery')
    await compute.handler(event, lambdaContext('hashwatch-compute-sim', `c${cycle}-dup`));
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

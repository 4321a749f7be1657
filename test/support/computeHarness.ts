/**
 * The compute pipeline on DynamoDB Local: seeds the table with real history (the project's bundled
 * daily history and epoch table, in the ingest's documented item shapes), writes network snapshots
 * built from that history, reads the table's stream into the exact events Lambda delivers, and
 * runs the real handler under the compute role with SNS mocked (mockClientUnderRole: every
 * publish is judged by the compute role before the mock answers).
 */
import { batchPut } from '../../local/devtools/batchPut';
import { epochProgressOfProjection } from '../../shared/domain/networkSnapshot.mapper';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { createComputeHandler, type ComputeHandler } from '../../functions/compute/computeHandler';
import { DynamoStreamPoller, localStreamsClient } from '../../local/devtools/streamPoller';
import { Entity, keys, TTL_ATTRIBUTE } from '../../shared/store/tableKeys';
import { createComputeDependencies } from '../../functions/compute/computeDependencies';
import type { EventSink } from '../../shared/compute/ports';
import { lambdaContext as contextFixture } from '../../local/devtools/lambdaContext';
import { parseComputeConfig, type ComputeConfig } from '../../shared/config/computeConfig';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { networkSnapshot, networkSnapshotSchema, type NetworkSnapshot } from '../../shared/domain/networkSnapshot';
import { bundledDaySnapshot } from '../../local/backtest/bundledDaySnapshot';
import { projectedAdjustment } from '../../shared/domain/projectedAdjustment';
import { blockSubsidyBtc } from '../../shared/domain/subsidy';
import type { TestTable } from './dynamoTable';
import { deployedRole, type IamRole } from './iam/iamRole';
import { roleDynamoClient, roleSnsClient } from './iam/roleClients';

// Metrics go to stdout as EMF in Lambda; in tests the calls are observed by spies instead.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:hashwatch-alerts';

const history = loadDailyHistory();
const epochs = loadDifficultyEpochs();
export const historyByDate = new Map(history.map((d) => [d.date, d]));
export const epochByNumber = new Map(epochs.map((e) => [e.epoch, e]));

const MS_PER_DAY = 86_400_000;
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);

/** Daily rollups (DAILY/DAY#) for the `days` days before `untilDate` (exclusive), from real history. */
export async function seedDaily(table: TestTable, untilDate: string, days: number): Promise<DailyNetwork[]> {
  const rows: DailyNetwork[] = [];
  for (let d = days; d >= 1; d -= 1) {
    const row = historyByDate.get(addDays(untilDate, -d));
    if (row) rows.push(row);
  }
  await batchPut(
    table.client,
    table.tableName,
    rows.map((row) => ({ ...keys.dailyNetwork(row.date), entity: Entity.DailyNetwork, ...row })),
  );
  return rows;
}

/** Difficulty epochs (EPOCH/EPOCH#) from..to inclusive, from the real epoch table. */
export async function seedEpochs(table: TestTable, fromEpoch: number, toEpoch: number): Promise<DifficultyEpoch[]> {
  const rows = epochs.filter((e) => e.epoch >= fromEpoch && e.epoch <= toEpoch);
  await batchPut(
    table.client,
    table.tableName,
    rows.map((e) => ({ ...keys.difficultyEpoch(e.epoch), entity: Entity.DifficultyEpoch, ...e })),
  );
  return rows;
}

/**
 * A network snapshot as the ingest would have stored it at `intervalStart`, from that day's real
 * figures: the day's price, mean difficulty and hashrate, fees per block over the day, the subsidy
 * at the day's height, and the running epoch's progress projected from the real epoch start.
 */
export function snapshotAt(intervalStart: string, overrides: Partial<NetworkSnapshot> = {}): NetworkSnapshot {
  const date = intervalStart.slice(0, 10);
  const day = historyByDate.get(date);
  if (
    !day?.btcPriceUsd ||
    !day.difficulty ||
    !day.hashrateHps ||
    day.feesBtc === undefined ||
    !day.blockCount ||
    !day.endHeight
  ) {
    throw new Error(`history lacks the figures for a snapshot on ${date}`);
  }
  const nowMs = Date.parse(intervalStart);
  const running = [...epochs].reverse().find((e) => Date.parse(e.startedAt) <= nowMs)!;
  // The tip: the previous day's last height plus the day's blocks so far, kept inside the
  // epoch running at that time (history gives heights per day, not per minute).
  const previousDay = historyByDate.get(addDays(date, -1));
  const fractionOfDay = (nowMs - Date.parse(`${date}T00:00:00Z`)) / MS_PER_DAY;
  const estimatedTip = (previousDay?.endHeight ?? day.endHeight) + Math.round(day.blockCount * fractionOfDay);
  const tipHeight = Math.min(Math.max(estimatedTip, running.startHeight), running.startHeight + 2015);
  const projected = projectedAdjustment({ tipHeight, epochStartedAtMs: Date.parse(running.startedAt), nowMs });
  // The snapshot's one constructor; a figure not set here (a field newer than this file) comes from
  // the backtest's snapshot of the same day.
  const base = bundledDaySnapshot(date);
  return networkSnapshotSchema.parse(
    networkSnapshot({
      ...base,
      intervalStart: new Date(nowMs).toISOString(),
      observedAt: new Date(nowMs + 42_000).toISOString(),
      tipHeight,
      difficulty: day.difficulty,
      hashrateHps: day.hashrateHps,
      btcPriceUsd: day.btcPriceUsd,
      fiatPrices: {},
      feesBtcPerBlock: day.feesBtc / day.blockCount,
      feeWindowBlocks: 144,
      subsidyBtc: blockSubsidyBtc(tipHeight),
      epochProgress: epochProgressOfProjection(projected, running.changePct ?? 0),
      sources: { btcPriceUsd: 'coinmetrics-history', difficulty: 'coinmetrics-history' },
      flags: [],
      ...overrides,
    }),
  );
}

/** Writes a snapshot item exactly as the ingest does: keys, entity, fields, TTL; once per interval. */
export async function putSnapshot(
  table: TestTable,
  snapshot: NetworkSnapshot | Record<string, unknown>,
): Promise<void> {
  const intervalStart = String(snapshot.intervalStart);
  await table.client.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: marshall(
        {
          ...keys.networkSnapshot(intervalStart),
          entity: Entity.NetworkSnapshot,
          ...snapshot,
          [TTL_ATTRIBUTE]: Math.floor(Date.parse(intervalStart) / 1000) + 7 * 86_400,
        },
        { removeUndefinedValues: true, allowImpreciseNumbers: true },
      ),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The compute function's context (the one fixture, local/devtools/lambdaContext.ts), per request id. */
export function lambdaContext(requestId = 'test-request'): Context {
  return contextFixture('hashwatch-compute', requestId);
}

export interface Pipeline {
  handler: ComputeHandler;
  poller: DynamoStreamPoller;
  config: ComputeConfig;
  metrics: Metrics;
  /** The compute role its DynamoDB calls run under (revoke a grant, expect a refusal). */
  role: IamRole;
}

export interface PipelineOptions {
  /** Default: the compute role of the synthesized template, on this table and TOPIC_ARN. */
  role?: IamRole;
  config?: unknown;
  sink?: EventSink;
  nowMs?: () => number;
  publishLeaseMs?: number;
  batchSize?: number;
  maxRetryAttempts?: number;
}

export type ComputeDependencyOptions = Pick<PipelineOptions, 'role' | 'sink' | 'nowMs' | 'publishLeaseMs'>;

/**
 * The compute's dependencies on the test table and a (mocked) SNS, its clients under the compute
 * role (table.client is the test's own, unrestricted): what the handler and the drain run with.
 */
export function computeDependencies(table: TestTable, config: ComputeConfig, options: ComputeDependencyOptions = {}) {
  const role = options.role ?? deployedRole('compute', { tableName: table.tableName, alertsTopicArn: TOPIC_ARN });
  const deps = createComputeDependencies({
    dynamo: roleDynamoClient(table.endpoint, role),
    tableName: table.tableName,
    config,
    sns: roleSnsClient(role),
    topicArn: TOPIC_ARN,
    ...(options.sink ? { sink: options.sink } : {}),
    ...(options.nowMs ? { nowMs: options.nowMs } : {}),
    ...(options.publishLeaseMs !== undefined ? { publishLeaseMs: options.publishLeaseMs } : {}),
  });
  return { deps, role };
}

/** The real handler wired to the test table and a (mocked) SNS, under the compute role, plus a stream poller. */
export function pipeline(table: TestTable, options: PipelineOptions = {}): Pipeline {
  const config = parseComputeConfig(options.config ?? {});
  const { deps, role } = computeDependencies(table, config, options);
  const logger = new Logger({
    serviceName: 'compute',
    logLevel: (process.env.HASHWATCH_TEST_LOG_LEVEL as 'SILENT' | undefined) ?? 'SILENT',
  });
  const metrics = new Metrics({ namespace: 'Hashwatch', serviceName: 'compute' });
  const handler = createComputeHandler({ deps, logger, metrics });
  const poller = new DynamoStreamPoller({
    client: localStreamsClient(table.endpoint),
    streamArn: table.streamArn,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.maxRetryAttempts !== undefined ? { maxRetryAttempts: options.maxRetryAttempts } : {}),
  });
  return { handler, poller, config, metrics, role };
}

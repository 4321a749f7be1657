/**
 * Ingest Lambda (EventBridge Scheduler, every 10 minutes by default): backfill on an empty table,
 * then one ingest cycle; returns a summary of what it stored. Thin on purpose: config, clients and
 * Powertools are built once at module scope; the work happens in shared/ingest.
 *
 * Env: TABLE_NAME (required), HASHWATCH_INGEST_CONFIG (optional JSON, see shared/config/ingestConfig.ts).
 * The DynamoDB endpoint follows the SDK's own AWS_ENDPOINT_URL_DYNAMODB (DynamoDB Local).
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { awsClientOptions } from '../../shared/adapters/aws/clientOptions';
import { parseIngestConfig } from '../../shared/config/ingestConfig';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { createIngestSources, type IngestSources } from '../../shared/adapters/sources/ingestSources';
import type { SourceCall } from '../../shared/adapters/sources/sourceClient';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { runBackfill, type BackfillResult } from '../../shared/ingest/backfill';
import { runIngestCycle, type IngestCycleResult } from '../../shared/ingest/runIngestCycle';
import type { IngestCounter, IngestTelemetry } from '../../shared/ingest/telemetry';
import {
  INGEST_METRICS,
  METRICS_NAMESPACE,
  SERVICE_NAMES,
  type SourceCallLogFields,
} from '../../shared/observability/metrics';

export const logger = new Logger({ serviceName: SERVICE_NAMES.ingest });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.ingest });

const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const config = parseIngestConfig(process.env.HASHWATCH_INGEST_CONFIG);
const repository = new DynamoNetworkRepository(new DynamoDBClient(awsClientOptions()), tableName);

// Per-source health is in the logs, one line per upstream call, not in per-source metrics: a
// `Source` dimension would make 5 billable metrics of each figure (see shared/observability/metrics.ts).
function logSourceCall(call: SourceCall): void {
  const fields: SourceCallLogFields = {
    source: call.source,
    endpoint: call.endpoint,
    outcome: call.ok ? 'ok' : 'failed',
    latencyMs: Math.round(call.latencyMs),
    attempts: call.attempts,
  };
  if (call.ok && call.attempts > 1) logger.warn('source call succeeded after retry', { ...fields });
  else if (call.ok) logger.info('source call', { ...fields });
  else
    logger.warn('source call failed', {
      ...fields,
      kind: call.error?.kind,
      status: call.error?.status,
      error: call.error?.message,
    });
}

/** The counters that are metrics; the others (duplicates, price disagreement) are log lines only. */
const COUNTER_METRICS: ReadonlySet<IngestCounter> = new Set<IngestCounter>([
  INGEST_METRICS.snapshotStored,
  INGEST_METRICS.snapshotRejected,
  INGEST_METRICS.fallbackUsed,
]);

const telemetry: IngestTelemetry = {
  count: (counter, value = 1) => {
    if (COUNTER_METRICS.has(counter)) metrics.addMetric(counter, MetricUnit.Count, value);
    else logger.info('ingest counter', { counter, value });
  },
  freshness: (seconds) => logger.info('data freshness', { dataFreshnessSeconds: Math.round(seconds) }),
  info: (message, fields) => logger.info(message, fields ?? {}),
  warn: (message, fields) => logger.warn(message, fields ?? {}),
};

/**
 * Whether `now` in the event may set the clock: only where HASHWATCH_ALLOW_CLOCK_OVERRIDE=true (the
 * local run, replays, tests). The infra never sets it, so a deployed ingest cannot be made to store
 * future-dated snapshots (they would skip the outlier checks and freeze the signals).
 */
const clockOverrideAllowed = process.env.HASHWATCH_ALLOW_CLOCK_OVERRIDE === 'true';

function invocationClock(requestedNow: string | undefined): Date {
  if (requestedNow === undefined) return new Date();
  if (clockOverrideAllowed) return new Date(requestedNow);
  logger.warn('clock override ignored', { requestedNow, reason: 'HASHWATCH_ALLOW_CLOCK_OVERRIDE is not set' });
  return new Date();
}

const eventSchema = z
  .object({
    /** Overrides the clock (local replay, when allowed: see invocationClock); schedules send no such field. */
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .loose()
  .nullish();

export interface IngestSummary {
  cycle: IngestCycleResult;
  backfill?: BackfillResult;
}

async function lambdaHandler(event: unknown): Promise<IngestSummary> {
  const parsed = eventSchema.parse(event);
  // The invocation's clock: `now` from the event (replay, backtests) or the wall clock. The clients
  // are plain objects around fetch, so building them per invocation costs nothing and keeps two
  // concurrent invocations (tests, local runs) from sharing a clock.
  const now = invocationClock(parsed?.now ?? undefined);
  let sourceFailures = 0;
  const observe = (call: SourceCall): void => {
    if (!call.ok) sourceFailures += 1;
    logSourceCall(call);
  };
  const sources = createIngestSources(config, { now: () => now, observe });
  try {
    return await ingest(sources, now);
  } finally {
    // Every run reports its count, 0 included, so the graph shows quiet runs as 0 and not as gaps.
    metrics.addMetric(INGEST_METRICS.sourceFailures, MetricUnit.Count, sourceFailures);
  }
}

async function ingest(sources: IngestSources, now: Date): Promise<IngestSummary> {
  let backfill: BackfillResult | undefined;
  if (config.backfill.enabled) {
    backfill = await runBackfill({
      sources,
      repository,
      telemetry,
      hashratePeriod: config.backfill.hashratePeriod,
      now,
      bundledEpochs: () => loadDifficultyEpochs(),
    });
    if (backfill.status === 'already-complete') backfill = undefined;
  }
  const cycle = await runIngestCycle({ sources, repository, config, telemetry, now });
  logger.info('ingest summary', {
    status: cycle.status,
    intervalStart: cycle.intervalStart,
    itemsWritten: cycle.itemsWritten,
  });
  return { cycle, ...(backfill ? { backfill } : {}) };
}

export const handler = middy(lambdaHandler).use(injectLambdaContext(logger)).use(logMetrics(metrics));

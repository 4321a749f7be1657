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
import { z } from 'zod';
import { parseIngestConfig } from '../../shared/config/ingestConfig';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { createIngestSources } from '../../shared/adapters/sources/ingestSources';
import type { SourceCall } from '../../shared/adapters/sources/sourceClient';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { runBackfill, type BackfillResult } from '../../shared/ingest/backfill';
import { runIngestCycle, type IngestCycleResult } from '../../shared/ingest/runIngestCycle';
import type { IngestTelemetry } from '../../shared/ingest/telemetry';

export const logger = new Logger({ serviceName: 'ingest' });
export const metrics = new Metrics({ namespace: 'Hashwatch', serviceName: 'ingest' });

const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');
const config = parseIngestConfig(process.env.HASHWATCH_INGEST_CONFIG);
const repository = new DynamoNetworkRepository(new DynamoDBClient({}), tableName);

function observeSourceCall(call: SourceCall): void {
  // One single-metric document per figure: publishing clears dimensions, so each carries its own.
  const outcome = metrics.singleMetric();
  outcome.addDimension('Source', call.source);
  outcome.addMetric(call.ok ? 'SourceSuccess' : 'SourceFailure', MetricUnit.Count, 1);
  const latency = metrics.singleMetric();
  latency.addDimension('Source', call.source);
  latency.addMetric('SourceLatency', MetricUnit.Milliseconds, Math.round(call.latencyMs));
  const fields = { source: call.source, endpoint: call.endpoint, latencyMs: Math.round(call.latencyMs), attempts: call.attempts };
  if (call.ok && call.attempts > 1) logger.warn('source call succeeded after retry', fields);
  else if (call.ok) logger.debug('source call', fields);
  else logger.warn('source call failed', { ...fields, kind: call.error?.kind, status: call.error?.status, error: call.error?.message });
}


const telemetry: IngestTelemetry = {
  count: (metric, value = 1) => metrics.addMetric(metric, MetricUnit.Count, value),
  freshness: (seconds) => metrics.addMetric('DataFreshnessSeconds', MetricUnit.Seconds, Math.round(seconds)),
  info: (message, fields) => logger.info(message, fields ?? {}),
  warn: (message, fields) => logger.warn(message, fields ?? {}),
};

const eventSchema = z
  .object({
    /** Overrides the clock (local replay); production schedules send no such field. */
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
  const now = parsed?.now ? new Date(parsed.now) : new Date();
  const sources = createIngestSources(config, { now: () => now, observe: observeSourceCall });
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
  logger.info('ingest summary', { status: cycle.status, intervalStart: cycle.intervalStart, itemsWritten: cycle.itemsWritten });
  return { cycle, ...(backfill ? { backfill } : {}) };
}

export const handler = middy(lambdaHandler)
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));

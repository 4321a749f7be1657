/**
 * The ingest function's handler, built from its dependencies (handler.ts wires the real ones from
 * the environment; the tests and the local run pass DynamoDB Local and their own config, same code
 * path). The work is the ingest use case (shared/ingest/ingest.ts: backfill, then one cycle), or on
 * the tip watch's schedule the light check that runs it when a block arrived (shared/ingest/tipWatch.ts); this
 * file maps its telemetry onto Powertools: logger (service `ingest`), metrics (namespace `Hashwatch`).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from '../../shared/schema/z';
import { createIngestSources, type SourceWiring } from '../../shared/adapters/sources/ingestSources';
import type { SourceCall } from '../../shared/adapters/sources/sourceClient';
import type { IngestConfig } from '../../shared/config/ingestConfig';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { runIngest, type IngestDeps, type IngestSummary } from '../../shared/ingest/ingest';
import { runTipWatch, type TipWatchSummary } from '../../shared/ingest/tipWatch';
import type { IngestSources, NetworkRepository } from '../../shared/ingest/ports';
import type { IngestCounter, IngestTelemetry } from '../../shared/ingest/telemetry';
import { INGEST_METRICS, type SourceCallLogFields } from '../../shared/observability/metrics';

export type { IngestSummary, TipWatchSummary };

export interface IngestHandlerOptions {
  config: IngestConfig;
  repository: NetworkRepository;
  logger: Logger;
  metrics: Metrics;
  /** The bundled epoch table, the backfill's last resort. */
  bundledEpochs?: () => DifficultyEpoch[];
  /**
   * Whether `now` in the event may set the clock (local replay, tests). The deployed wiring passes
   * false unless HASHWATCH_ALLOW_CLOCK_OVERRIDE=true: a future-dated snapshot would skip the outlier
   * checks and freeze the signals. Default true: every other caller of the factory is local.
   */
  allowClockOverride?: boolean;
  /** Builds the sources for one invocation (default: the real clients from the config). */
  sources?: (config: IngestConfig, wiring: SourceWiring) => IngestSources;
}

/** The tip watch schedule's payload (infra/constructs/ingestion.ts); `now` as in any event. */
export interface TipWatchEvent {
  watch: 'tip';
  now?: string;
}

/**
 * One function, two schedules: the interval's (payload `{}`: backfill, then one cycle) and the tip
 * watch's (payload `{ "watch": "tip" }`: the light check, and the same ingest when a block arrived).
 * One function rather than two because the watch's cycle is the ingest itself, with the same
 * config, role and table grants (the check adds only a Query the cycle already makes).
 */
export interface IngestHandler {
  (event: TipWatchEvent, context: Context): Promise<TipWatchSummary>;
  /** The interval's schedule (or a local run): any event without `watch`. */
  (event: unknown, context: Context): Promise<IngestSummary>;
}

const eventSchema = z.nullish(
  z.looseObject({
    /** Overrides the clock (local replay, when allowed: see allowClockOverride); schedules send no such field. */
    now: z.optional(z.iso.datetime({ offset: true })),
    /** Sent by the tip watch schedule only; any other value is refused by name. */
    watch: z.optional(z.literal('tip')),
  }),
);

/** The counters that are metrics; the others (duplicates, price disagreement, fallbacks) are log lines only. */
const COUNTER_METRICS: ReadonlySet<IngestCounter> = new Set<IngestCounter>([
  INGEST_METRICS.snapshotStored,
  INGEST_METRICS.snapshotRejected,
]);

export function createIngestHandler(options: IngestHandlerOptions): IngestHandler {
  const { config, repository, logger, metrics } = options;
  const buildSources = options.sources ?? createIngestSources;

  // Per-source health is in the logs, one line per upstream call, not in per-source metrics: a
  // `Source` dimension would make 5 billable metrics of each figure (see shared/observability/metrics.ts).
  const logSourceCall = (call: SourceCall): void => {
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
  };

  const telemetry: IngestTelemetry = {
    count: (counter, value = 1) => {
      if (COUNTER_METRICS.has(counter)) metrics.addMetric(counter, MetricUnit.Count, value);
      else logger.info('ingest counter', { counter, value });
    },
    freshness: (seconds) => logger.info('data freshness', { dataFreshnessSeconds: Math.round(seconds) }),
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };

  const allowClockOverride = options.allowClockOverride ?? true;
  const invocationClock = (requestedNow: string | undefined): Date => {
    if (requestedNow === undefined) return new Date();
    if (allowClockOverride) return new Date(requestedNow);
    logger.warn('clock override ignored', { requestedNow, reason: 'HASHWATCH_ALLOW_CLOCK_OVERRIDE is not set' });
    return new Date();
  };

  const lambdaHandler = async (event: unknown): Promise<IngestSummary | TipWatchSummary> => {
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
    const sources = buildSources(config, { now: () => now, observe });
    const deps: IngestDeps = {
      sources,
      repository,
      config,
      telemetry,
      now,
      ...(options.bundledEpochs ? { bundledEpochs: options.bundledEpochs } : {}),
    };
    const logSummary = (summary: IngestSummary): void =>
      logger.info('ingest summary', {
        status: summary.cycle.status,
        intervalStart: summary.cycle.intervalStart,
        itemsWritten: summary.cycle.itemsWritten,
      });
    try {
      if (parsed?.watch === 'tip') {
        const watched = await runTipWatch(deps);
        if (watched.ingest) logSummary(watched.ingest);
        return watched;
      }
      const summary = await runIngest(deps);
      logSummary(summary);
      return summary;
    } finally {
      // Every run reports its count, 0 included, so the graph shows quiet runs as 0 and not as gaps.
      metrics.addMetric(INGEST_METRICS.sourceFailures, MetricUnit.Count, sourceFailures);
    }
  };

  return middy(lambdaHandler).use(injectLambdaContext(logger)).use(logMetrics(metrics)) as unknown as IngestHandler;
}

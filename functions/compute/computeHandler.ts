/**
 * The compute function's handler, built from its dependencies (handler.ts wires the real ones
 * from the environment; tests wire DynamoDB Local and a mocked SNS client, same code path).
 * middy + Powertools: logger (service `compute`), metrics (namespace `Hashwatch`) and the batch
 * processor for DynamoDB streams with partial batch responses, one record at a time in stream
 * order. A record that fails (poison data, a failed publish, DynamoDB trouble) is reported by its
 * sequence number; Lambda retries from there and the records behind it are never blocked for good.
 * The same function also answers the drain schedule (`{"drain":"scheduled"}`, every few minutes):
 * it publishes what waits in the outbox without a new snapshot, so alerts do not wait for the
 * ingest to recover, and it reports the outbox's age even while no snapshot arrives.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { storedPriceFromStreamRecord } from '../../shared/adapters/dynamo/powerPriceStreamRecord';
import { snapshotFromStreamRecord, streamRecordEntity } from '../../shared/adapters/dynamo/snapshotStreamRecord';
import { Entity } from '../../shared/store/tableKeys';
import { decideOnStoredPrice } from '../../shared/compute/computeSitePower';
import {
  computeSnapshot,
  drainOutbox,
  PublishFailedError,
  type ComputeDependencies,
  type ComputeOutcome,
  type DrainOutcome,
} from '../../shared/compute/computeSnapshot';
import { SCHEDULED_DRAIN_EVENT, scheduledDrainEventSchema } from '../../shared/compute/scheduledDrainEvent';
import { SIGNAL_IDS, type SignalId } from '../../shared/domain/signals/signalIds';
import { COMPUTE_METRICS } from '../../shared/observability/metrics';

/**
 * The compute metrics (names from the contract the alarms and dashboard use). No `Signal`
 * dimension: one dimension value per signal would be 8 billable metrics; which signals are active
 * is in the "snapshot computed" log line (`activeSignals`).
 */
export function recordComputeMetrics(metrics: Metrics, outcome: ComputeOutcome): void {
  metrics.addMetric(
    COMPUTE_METRICS.hashpriceUsdPerPhDay,
    MetricUnit.NoUnit,
    outcome.record.hashprice.expectedUsdPerPhDay,
  );
  metrics.addMetric(
    COMPUTE_METRICS.fleetShareNegativePct,
    MetricUnit.Percent,
    outcome.record.fleetShare.shareNegativePct,
  );
  metrics.addMetric(COMPUTE_METRICS.activeSignals, MetricUnit.Count, activeSignalIds(outcome).length);
}

/** The drain's figures, after every drain (a compute's or the scheduled one). */
export function recordDrainMetrics(metrics: Metrics, drain: DrainOutcome, nowMs: number): void {
  metrics.addMetric(COMPUTE_METRICS.publishFailures, MetricUnit.Count, drain.failed.length);
  const ageS = drain.oldestPendingAt ? Math.max(0, (nowMs - Date.parse(drain.oldestPendingAt)) / 1000) : 0;
  metrics.addMetric(COMPUTE_METRICS.outboxPendingAgeSeconds, MetricUnit.Seconds, Math.round(ageS));
}

/** The signals with at least one active subject, in SIGNAL_IDS order. */
export function activeSignalIds(outcome: ComputeOutcome): SignalId[] {
  return SIGNAL_IDS.filter((signal) => outcome.activeBySignal[signal]);
}

export interface ComputeHandlerOptions {
  deps: ComputeDependencies;
  logger: Logger;
  metrics: Metrics;
}

export { SCHEDULED_DRAIN_EVENT };

export interface ScheduledDrainResult {
  published: number;
  failed: number;
  oldestPendingAt: string | null;
}

export interface ComputeHandler {
  (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse>;
  (event: typeof SCHEDULED_DRAIN_EVENT, context: Context): Promise<ScheduledDrainResult>;
}

export function createComputeHandler({ deps, logger, metrics }: ComputeHandlerOptions): ComputeHandler {
  /** A new power price interval: the sites decide at the time it was stored, then the outbox drains. */
  const priceRecordHandler = async (record: DynamoDBRecord): Promise<void> => {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    let trigger;
    try {
      trigger = storedPriceFromStreamRecord(record);
    } catch (error) {
      logger.error('poison stream record', { sequenceNumber, error: error as Error });
      throw error;
    }
    const decided = await decideOnStoredPrice(trigger.storedAt, deps);
    const drain = await drainOutbox(deps);
    recordDrainMetrics(metrics, drain, (deps.nowMs ?? Date.now)());
    logger.info('sites decided on a new power price', {
      sequenceNumber,
      site: trigger.site,
      decidedAt: trigger.storedAt,
      recorded: decided.recorded.map((e) => ({
        id: e.id,
        signal: e.signal,
        subject: e.subject,
        transition: e.transition,
      })),
      published: drain.published.map((e) => e.id),
    });
    if (drain.failed.length > 0) {
      logger.error('publish failed; events stay in the outbox', { failed: drain.failed });
      throw new PublishFailedError(drain.failed);
    }
  };

  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
    if (streamRecordEntity(record) === Entity.PowerPrice) return priceRecordHandler(record);
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    let snapshot;
    try {
      snapshot = snapshotFromStreamRecord(record);
    } catch (error) {
      logger.error('poison stream record', { sequenceNumber, error: error as Error });
      throw error;
    }
    const outcome = await computeSnapshot(snapshot, deps);
    recordComputeMetrics(metrics, outcome);
    recordDrainMetrics(metrics, outcome.drain, (deps.nowMs ?? Date.now)());
    logger.info('snapshot computed', {
      sequenceNumber,
      intervalStart: snapshot.intervalStart,
      hashpriceUsdPerPhDay: outcome.record.hashprice.expectedUsdPerPhDay,
      fleetShareNegativePct: outcome.record.fleetShare.shareNegativePct,
      activeSignals: activeSignalIds(outcome),
      recorded: outcome.recorded.map((e) => ({
        id: e.id,
        signal: e.signal,
        subject: e.subject,
        transition: e.transition,
        severity: e.severity,
      })),
      published: outcome.drain.published.map((e) => e.id),
    });
    if (outcome.drain.setAside?.length)
      logger.error('events this build cannot read were set aside (status unpublishable)', {
        setAside: outcome.drain.setAside,
      });
    if (outcome.drain.failed.length > 0) {
      logger.error('publish failed; events stay in the outbox', { failed: outcome.drain.failed });
      throw new PublishFailedError(outcome.drain.failed);
    }
  };

  const streamHandler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    // A processor per invocation: it holds the batch's results, and the local run or a test may
    // call the same handler concurrently (Lambda never does, but nothing is saved by sharing it).
    // A batch whose every record failed is answered like any other (all of them listed) rather than
    // thrown: Lambda retries from the first one either way, and the response stays uniform.
    const response = await processPartialResponse(event, recordHandler, new BatchProcessor(EventType.DynamoDBStreams), {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
    // Every invocation reports its count, 0 included: the alarm's graph shows quiet runs as 0.
    metrics.addMetric(COMPUTE_METRICS.recordFailures, MetricUnit.Count, response.batchItemFailures.length);
    return response;
  };

  const drainHandler = async (): Promise<ScheduledDrainResult> => {
    // A failing drain is not thrown: what failed stays in the outbox for the next one, and the
    // metrics (publish failures, outbox age) are what the alarms watch.
    const drain = await drainOutbox(deps);
    recordDrainMetrics(metrics, drain, (deps.nowMs ?? Date.now)());
    const result = {
      published: drain.published.length,
      failed: drain.failed.length,
      oldestPendingAt: drain.oldestPendingAt ?? null,
    };
    if (drain.failed.length > 0 || drain.setAside?.length)
      logger.error('scheduled drain left events behind', {
        ...result,
        failures: drain.failed,
        setAside: drain.setAside,
      });
    else logger.info('scheduled drain', { ...result, heldBy: drain.heldBy });
    return result;
  };

  const handler = async (
    event: DynamoDBStreamEvent | typeof SCHEDULED_DRAIN_EVENT,
    context: Context,
  ): Promise<DynamoDBBatchResponse | ScheduledDrainResult> => {
    if ('Records' in event) return streamHandler(event, context);
    // Anything else must be the schedule's event, exactly: a mistyped target fails loudly.
    scheduledDrainEventSchema.parse(event);
    return drainHandler();
  };

  return middy(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics)) as unknown as ComputeHandler;
}

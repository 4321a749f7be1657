/**
 * The compute function's handler, built from its dependencies (handler.ts wires the real ones
 * from the environment; tests wire DynamoDB Local and a mocked SNS client, same code path).
 * middy + Powertools: logger (service `compute`), metrics (namespace `Hashwatch`) and the batch
 * processor for DynamoDB streams with partial batch responses, one record at a time in stream
 * order. A record that fails (poison data, a failed publish, DynamoDB trouble) is reported by its
 * sequence number; Lambda retries from there and the records behind it are never blocked for good.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { snapshotFromStreamRecord } from '../../shared/adapters/dynamo/snapshotStreamRecord';
import {
  computeSnapshot,
  PublishFailedError,
  type ComputeDependencies,
  type ComputeOutcome,
} from '../../shared/compute/computeSnapshot';
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
  metrics.addMetric(COMPUTE_METRICS.eventsPublished, MetricUnit.Count, outcome.drain.published.length);
  metrics.addMetric(COMPUTE_METRICS.publishFailures, MetricUnit.Count, outcome.drain.failed.length);
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

export type ComputeHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

export function createComputeHandler({ deps, logger, metrics }: ComputeHandlerOptions): ComputeHandler {
  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
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

  const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
    // A processor per invocation: it holds the batch's results, and the local run or a test may
    // call the same handler concurrently (Lambda never does, but nothing is saved by sharing it).
    // A batch whose every record failed is answered like any other (all of them listed) rather than
    // thrown: Lambda retries from the first one either way, and the response stays uniform.
    processPartialResponse(event, recordHandler, new BatchProcessor(EventType.DynamoDBStreams), {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });

  return middy(handler)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics)) as unknown as ComputeHandler;
}

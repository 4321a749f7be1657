/**
 * Computation: the compute function, fed by the table's stream, filtered to inserts of network
 * snapshots and power price intervals so that compute's own writes (profitability snapshots,
 * signal states, events, mode changes) never trigger it again.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COMPUTE_STREAM_FILTER_PATTERN } from '../../shared/store/streamFilter';
import { SCHEDULED_DRAIN_EVENT } from '../../shared/compute/scheduledDrainEvent';
import { SERVICE_NAMES } from '../../shared/observability/metrics';
import { assertConfigEnvironmentFits } from './functionEntries';
import { ON_FAILURE_QUEUE_ACTIONS, STREAM_READ_ACTIONS, TABLE_ACTIONS } from './functionGrants';
import { HashwatchFunction } from './hashwatchFunction';
import { scheduledInvoke } from './scheduledInvoke';

export interface ComputationProps {
  entry: string;
  table: dynamodb.ITableV2;
  topic: sns.ITopic;
  /** The topic's customer-managed key, if any (the AWS managed key needs no grant). */
  topicKey?: kms.IKey;
  computeConfig: Record<string, unknown>;
  logRetentionDays: logs.RetentionDays;
  failureQueue: sqs.IQueue;
  /** Where the drain schedule's undeliverable invocations go (the ingest schedule's queue). */
  scheduleDeadLetterQueue: sqs.IQueue;
}

/**
 * The outbox is drained by every compute and, so that alerts never wait for a new snapshot (an
 * ingest outage, a frozen source), by this schedule too: an event that could not be published
 * waits at most this long once SNS is healthy again.
 */
export const DRAIN_SCHEDULE_MINUTES = 5;

/** The stream settings, named so the tests and the docs (docs/signals.md) quote the same numbers. */
export const STREAM_SETTINGS = {
  batchSize: 10,
  retryAttempts: 3,
  /** Stream records live 24 h; a snapshot older than 6 h is history, not news. */
  maxRecordAge: Duration.hours(6),
} as const;

/**
 * Only brand-new network snapshots and power price intervals start a computation: the one pattern
 * the local stream poller applies too (shared/store/streamFilter.ts).
 */
export const COMPUTE_TRIGGER_FILTER = lambda.FilterCriteria.filter(COMPUTE_STREAM_FILTER_PATTERN);

/**
 * The on-failure destination with only the grant the mapping uses (eventSources.SqsDlq also
 * grants GetQueueAttributes and GetQueueUrl, which the mapping never sends).
 */
function sendOnlyQueueDestination(queue: sqs.IQueue): lambda.IEventSourceDlq {
  return {
    bind: (_target, targetHandler) => {
      targetHandler.addToRolePolicy(
        new iam.PolicyStatement({ actions: [...ON_FAILURE_QUEUE_ACTIONS], resources: [queue.queueArn] }),
      );
      return { destination: queue.queueArn };
    },
  };
}

export class HashwatchComputation extends Construct {
  readonly function: HashwatchFunction;

  constructor(scope: Construct, id: string, props: ComputationProps) {
    super(scope, id);
    const configEnvironment = { HASHWATCH_COMPUTE_CONFIG: JSON.stringify(props.computeConfig) };
    assertConfigEnvironmentFits('compute', configEnvironment);

    this.function = new HashwatchFunction(this, 'Function', {
      entry: props.entry,
      description: 'Hashwatch compute: profitability and capitulation signals from each new network snapshot',
      serviceName: SERVICE_NAMES.compute,
      logRetentionDays: props.logRetentionDays,
      memorySize: 512,
      timeout: Duration.seconds(60),
      environment: configEnvironment,
    })
      .bindTable(props.table, TABLE_ACTIONS.compute)
      .bindTopic(props.topic, props.topicKey);

    scheduledInvoke(this, 'DrainSchedule', {
      fn: this.function,
      functionRole: 'the compute function',
      description: `Drains the Hashwatch outbox every ${DRAIN_SCHEDULE_MINUTES} minutes, snapshot or not`,
      rateMinutes: DRAIN_SCHEDULE_MINUTES,
      input: SCHEDULED_DRAIN_EVENT,
      retryAttempts: 0,
      maxEventAgeMinutes: DRAIN_SCHEDULE_MINUTES,
      deadLetterQueue: props.scheduleDeadLetterQueue,
      noFailureQueueReason:
        "Asynchronous invocations are the drain schedule's, whose event carries nothing to replay: what a failed drain leaves stays in the outbox for the next one, five minutes later, and the outbox-age alarm watches it. Stream batches that fail every retry go to the mapping's on-failure queue (stream-failures), whose depth is alarmed.",
    });

    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('the Hashwatch table has no stream; the compute function needs one');
    // Read access to this one stream only. (The mapping is built directly rather than with
    // DynamoEventSource, which takes the v1 ITable; this keeps every grant in sight here.)
    this.function.executionRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [...STREAM_READ_ACTIONS],
        resources: [streamArn],
      }),
    );

    this.function.addEventSourceMapping('NewNetworkSnapshots', {
      eventSourceArn: streamArn,
      // TRIM_HORIZON: after a deploy or an outage, nothing still in the stream is skipped.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: STREAM_SETTINGS.batchSize,
      bisectBatchOnError: true,
      retryAttempts: STREAM_SETTINGS.retryAttempts,
      maxRecordAge: STREAM_SETTINGS.maxRecordAge,
      reportBatchItemFailures: true,
      // One batch at a time per shard: snapshots are processed in the order they were stored.
      parallelizationFactor: 1,
      filters: [COMPUTE_TRIGGER_FILTER],
      onFailure: sendOnlyQueueDestination(props.failureQueue),
    });
  }
}

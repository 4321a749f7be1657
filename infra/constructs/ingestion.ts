/**
 * Ingestion: the ingest function and the EventBridge Scheduler schedules that run it: the
 * interval's cycle and, unless `ingest.schedule.tipWatch.enabled` is false, the tip watch (issue
 * #28: every minute, payload `{ "watch": "tip" }`; shared/ingest/tipWatch.ts). Each schedule
 * retries a failed delivery and parks what it finally cannot deliver in a DLQ.
 */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ingestConfigSchema } from '../../shared/config/ingestConfig';
import { SERVICE_NAMES } from '../../shared/observability/metrics';
import { assertConfigEnvironmentFits } from './functionEntries';
import { TABLE_ACTIONS } from './functionGrants';
import { HashwatchFunction } from './hashwatchFunction';
import { additionalSchedule, scheduledInvoke } from './scheduledInvoke';

export interface IngestionProps {
  entry: string;
  table: dynamodb.ITableV2;
  scheduleRateMinutes: number;
  /** HASHWATCH_INGEST_CONFIG, with the schedule interval and retention already filled in. */
  ingestConfig: Record<string, unknown>;
  logRetentionDays: logs.RetentionDays;
  deadLetterQueue: sqs.IQueue;
}

/** Retries of a schedule invocation that Lambda throttled or refused. */
export const SCHEDULE_RETRY_ATTEMPTS = 3;

/**
 * The ingest's memory. Its worst case must stay under half of it (bench/ingestPeakRss.bench.ts
 * reads this setting from the synthesized template): with the per-endpoint response caps
 * (shared/adapters/sources/responseCaps.ts) a cycle alone peaks near 118 MiB, but the first run
 * on an empty table, which backfills, peaks near 197 MiB, over half of 256 MB: hence 512 MB (the
 * target half is 256 MiB). Twice the memory is also twice the CPU share, for the same GB-s price.
 */
const INGEST_MEMORY_MB = 512;

export class HashwatchIngestion extends Construct {
  readonly function: HashwatchFunction;
  readonly schedule: scheduler.Schedule;
  /** The tip watch's schedule (absent when the config disables it). */
  readonly tipWatchSchedule?: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const configEnvironment = {
      HASHWATCH_INGEST_CONFIG: JSON.stringify(props.ingestConfig),
    };
    assertConfigEnvironmentFits('ingest', configEnvironment);

    this.function = new HashwatchFunction(this, 'Function', {
      entry: props.entry,
      description: 'Hashwatch ingest: fetches network data and BTC price, validates and stores a snapshot',
      serviceName: SERVICE_NAMES.ingest,
      logRetentionDays: props.logRetentionDays,
      // Several upstream calls with fallbacks, each with its own timeout.
      timeout: Duration.seconds(60),
      memorySize: INGEST_MEMORY_MB,
      environment: configEnvironment,
    }).bindTable(props.table, TABLE_ACTIONS.ingest);

    this.schedule = scheduledInvoke(this, 'Schedule', {
      fn: this.function,
      functionRole: 'the ingest function',
      description: `Runs the Hashwatch ingest function every ${props.scheduleRateMinutes} minutes`,
      rateMinutes: props.scheduleRateMinutes,
      // The handler needs nothing from the payload; the clock is the invocation's own.
      input: {},
      retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
      maxEventAgeMinutes: Math.max(1, props.scheduleRateMinutes),
      deadLetterQueue: props.deadLetterQueue,
      noFailureQueueReason:
        'A failed scheduled run leaves nothing to replay: its event is the empty object the schedule sends, and the next run (one interval later) fetches fresher data anyway. Failed runs show in the Errors and stale-data alarms; deliveries the Scheduler itself cannot make go to the schedule DLQ.',
    });

    // The function's own copy of the settings decides the snapshot keys; the schedule follows it.
    const { tipWatch } = ingestConfigSchema.parse(props.ingestConfig).schedule;
    if (tipWatch.enabled)
      this.tipWatchSchedule = additionalSchedule(this, 'TipWatchSchedule', {
        fn: this.function,
        description: `Runs the Hashwatch ingest's tip watch every ${tipWatch.rateMinutes === 1 ? 'minute' : `${tipWatch.rateMinutes} minutes`} (a full cycle when a block arrived)`,
        rateMinutes: tipWatch.rateMinutes,
        input: { watch: 'tip' },
        retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
        // A late check is superseded by the next one a minute later (Scheduler's floor is 1 minute).
        maxEventAgeMinutes: Math.max(1, tipWatch.rateMinutes),
        deadLetterQueue: props.deadLetterQueue,
      });
  }
}

/**
 * Power price ingestion (issue #24): the power function, the EventBridge Scheduler schedule that
 * runs it every POWER_SCHEDULE_RATE_MINUTES, and one alarm per site whose price is fetched ("no
 * good price for the site's configured time"), to the operations topic the other alarms use. The
 * stack builds it only when the compute config has such a site (ERCOT, ENTSO-E or a feed): without
 * one there is no function, no schedule and no alarm, and nothing to pay.
 *
 * The role may: Query and PutItem on the table (TABLE_ACTIONS.power, what the code sends),
 * ssm:GetParameter on exactly the parameters the sites' configs name, and kms:Decrypt only through
 * SSM and only for those parameters (Parameter Store's encryption context), as the notifier's
 * (secureParameterReads.ts). The calls to ERCOT, ENTSO-E and the feeds are plain HTTPS: no grant.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COMPUTE_CONFIG_ENV } from '../../shared/config/computeConfig';
import { maxPriceAgeMinutesOf, secretParameterNamesOf, type FetchedPriceSite } from '../../shared/config/powerSites';
import {
  METRIC_DIMENSIONS,
  METRICS_NAMESPACE,
  POWER_METRIC_DIMENSIONS,
  POWER_METRICS,
  SERVICE_NAMES,
} from '../../shared/observability/metrics';
import { assertConfigEnvironmentFits } from './functionEntries';
import { TABLE_ACTIONS } from './functionGrants';
import { HashwatchFunction } from './hashwatchFunction';
import { grantSecureParameterReads } from './secureParameterReads';
import { SCHEDULE_RETRY_ATTEMPTS } from './ingestion';
import { scheduledInvoke } from './scheduledInvoke';

/**
 * Every 5 minutes: a 15-minute real-time interval is stored within 5 minutes of ERCOT publishing
 * it (the decision must come within one interval of its price), and a failed round is retried
 * by the next one, well inside ERCOT's 30 requests a minute.
 */
export const POWER_SCHEDULE_RATE_MINUTES = 5;

/**
 * Memory, MB. The round holds one report page at a time (a few hundred KB of JSON) and an archive
 * ZIP at most: far under 128 MB; 256 MB buys the CPU share that keeps parsing quick, at the same
 * GB-s price (the cost bench measures the duration at this setting).
 */
export const POWER_MEMORY_MB = 256;

/**
 * The price-age alarm's period and how many of them in a row: two 5-minute periods over the site's
 * maximum age (or without a report at all: a function that fails or never runs) raise it. Two,
 * not one, so that a schedule tick landing just past a period's edge is not an alarm.
 */
export const PRICE_AGE_ALARM = { periodMinutes: 5, evaluationPeriods: 2 } as const;

export interface PowerIngestionProps {
  entry: string;
  table: dynamodb.ITableV2;
  /** The sites whose price is fetched (at least one) and the compute config they come from. */
  sites: readonly FetchedPriceSite[];
  computeConfig: Record<string, unknown>;
  logRetentionDays: logs.RetentionDays;
  deadLetterQueue: sqs.IQueue;
  /** Where the price-age alarms go: the operations topic of every other alarm. */
  alarmTopic: sns.ITopic;
  /** Prefix of the alarm names (the stack prefix). */
  alarmNamePrefix: string;
}

/** The metric a site's price-age alarm watches (the function emits it: functions/power/powerHandler.ts). */
export function priceAgeMetric(site: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: POWER_METRICS.priceAgeMinutes,
    dimensionsMap: { [METRIC_DIMENSIONS.service]: SERVICE_NAMES.power, [POWER_METRIC_DIMENSIONS.site]: site },
    statistic: 'Maximum',
    period: Duration.minutes(PRICE_AGE_ALARM.periodMinutes),
  });
}

export class HashwatchPowerIngestion extends Construct {
  readonly function: HashwatchFunction;
  readonly schedule: scheduler.Schedule;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: PowerIngestionProps) {
    super(scope, id);
    if (props.sites.length === 0) throw new Error('the power ingestion needs a site whose price is fetched');
    const stack = Stack.of(this);
    const environment = { [COMPUTE_CONFIG_ENV]: JSON.stringify(props.computeConfig) };
    assertConfigEnvironmentFits('power', environment);

    this.function = new HashwatchFunction(this, 'Function', {
      entry: props.entry,
      description: "Hashwatch power: stores each site's new power price intervals (ERCOT, ENTSO-E, feeds)",
      serviceName: SERVICE_NAMES.power,
      logRetentionDays: props.logRetentionDays,
      // A login, a few report pages, the archive as a fallback, each with its own timeout and retries.
      timeout: Duration.seconds(60),
      memorySize: POWER_MEMORY_MB,
      environment,
    }).bindTable(props.table, TABLE_ACTIONS.power);

    const role = this.function.executionRole;
    grantSecureParameterReads(stack, role, secretParameterNamesOf(props.sites), {
      reader: 'The power function',
      parameters: "the sites' SecureString parameters",
      exactly: 'the parameters the site configs name',
    });

    this.schedule = scheduledInvoke(this, 'Schedule', {
      fn: this.function,
      functionRole: 'the power function',
      description: `Runs the Hashwatch power price ingest every ${POWER_SCHEDULE_RATE_MINUTES} minutes`,
      rateMinutes: POWER_SCHEDULE_RATE_MINUTES,
      // The handler needs nothing from the payload; the clock is the invocation's own.
      input: {},
      retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
      maxEventAgeMinutes: POWER_SCHEDULE_RATE_MINUTES,
      deadLetterQueue: props.deadLetterQueue,
      noFailureQueueReason:
        "A failed power round leaves nothing to replay: its event is the empty object the schedule sends, and the next round (5 minutes later) fetches from each site's latest stored interval anyway. A round that fails shows in each site's price-age alarm (a missing value counts as too old); deliveries the Scheduler itself cannot make go to the schedule DLQ.",
    });

    const notify = new actions.SnsAction(props.alarmTopic);
    props.sites.forEach((site, index) => {
      const maxAgeMinutes = maxPriceAgeMinutesOf(site);
      const alarm = new cloudwatch.Alarm(this, `PriceAge${index}`, {
        alarmName: `${props.alarmNamePrefix}-power-price-age-${site.name}`,
        alarmDescription: `Site "${site.name}" (${site.powerPrice.type}) has had no good power price for ${maxAgeMinutes} minutes (its curtailment.maxPriceAgeMinutes), or the power function stopped reporting: no curtail or resume decision is taken on its price until one comes. See the power function's log group ("power price site failed" / "power price site stale").`,
        metric: priceAgeMetric(site.name),
        threshold: maxAgeMinutes,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: PRICE_AGE_ALARM.evaluationPeriods,
        datapointsToAlarm: PRICE_AGE_ALARM.evaluationPeriods,
        // A function that fails or never runs reports nothing: that is no good price either.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
      alarm.addAlarmAction(notify);
      // The owner also hears when the site has a good price again.
      alarm.addOkAction(notify);
      this.alarms.push(alarm);
    });
  }
}

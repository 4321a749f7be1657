/**
 * Failures made visible: alarms to the operations topic (function errors, any message in a DLQ,
 * no new snapshot for 3 intervals, SNS delivery failures, publish failures), and a dashboard with
 * the economics (hashprice, share of the fleet losing money, signal states) and the health of
 * each ingest source.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SIGNAL_IDS } from '../../shared/domain/signals/signalIds';
import {
  COMPUTE_METRICS,
  INGEST_METRICS,
  INGEST_SOURCES,
  METRIC_DIMENSIONS,
  METRICS_NAMESPACE,
  SERVICE_NAMES,
} from '../../shared/observability/metrics';

export interface ObservabilityProps {
  scheduleRateMinutes: number;
  operationsTopic: sns.ITopic;
  alertsTopic: sns.ITopic;
  functions: { ingest: lambda.IFunction; compute: lambda.IFunction; calculator: lambda.IFunction };
  deadLetterQueues: Record<string, sqs.IQueue>;
  dashboard: boolean;
  /** Prefix of alarm and dashboard names. */
  namePrefix: string;
}

/** How many intervals without a stored snapshot make the data stale. */
export const STALE_INTERVALS = 3;

function hashwatchMetric(
  service: string,
  metricName: string,
  statistic: string,
  period: Duration,
  extraDimensions: Record<string, string> = {},
  label?: string,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { [METRIC_DIMENSIONS.service]: service, ...extraDimensions },
    statistic,
    period,
    label,
  });
}

export class HashwatchObservability extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard?: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const interval = Duration.minutes(props.scheduleRateMinutes);
    const fiveMinutes = Duration.minutes(5);
    const notify = new actions.SnsAction(props.operationsTopic);
    const addAlarm = (alarm: cloudwatch.Alarm): cloudwatch.Alarm => {
      alarm.addAlarmAction(notify);
      // The owner also hears when it is over.
      alarm.addOkAction(notify);
      this.alarms.push(alarm);
      return alarm;
    };
    const prefix = props.namePrefix;

    // 1. Function errors.
    for (const [name, fn] of Object.entries(props.functions)) {
      addAlarm(
        new cloudwatch.Alarm(this, `${name}Errors`, {
          alarmName: `${prefix}-${name}-errors`,
          alarmDescription: `The ${name} function failed at least once in ${props.scheduleRateMinutes} minutes. See its log group.`,
          metric: fn.metricErrors({ period: interval, statistic: 'Sum' }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    // 2. Anything in a dead-letter queue is something lost until a human looks.
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      addAlarm(
        new cloudwatch.Alarm(this, `${name}Depth`, {
          alarmName: `${prefix}-${name}-not-empty`,
          alarmDescription: `The ${name} dead-letter queue holds messages. Inspect them, fix the cause, then redrive or purge.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    // 3. Stale data: no snapshot stored for 3 intervals. Missing data is breaching: an ingest
    // function that never runs emits nothing at all.
    addAlarm(
      new cloudwatch.Alarm(this, 'StaleData', {
        alarmName: `${prefix}-stale-data`,
        alarmDescription: `No new network snapshot was stored for ${STALE_INTERVALS} intervals (${STALE_INTERVALS * props.scheduleRateMinutes} minutes).`,
        metric: hashwatchMetric(SERVICE_NAMES.ingest, INGEST_METRICS.snapshotStored, 'Sum', interval),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: STALE_INTERVALS,
        datapointsToAlarm: STALE_INTERVALS,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );

    // 4. SNS could not deliver to a subscriber (after its retries).
    addAlarm(
      new cloudwatch.Alarm(this, 'AlertDeliveryFailures', {
        alarmName: `${prefix}-alert-delivery-failures`,
        alarmDescription: 'SNS failed to deliver an alert to a subscriber; the message is in the subscription dead-letter queue.',
        metric: props.alertsTopic.metricNumberOfNotificationsFailed({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    // 5. The compute function could not publish an event to the alerts topic.
    addAlarm(
      new cloudwatch.Alarm(this, 'PublishFailures', {
        alarmName: `${prefix}-publish-failures`,
        alarmDescription: 'The compute function failed to publish a signal event to SNS (it stays in the outbox and is retried).',
        metric: hashwatchMetric(SERVICE_NAMES.compute, COMPUTE_METRICS.publishFailures, 'Sum', interval),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    if (props.dashboard) this.dashboard = this.buildDashboard(props, interval);
  }

  private buildDashboard(props: ObservabilityProps, interval: Duration): cloudwatch.Dashboard {
    const hour = Duration.hours(1);
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${props.namePrefix}`,
      defaultInterval: Duration.days(7),
    });
    const compute = SERVICE_NAMES.compute;
    const ingest = SERVICE_NAMES.ingest;
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Hashprice (USD per PH/s per day)',
        left: [hashwatchMetric(compute, COMPUTE_METRICS.hashpriceUsdPerPhDay, 'Average', hour, {}, 'hashprice')],
        leftYAxis: { min: 0, label: 'USD/PH/day', showUnits: false },
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Share of the global fleet cash-flow negative (%)',
        left: [hashwatchMetric(compute, COMPUTE_METRICS.fleetShareNegativePct, 'Average', hour, {}, 'share negative')],
        leftYAxis: { min: 0, max: 100, label: '%', showUnits: false },
        leftAnnotations: [
          { value: 15, label: 'warning (default)', color: cloudwatch.Color.ORANGE },
          { value: 20, label: 'critical (default)', color: cloudwatch.Color.RED },
        ],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Signal states (1 = active)',
        left: SIGNAL_IDS.map((signal) =>
          hashwatchMetric(compute, COMPUTE_METRICS.signalActive, 'Maximum', interval, { [METRIC_DIMENSIONS.signal]: signal }, signal),
        ),
        leftYAxis: { min: 0, max: 1, showUnits: false },
        width: 24,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Ingest sources: successes',
        left: INGEST_SOURCES.map((source) =>
          hashwatchMetric(ingest, INGEST_METRICS.sourceSuccess, 'Sum', hour, { [METRIC_DIMENSIONS.source]: source }, source),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Ingest sources: failures',
        left: INGEST_SOURCES.map((source) =>
          hashwatchMetric(ingest, INGEST_METRICS.sourceFailure, 'Sum', hour, { [METRIC_DIMENSIONS.source]: source }, source),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Ingest sources: latency p90 (ms)',
        left: INGEST_SOURCES.map((source) =>
          hashwatchMetric(ingest, INGEST_METRICS.sourceLatency, 'p90', hour, { [METRIC_DIMENSIONS.source]: source }, source),
        ),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Snapshots stored / rejected, fallbacks used',
        left: [
          hashwatchMetric(ingest, INGEST_METRICS.snapshotStored, 'Sum', hour, {}, 'stored'),
          hashwatchMetric(ingest, INGEST_METRICS.snapshotRejected, 'Sum', hour, {}, 'rejected'),
          hashwatchMetric(ingest, INGEST_METRICS.fallbackUsed, 'Sum', hour, {}, 'fallback used'),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Data freshness (s) and events published',
        left: [hashwatchMetric(ingest, INGEST_METRICS.dataFreshnessSeconds, 'Maximum', interval, {}, 'freshness (s)')],
        right: [hashwatchMetric(compute, COMPUTE_METRICS.eventsPublished, 'Sum', hour, {}, 'events published')],
        width: 12,
      }),
    );
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
    return dashboard;
  }
}

/**
 * Failures made visible: alarms to the operations topic (function errors, any message in a DLQ,
 * no new snapshot for 3 intervals, SNS delivery failures, publish failures), and a dashboard with
 * the economics (hashprice, share of the fleet losing money, active signals) and the health of
 * each ingest source. The metrics are the ten of shared/observability/metrics.ts (CloudWatch's free
 * ten); what would need a per-source or per-signal dimension comes from the functions' structured
 * logs through Logs Insights widgets (a query per dashboard view, over a few MB of logs).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  CALCULATOR_METRICS,
  COMPUTE_METRICS,
  INGEST_METRICS,
  METRIC_DIMENSIONS,
  METRICS_NAMESPACE,
  SERVICE_NAMES,
} from '../../shared/observability/metrics';

export interface ObservabilityProps {
  scheduleRateMinutes: number;
  operationsTopic: sns.ITopic;
  alertsTopic: sns.ITopic;
  functions: {
    ingest: lambda.IFunction;
    compute: lambda.IFunction;
    calculator: lambda.IFunction;
    api: lambda.IFunction;
    notifier?: lambda.IFunction;
  };
  /** Log groups the dashboard's Logs Insights widgets query (per-source health, active signals). */
  logGroups: { ingest: logs.ILogGroup; compute: logs.ILogGroup };
  deadLetterQueues: Record<string, sqs.IQueue>;
  dashboard: boolean;
  /** Prefix of alarm and dashboard names. */
  namePrefix: string;
}

/** How many intervals without a stored snapshot make the data stale. */
export const STALE_INTERVALS = 3;

/**
 * An event pending longer than this raises the outbox-age alarm: a healthy compute publishes
 * within a minute, a failed publish is retried by the drain schedule every DRAIN_SCHEDULE_MINUTES
 * and a dead worker's lease runs out after 5 minutes, so 15 minutes means publishing is stuck.
 */
export const OUTBOX_MAX_AGE_MINUTES = 15;

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
    /** An alarm on anything at all in one period (a count above 0); silence is fine. */
    const alarmOnAny = (alarmId: string, alarmName: string, alarmDescription: string, metric: cloudwatch.IMetric) =>
      addAlarm(
        new cloudwatch.Alarm(this, alarmId, {
          alarmName: `${prefix}-${alarmName}`,
          alarmDescription,
          metric,
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );

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
      alarmOnAny(
        `${name}Depth`,
        `${name}-not-empty`,
        `The ${name} dead-letter queue holds messages. Inspect them, fix the cause, then redrive or purge.`,
        queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
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
    alarmOnAny(
      'AlertDeliveryFailures',
      'alert-delivery-failures',
      'SNS failed to deliver an alert to a subscriber; the message is in the subscription dead-letter queue.',
      props.alertsTopic.metricNumberOfNotificationsFailed({ period: fiveMinutes, statistic: 'Sum' }),
    );

    // 5. An event has waited too long to be published: SNS refusing, a lease held by a dead
    // worker, a drain that does not run. It replaces an alarm on each failed publish: a blip
    // the next drain repairs is no reason to wake the owner; an event that stays is. The drain
    // schedule reports every 5 minutes, so missing data means nothing watches the outbox.
    addAlarm(
      new cloudwatch.Alarm(this, 'OutboxAge', {
        alarmName: `${prefix}-outbox-age`,
        alarmDescription: `A signal event has waited more than ${OUTBOX_MAX_AGE_MINUTES} minutes to be published (or the outbox drain stopped reporting). See the compute log group: "publish failed", "scheduled drain left events behind".`,
        metric: hashwatchMetric(SERVICE_NAMES.compute, COMPUTE_METRICS.outboxPendingAgeSeconds, 'Maximum', fiveMinutes),
        threshold: OUTBOX_MAX_AGE_MINUTES * 60,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        // Two of three 5-minute periods over the age or without a report: one period the drain's
        // timing left empty is no alarm.
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );

    // 6. The compute reported stream records failed (a partial batch response is not an error
    // to Lambda, so the errors alarm never sees them).
    alarmOnAny(
      'ComputeRecordFailures',
      'compute-record-failures',
      'The compute function failed on at least one snapshot (retried by Lambda, then sent to the stream-failures queue). See its log group.',
      hashwatchMetric(SERVICE_NAMES.compute, COMPUTE_METRICS.recordFailures, 'Sum', interval),
    );

    // 7. The calculator or the read API failed on our side (they answer 500 rather than throwing;
    // both count it in CalculatorFailed, shared/observability/metrics.ts).
    alarmOnAny(
      'CalculatorFailures',
      'calculator-failures',
      'The calculator or the read API (api function) answered at least one request with a 500 (our failure, not a bad request). See their log groups.',
      hashwatchMetric(SERVICE_NAMES.calculator, CALCULATOR_METRICS.calculatorFailed, 'Sum', interval),
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
    /** Two axes of counts (from 0), half the dashboard's width. */
    const countsGraph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[]) =>
      new cloudwatch.GraphWidget({
        title,
        left,
        right,
        leftYAxis: { min: 0, showUnits: false },
        rightYAxis: { min: 0, showUnits: false },
        width: 12,
      });
    /** A Logs Insights table over one function's log group: detail that would cost a metric. */
    const logTable = (title: string, group: logs.ILogGroup, queryLines: string[]) =>
      new cloudwatch.LogQueryWidget({
        title,
        logGroupNames: [group.logGroupName],
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        queryLines,
        width: 12,
      });
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
      countsGraph(
        'Active signals (count), events published',
        [hashwatchMetric(compute, COMPUTE_METRICS.activeSignals, 'Maximum', interval, {}, 'active signals')],
        // The compute is the alerts topic's only publisher: SNS's own count, at no metric cost.
        [
          props.alertsTopic.metricNumberOfMessagesPublished({
            period: hour,
            statistic: 'Sum',
            label: 'events published',
          }),
        ],
      ),
      logTable('Active signals (latest computations)', props.logGroups.compute, [
        "filter message = 'snapshot computed'",
        'fields @timestamp, intervalStart, activeSignals',
        'sort @timestamp desc',
        'limit 12',
      ]),
    );
    dashboard.addWidgets(
      countsGraph(
        'Ingest: source failures, snapshots stored / rejected',
        [hashwatchMetric(ingest, INGEST_METRICS.sourceFailures, 'Sum', hour, {}, 'source calls failed')],
        [
          hashwatchMetric(ingest, INGEST_METRICS.snapshotStored, 'Sum', hour, {}, 'stored'),
          hashwatchMetric(ingest, INGEST_METRICS.snapshotRejected, 'Sum', hour, {}, 'rejected'),
        ],
      ),
      // Per-source health from the ingest function's one log line per upstream call (see
      // SourceCallLogFields): calls, failures and latency by source, at no metric cost.
      logTable('Ingest sources: calls by outcome, latency (ms)', props.logGroups.ingest, [
        'filter ispresent(source) and ispresent(outcome)',
        'stats count(*) as calls, avg(latencyMs) as avgMs, pct(latencyMs, 90) as p90Ms, max(attempts) as maxAttempts by source, outcome',
        'sort source asc, outcome asc',
      ]),
    );
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Publish and record failures (compute), calculator failures; outbox age (s)',
        left: [
          hashwatchMetric(compute, COMPUTE_METRICS.publishFailures, 'Sum', hour, {}, 'publish failures'),
          hashwatchMetric(compute, COMPUTE_METRICS.recordFailures, 'Sum', hour, {}, 'record failures'),
          hashwatchMetric(
            SERVICE_NAMES.calculator,
            CALCULATOR_METRICS.calculatorFailed,
            'Sum',
            hour,
            {},
            'calculator failures',
          ),
        ],
        right: [
          hashwatchMetric(
            compute,
            COMPUTE_METRICS.outboxPendingAgeSeconds,
            'Maximum',
            Duration.minutes(5),
            {},
            'outbox age',
          ),
        ],
        leftYAxis: { min: 0, showUnits: false },
        rightYAxis: { min: 0, showUnits: false },
        width: 24,
      }),
    );
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
    return dashboard;
  }
}

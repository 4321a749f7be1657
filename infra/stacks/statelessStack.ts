/**
 * The stateless half: functions, schedule, stream mapping, Function URLs, alarms and dashboard.
 * Nothing here holds data, so it can be redeployed (or destroyed and recreated) freely.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ingestFunctionConfig, type HashwatchConfig } from '../config/hashwatchConfig';
import { HashwatchReadApi } from '../constructs/api';
import { HashwatchCalculator } from '../constructs/calculator';
import { HashwatchComputation } from '../constructs/computation';
import { DEFAULT_FUNCTION_ENTRIES, type FunctionEntries } from '../constructs/functionEntries';
import { HashwatchIngestion } from '../constructs/ingestion';
import { HashwatchNotifications } from '../constructs/notifications';
import { HashwatchObservability } from '../constructs/observability';
import { HashwatchPowerIngestion } from '../constructs/powerIngestion';
import { parseComputeConfig } from '../../shared/config/computeConfig';
import { fetchedPriceSites } from '../../shared/config/powerSites';

export interface StatelessStackProps extends StackProps {
  config: HashwatchConfig;
  table: dynamodb.ITableV2;
  alertsTopic: sns.ITopic;
  operationsTopic: sns.ITopic;
  topicKey?: kms.IKey;
  scheduleDeadLetterQueue: sqs.IQueue;
  streamFailureQueue: sqs.IQueue;
  subscriptionDeadLetterQueue: sqs.IQueue;
  /** Required when config.notifications is not empty. */
  notificationFailureQueue?: sqs.IQueue;
  /** Handler files; default functions/<name>/handler.ts. */
  functionEntries?: FunctionEntries;
}

export class HashwatchStatelessStack extends Stack {
  readonly ingestion: HashwatchIngestion;
  readonly computation: HashwatchComputation;
  readonly calculator: HashwatchCalculator;
  readonly api: HashwatchReadApi;
  readonly observability: HashwatchObservability;
  readonly notifications?: HashwatchNotifications;
  /** Only when a site's power price is fetched (ERCOT, ENTSO-E, a feed). */
  readonly powerIngestion?: HashwatchPowerIngestion;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const entries = props.functionEntries ?? DEFAULT_FUNCTION_ENTRIES;
    const logRetentionDays = config.logRetentionDays as logs.RetentionDays;

    this.ingestion = new HashwatchIngestion(this, 'Ingestion', {
      entry: entries.ingest,
      table: props.table,
      scheduleRateMinutes: config.scheduleRateMinutes,
      ingestConfig: ingestFunctionConfig(config),
      logRetentionDays,
      deadLetterQueue: props.scheduleDeadLetterQueue,
    });
    this.computation = new HashwatchComputation(this, 'Computation', {
      entry: entries.compute,
      table: props.table,
      topic: props.alertsTopic,
      topicKey: props.topicKey,
      computeConfig: config.compute,
      logRetentionDays,
      failureQueue: props.streamFailureQueue,
      scheduleDeadLetterQueue: props.scheduleDeadLetterQueue,
    });
    this.calculator = new HashwatchCalculator(this, 'Calculator', {
      entry: entries.calculator,
      table: props.table,
      logRetentionDays,
      reservedConcurrency: config.calculator.reservedConcurrency,
      invokerPrincipalArns: config.calculator.invokerPrincipalArns,
    });
    this.api = new HashwatchReadApi(this, 'Api', {
      entry: entries.api,
      table: props.table,
      computeConfig: config.compute,
      logRetentionDays,
      invokerPrincipalArns: config.calculator.invokerPrincipalArns,
    });
    if (config.notifications.length > 0) {
      if (!props.notificationFailureQueue) throw new Error('notification channels need the notification failure queue');
      this.notifications = new HashwatchNotifications(this, 'Notifications', {
        entry: entries.notifier,
        channels: config.notifications,
        table: props.table,
        alertsTopic: props.alertsTopic,
        subscriptionDeadLetterQueue: props.subscriptionDeadLetterQueue,
        failureQueue: props.notificationFailureQueue,
        logRetentionDays,
      });
    }
    const powerSites = fetchedPriceSites(parseComputeConfig(config.compute));
    if (powerSites.length > 0) {
      this.powerIngestion = new HashwatchPowerIngestion(this, 'PowerIngestion', {
        entry: entries.power,
        table: props.table,
        sites: powerSites,
        computeConfig: config.compute,
        logRetentionDays,
        deadLetterQueue: props.scheduleDeadLetterQueue,
        alarmTopic: props.operationsTopic,
        alarmNamePrefix: config.stackPrefix,
      });
    }
    this.observability = new HashwatchObservability(this, 'Observability', {
      scheduleRateMinutes: config.scheduleRateMinutes,
      operationsTopic: props.operationsTopic,
      alertsTopic: props.alertsTopic,
      functions: {
        ingest: this.ingestion.function,
        compute: this.computation.function,
        calculator: this.calculator.function,
        api: this.api.function,
        ...(this.notifications ? { notifier: this.notifications.function } : {}),
      },
      logGroups: {
        ingest: this.ingestion.function.logGroupResource,
        compute: this.computation.function.logGroupResource,
      },
      deadLetterQueues: {
        'schedule-dlq': props.scheduleDeadLetterQueue,
        'stream-failures': props.streamFailureQueue,
        'subscription-dlq': props.subscriptionDeadLetterQueue,
        ...(props.notificationFailureQueue ? { 'notification-failures': props.notificationFailureQueue } : {}),
      },
      dashboard: config.dashboard,
      namePrefix: config.stackPrefix,
    });

    new CfnOutput(this, 'CalculatorUrl', {
      value: this.calculator.functionUrl.url,
      description: 'Function URL of the calculator (AWS_IAM auth: SigV4-sign requests for service "lambda")',
    });
    new CfnOutput(this, 'CalculatorFunctionName', {
      value: this.calculator.function.functionName,
      description: 'aws lambda invoke --function-name <this>',
    });
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.functionUrl.url,
      description: 'Function URL of the read API, GET /v1/... (AWS_IAM auth: SigV4-sign requests for service "lambda")',
    });
    new CfnOutput(this, 'ApiFunctionName', {
      value: this.api.function.functionName,
      description: 'Read API logs: aws logs tail /aws/lambda/<this>',
    });
    new CfnOutput(this, 'IngestFunctionName', { value: this.ingestion.function.functionName });
    new CfnOutput(this, 'ComputeFunctionName', { value: this.computation.function.functionName });
    if (this.notifications) {
      new CfnOutput(this, 'NotifierFunctionName', {
        value: this.notifications.function.functionName,
        description: 'Delivery logs: aws logs tail /aws/lambda/<this>',
      });
    }
    if (this.powerIngestion) {
      new CfnOutput(this, 'PowerFunctionName', {
        value: this.powerIngestion.function.functionName,
        description: 'Power price rounds: aws logs tail /aws/lambda/<this>',
      });
    }
    if (this.observability.dashboard) {
      new CfnOutput(this, 'DashboardName', { value: this.observability.dashboard.dashboardName });
    }
  }
}

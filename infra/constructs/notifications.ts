/**
 * Notifications: the notifier function, and per configured channel (Telegram, Discord, Slack,
 * signed webhook) one alias named by the channel's key and one SNS subscription of the alerts
 * topic to that alias with the channel's filter policy. One subscription per channel means one
 * invocation per (event, channel): a slow or failing channel retries and fails on its own.
 * Where an undeliverable alert ends:
 *   - SNS could not invoke the alias (throttled, permission): the subscription's redrive policy
 *     sends it to the subscription dead-letter queue (as for e-mail and HTTPS subscribers);
 *   - the function failed after its own retries: Lambda retries the event RETRY_ATTEMPTS times,
 *     then its on-failure destination puts the event and the error in the notification failure
 *     queue. Both queues are alarmed (observability.ts).
 * The role may: UpdateItem on the table (the delivery records), ssm:GetParameter on exactly the
 * parameters the config names, and kms:Decrypt only through SSM, only for those parameters (the
 * encryption context Parameter Store uses). The environment carries the channel list without any
 * secret: the config schema refuses inline secrets.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { channelKey, parameterNamesOf, type NotificationChannelConfig } from '../../shared/notify/channelConfig';
import { SERVICE_NAMES } from '../../shared/observability/metrics';
import { toFilterPolicy } from './alerting';
import { assertConfigEnvironmentFits } from './functionEntries';
import { ON_FAILURE_QUEUE_ACTIONS } from './functionGrants';
import { HashwatchFunction } from './hashwatchFunction';
import { grantSecureParameterReads } from './secureParameterReads';

/**
 * An SQS on-failure destination granted exactly what Lambda sends to it (sqs:SendMessage). CDK's
 * SqsDestination grants through grantSendMessages, which adds sqs:GetQueueAttributes and
 * sqs:GetQueueUrl: neither the function nor Lambda's destination delivery ever sends them.
 */
class SendOnlyQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...ON_FAILURE_QUEUE_ACTIONS], resources: [this.queue.queueArn] }),
    );
    return { destination: this.queue.queueArn };
  }
}

export const NOTIFIER_SETTINGS = {
  /** Room for a 429's wait and a few back-offs; deliverWithRetry stops short of it. */
  timeout: Duration.seconds(90),
  /** Lambda's own retries of a failed invocation (about 1 and 2 minutes later), then the DLQ. */
  retryAttempts: 2,
  /** An alert older than this is not news any more: it goes to the DLQ instead. */
  maxEventAge: Duration.hours(6),
} as const;

/** The only table action the notifier needs: conditional claims and settlements of its records. */
export const NOTIFIER_TABLE_ACTIONS = ['dynamodb:UpdateItem'] as const;

export interface NotificationsProps {
  entry: string;
  channels: readonly NotificationChannelConfig[];
  table: dynamodb.ITableV2;
  alertsTopic: sns.ITopic;
  /** Where SNS puts a message it could not hand to the function. */
  subscriptionDeadLetterQueue: sqs.IQueue;
  /** The on-failure destination of the function's asynchronous invocations. */
  failureQueue: sqs.IQueue;
  logRetentionDays: logs.RetentionDays;
}

export class HashwatchNotifications extends Construct {
  readonly function: HashwatchFunction;
  readonly aliases: lambda.Alias[] = [];

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const environment = { HASHWATCH_NOTIFICATIONS: JSON.stringify(props.channels) };
    assertConfigEnvironmentFits('notifier', environment);

    this.function = new HashwatchFunction(this, 'Function', {
      entry: props.entry,
      description: 'Hashwatch notifier: delivers each alert to one Telegram, Discord, Slack or signed-webhook channel',
      serviceName: SERVICE_NAMES.notifier,
      // Its failures are Lambda's own Errors metric and the failure queue's alarm: no custom metric.
      emitsMetrics: false,
      logRetentionDays: props.logRetentionDays,
      memorySize: 256,
      timeout: NOTIFIER_SETTINGS.timeout,
      environment,
    });
    const role = this.function.executionRole;
    this.function.addEnvironment('TABLE_NAME', props.table.tableName);
    role.addToPolicy(
      new iam.PolicyStatement({ actions: [...NOTIFIER_TABLE_ACTIONS], resources: [props.table.tableArn] }),
    );

    grantSecureParameterReads(stack, role, parameterNamesOf(props.channels), {
      reader: 'The notifier',
      parameters: 'its SecureString parameters',
      exactly: 'the configured parameters',
    });

    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'SNS invokes it asynchronously and its on-failure destination (NotificationFailureQueue, alarmed) receives every event that failed all retries, with the error: the destination replaces a function DLQ.',
    });

    const version = this.function.currentVersion;
    for (const channel of props.channels) {
      const key = channelKey(channel);
      const alias = new lambda.Alias(this, `Channel-${key}`, {
        aliasName: key,
        version,
        description: `Hashwatch notifier: the ${channel.type} channel ${key}`,
        retryAttempts: NOTIFIER_SETTINGS.retryAttempts,
        maxEventAge: NOTIFIER_SETTINGS.maxEventAge,
        onFailure: new SendOnlyQueueDestination(props.failureQueue),
      });
      const subscription = props.alertsTopic.addSubscription(
        new subscriptions.LambdaSubscription(alias, {
          filterPolicy: toFilterPolicy(channel.filter),
          deadLetterQueue: props.subscriptionDeadLetterQueue,
        }),
      );
      Validations.of(subscription).acknowledge({
        id: 'CloudFormation-Validate::W3694',
        reason:
          "SNS accepts a Lambda alias ARN as a 'lambda' endpoint (and invokes that alias); the linter only knows functions. The alias is what tells the notifier which channel an invocation serves.",
      });
      this.aliases.push(alias);
    }
  }
}

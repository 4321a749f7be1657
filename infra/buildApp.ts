/**
 * Builds the two Hashwatch stacks into an app. Shared by infra/app.ts (the CDK entry point) and
 * the tests, so that what is tested is what is deployed.
 */
import { CfnOutput, Tags, type App } from 'aws-cdk-lib';
import type { HashwatchConfig } from './config/hashwatchConfig';
import type { FunctionEntries } from './constructs/functionEntries';
import { HashwatchStatefulStack } from './stacks/statefulStack';
import { HashwatchStatelessStack } from './stacks/statelessStack';

export interface HashwatchStacks {
  stateful: HashwatchStatefulStack;
  stateless: HashwatchStatelessStack;
}

export interface BuildOptions {
  functionEntries?: FunctionEntries;
  /** Account and region; default: the CLI's (CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION). */
  env?: { account?: string; region?: string };
}

export function buildHashwatchApp(app: App, config: HashwatchConfig, options: BuildOptions = {}): HashwatchStacks {
  const env = options.env ?? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new HashwatchStatefulStack(app, `${config.stackPrefix}-Stateful`, {
    config,
    env,
    description: 'Hashwatch: table, topics, key, subscriptions and dead-letter queues (retained)',
    terminationProtection: true,
  });
  const stateless = new HashwatchStatelessStack(app, `${config.stackPrefix}-Stateless`, {
    config,
    env,
    description: 'Hashwatch: functions, schedule, stream mapping, calculator URL, alarms and dashboard',
    table: stateful.table,
    alertsTopic: stateful.alertsTopic,
    operationsTopic: stateful.operationsTopic,
    topicKey: stateful.topicKey,
    scheduleDeadLetterQueue: stateful.scheduleDeadLetterQueue,
    streamFailureQueue: stateful.streamFailureQueue,
    subscriptionDeadLetterQueue: stateful.subscriptionDeadLetterQueue,
    notificationFailureQueue: stateful.notificationFailureQueue,
    functionEntries: options.functionEntries,
  });
  // The cross-stack references (table, topics, queues) already order the deployment.

  new CfnOutput(stateful, 'TableName', { value: stateful.table.tableName });
  new CfnOutput(stateful, 'AlertsTopicArn', {
    value: stateful.alertsTopic.topicArn,
    description: 'Subscribe more endpoints here',
  });
  new CfnOutput(stateful, 'OperationsTopicArn', {
    value: stateful.operationsTopic.topicArn,
    description: 'Alarm notifications',
  });

  if (stateful.notificationFailureQueue) {
    new CfnOutput(stateful, 'NotificationFailureQueueUrl', {
      value: stateful.notificationFailureQueue.queueUrl,
      description: 'Alerts the notifier could not deliver, with the error (aws sqs receive-message --queue-url <this>)',
    });
  }

  Tags.of(app).add('application', 'hashwatch');
  return { stateful, stateless };
}

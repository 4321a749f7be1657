/**
 * The stateful half: what holds data or identity and must survive for years. The table, the key,
 * the topics with their subscriptions (recreating a subscription would make every recipient confirm
 * again) and the dead-letter queues (their messages are evidence). Rarely changed, everything
 * retained on delete.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { HashwatchConfig } from '../config/hashwatchConfig';
import { HashwatchAlerting } from '../constructs/alerting';
import { createDeadLetterQueue } from '../constructs/deadLetterQueue';
import { HashwatchStorage } from '../constructs/storage';

export interface StatefulStackProps extends StackProps {
  config: HashwatchConfig;
}

export class HashwatchStatefulStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly alertsTopic: sns.Topic;
  readonly operationsTopic: sns.Topic;
  readonly topicKey?: kms.Key;
  readonly scheduleDeadLetterQueue: sqs.Queue;
  readonly streamFailureQueue: sqs.Queue;
  readonly subscriptionDeadLetterQueue: sqs.Queue;
  /** The notifier's on-failure destination; only when notification channels are configured. */
  readonly notificationFailureQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    this.table = new HashwatchStorage(this, 'Storage').table;

    this.scheduleDeadLetterQueue = createDeadLetterQueue(
      this,
      'ScheduleDeadLetterQueue',
      'schedule invocations of the ingest function that EventBridge Scheduler could not deliver',
    );
    this.streamFailureQueue = createDeadLetterQueue(
      this,
      'StreamFailureQueue',
      'pointers to table stream records the compute function failed on after its retries',
    );
    this.subscriptionDeadLetterQueue = createDeadLetterQueue(
      this,
      'SubscriptionDeadLetterQueue',
      'alert and alarm messages SNS could not deliver to an e-mail or webhook subscriber',
    );

    if (props.config.notifications.length > 0) {
      this.notificationFailureQueue = createDeadLetterQueue(
        this,
        'NotificationFailureQueue',
        'alerts the notifier could not deliver to a Telegram, Discord, Slack or webhook channel, with the error',
      );
    }

    const alerting = new HashwatchAlerting(this, 'Alerting', {
      topicEncryption: props.config.topicEncryption,
      keyRotation: props.config.keyRotation,
      subscriptions: props.config.subscriptions,
      alarmEmail: props.config.alarmEmail,
      subscriptionDeadLetterQueue: this.subscriptionDeadLetterQueue,
      alarmNamePrefix: props.config.stackPrefix,
    });
    this.alertsTopic = alerting.alertsTopic;
    this.operationsTopic = alerting.operationsTopic;
    this.topicKey = alerting.topicKey;
  }
}

/**
 * Where events and alarms go: the alerts topic (signal events for the owner's subscribers) and the
 * operations topic (CloudWatch alarms), both TLS-only and encrypted at rest, plus the subscriptions
 * from config with their filter policies and a redrive DLQ.
 */
import { createHash } from 'node:crypto';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { HashwatchConfig, SubscriptionConfig, SubscriptionFilter } from '../config/hashwatchConfig';
import { SEVERITIES, severityRank } from '../../shared/domain/signals/signalIds';

export interface HashwatchAlertingProps {
  topicEncryption: HashwatchConfig['topicEncryption'];
  /** Yearly rotation of the customer-managed key (each of the first two rotations adds $1/month). */
  keyRotation: boolean;
  subscriptions: readonly SubscriptionConfig[];
  alarmEmail?: string;
  subscriptionDeadLetterQueue: sqs.IQueue;
  /** Every alarm name starts with `<alarmNamePrefix>-`: only those alarms may publish. */
  alarmNamePrefix: string;
}

/** The SNS filter policy (on message attributes signal, severity, transition) of one subscription. */
export function toFilterPolicy(
  filter: SubscriptionFilter | undefined,
): Record<string, sns.SubscriptionFilter> | undefined {
  if (!filter) return undefined;
  const policy: Record<string, sns.SubscriptionFilter> = {};
  if (filter.signals) policy.signal = sns.SubscriptionFilter.stringFilter({ allowlist: [...filter.signals] });
  if (filter.minSeverity) {
    const minimum = severityRank(filter.minSeverity);
    policy.severity = sns.SubscriptionFilter.stringFilter({
      allowlist: SEVERITIES.filter((severity) => severityRank(severity) >= minimum),
    });
  }
  if (filter.transitions)
    policy.transition = sns.SubscriptionFilter.stringFilter({ allowlist: [...filter.transitions] });
  return Object.keys(policy).length > 0 ? policy : undefined;
}

/** SNS signs each delivery with SHA256 (SignatureVersion 2) instead of SHA1 (version 1, the default). */
export const TOPIC_SIGNATURE_VERSION = '2';

/**
 * The construct id of a webhook subscription: a hash of what identifies the receiver (scheme, host
 * and port), never of the path or query where a token may sit, so no secret reaches a logical id
 * or the construct tree. Receivers on the same origin are numbered in config order. Rotating a
 * token in the path keeps the id: the template diff shows the endpoint change.
 */
export function webhookSubscriptionId(url: string, sameOriginBefore: number): string {
  const origin = new URL(url).origin;
  const hash = createHash('sha256').update(origin).digest('hex').slice(0, 12);
  return `Webhook${hash}${sameOriginBefore > 0 ? `n${sameOriginBefore + 1}` : ''}`;
}

/** The topics' display names (the preflight tells the two apart by them in the templates). */
export const TOPIC_DISPLAY_NAMES = { alerts: 'Hashwatch alerts', operations: 'Hashwatch operations' } as const;

export class HashwatchAlerting extends Construct {
  readonly alertsTopic: sns.Topic;
  readonly operationsTopic: sns.Topic;
  /** The customer-managed key, when topicEncryption is 'customer-managed'. */
  readonly topicKey?: kms.Key;

  constructor(scope: Construct, id: string, props: HashwatchAlertingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // CloudWatch publishes on behalf of our alarms only: this account, alarms named <prefix>-*.
    const alarmArnPattern = stack.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: `${props.alarmNamePrefix}-*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': alarmArnPattern },
    };

    let alertsKey: kms.IKey;
    let operationsKey: kms.IKey | undefined;
    if (props.topicEncryption === 'customer-managed') {
      const key = new kms.Key(this, 'TopicKey', {
        description: 'Hashwatch: encrypts the alerts and operations SNS topics',
        enableKeyRotation: props.keyRotation,
        removalPolicy: RemovalPolicy.RETAIN,
        pendingWindow: Duration.days(30),
      });
      if (!props.keyRotation) {
        Validations.of(key).acknowledge({
          id: 'AwsSolutions-KMS5',
          reason:
            'keyRotation is off by default (config keyRotation: true turns it on): KMS bills $1/month for each of the first two rotations, tripling the cost of the key, and the key only protects public market data and alarm states at rest on two SNS topics.',
        });
      }
      // CloudWatch needs the key to publish alarm notifications to an encrypted topic. Without this
      // statement alarms deploy fine and silently deliver nothing (the alarm history shows a KMS
      // AccessDenied). Exact actions: publishing uses GenerateDataKey and Decrypt.
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: ['*'],
          conditions: fromOurAlarms,
        }),
      );
      this.topicKey = key;
      alertsKey = key;
      operationsKey = key;
    } else {
      alertsKey = kms.Alias.fromAliasName(this, 'AwsManagedSnsKey', 'alias/aws/sns');
      operationsKey = undefined;
    }

    this.alertsTopic = new sns.Topic(this, 'AlertsTopic', {
      displayName: TOPIC_DISPLAY_NAMES.alerts,
      masterKey: alertsKey,
      enforceSSL: true,
      signatureVersion: TOPIC_SIGNATURE_VERSION,
    });
    this.operationsTopic = new sns.Topic(this, 'OperationsTopic', {
      displayName: TOPIC_DISPLAY_NAMES.operations,
      masterKey: operationsKey,
      enforceSSL: true,
      signatureVersion: TOPIC_SIGNATURE_VERSION,
    });
    // The topic policy that enforceSSL creates replaces SNS's default policy, so CloudWatch (a
    // service principal, not an IAM identity of this account) needs an explicit allow.
    this.operationsTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.operationsTopic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    if (!operationsKey) {
      Validations.of(this.operationsTopic).acknowledge({
        id: 'AwsSolutions-SNS2',
        reason:
          "topicEncryption 'aws-managed' was chosen to save the key's $1/month: CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key (its policy cannot grant cloudwatch.amazonaws.com), so this topic, which carries only alarm state changes, is left unencrypted at rest. TLS is still enforced.",
      });
    }

    const webhookOrigins: string[] = [];
    for (const subscription of props.subscriptions) {
      const filterPolicy = toFilterPolicy(subscription.filter);
      const common = { deadLetterQueue: props.subscriptionDeadLetterQueue, filterPolicy };
      if (subscription.email !== undefined) {
        this.alertsTopic.addSubscription(new subscriptions.EmailSubscription(subscription.email, common));
      } else if (subscription.url !== undefined) {
        const origin = new URL(subscription.url).origin;
        const sameOriginBefore = webhookOrigins.filter((o) => o === origin).length;
        webhookOrigins.push(origin);
        new sns.Subscription(this, webhookSubscriptionId(subscription.url, sameOriginBefore), {
          topic: this.alertsTopic,
          endpoint: subscription.url,
          protocol: sns.SubscriptionProtocol.HTTPS,
          ...common,
          // Webhook receivers get several chances over about an hour before the DLQ takes the message.
          deliveryPolicy: {
            healthyRetryPolicy: {
              numRetries: 20,
              numNoDelayRetries: 0,
              minDelayTarget: Duration.seconds(20),
              maxDelayTarget: Duration.seconds(300),
              numMinDelayRetries: 3,
              numMaxDelayRetries: 10,
              backoffFunction: sns.BackoffFunction.EXPONENTIAL,
            },
          },
        });
      }
    }

    if (props.alarmEmail) {
      // Alarm notifications that cannot be delivered are kept as evidence too.
      this.operationsTopic.addSubscription(
        new subscriptions.EmailSubscription(props.alarmEmail, { deadLetterQueue: props.subscriptionDeadLetterQueue }),
      );
    }
  }
}

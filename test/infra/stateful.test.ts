import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { PARTITION_KEY, SORT_KEY } from '../../shared/store/tableKeys';
import { TTL_ATTRIBUTE } from '../../shared/store/tableKeys';
import { build, TEST_ENV } from './support';

const FOURTEEN_DAYS_S = 14 * 24 * 60 * 60;

describe('stateful stack: the table', () => {
  const { stateful$, stateful, stateless } = build();

  it('the stateful stack has termination protection; the stateless one can be redeployed freely', () => {
    expect(stateful.terminationProtection).toBe(true);
    expect(stateless.terminationProtection).toBe(false);
  });

  it('has the pk/sk string keys of the single-table design, on demand', () => {
    stateful$.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    stateful$.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
        { AttributeName: SORT_KEY, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayEquals([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: Match.absent(),
    });
  });

  it('streams new images and expires items on expiresAt', () => {
    stateful$.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });

  it('has point-in-time recovery and deletion protection, and is retained when the stack goes', () => {
    stateful$.hasResource('AWS::DynamoDB::GlobalTable', {
      Properties: {
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('stateful stack: topics and key', () => {
  it('with the default AWS managed key: no key of ours ($1/month saved), alerts on alias/aws/sns', () => {
    const { stateful$ } = build();
    stateful$.resourceCountIs('AWS::KMS::Key', 0);
    const topics = Object.values(stateful$.findResources('AWS::SNS::Topic'));
    const alerts = topics.find((t) => t.Properties.DisplayName === 'Hashwatch alerts')!;
    expect(JSON.stringify(alerts.Properties.KmsMasterKeyId)).toContain('alias/aws/sns');
  });

  it('signs deliveries with SHA256 (SignatureVersion 2) on both topics', () => {
    for (const topic of Object.values(build().stateful$.findResources('AWS::SNS::Topic'))) {
      expect(topic.Properties.SignatureVersion).toBe('2');
    }
  });

  it("topicEncryption 'customer-managed' encrypts both topics with one retained key, rotation off unless asked for", () => {
    const { stateful$ } = build({ topicEncryption: 'customer-managed' });
    stateful$.resourceCountIs('AWS::KMS::Key', 1);
    stateful$.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: false }),
      DeletionPolicy: 'Retain',
    });
    build({ topicEncryption: 'customer-managed', keyRotation: true }).stateful$.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
    });
    const keyId = Object.keys(stateful$.findResources('AWS::KMS::Key'))[0]!;
    const topics = stateful$.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(2);
    for (const topic of Object.values(topics)) {
      expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    }
  });

  it('is a standard topic (not FIFO): e-mail and HTTPS subscribers need one', () => {
    const { stateful$ } = build();
    const topics = Object.values(stateful$.findResources('AWS::SNS::Topic'));
    expect(topics).toHaveLength(2);
    for (const topic of topics) {
      expect(topic.Properties.FifoTopic).toBeUndefined();
    }
  });

  it('lets CloudWatch alarms use the key, for this account only, with exact actions', () => {
    const { stateful$ } = build({ topicEncryption: 'customer-managed' });
    stateful$.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:SourceAccount': TEST_ENV.account },
              ArnLike: {
                // A literal partition (feature flag @aws-cdk/core:enablePartitionLiterals): the region is known.
                'aws:SourceArn': `arn:aws:cloudwatch:${TEST_ENV.region}:${TEST_ENV.account}:alarm:Hashwatch-*`,
              },
            },
          },
        ]),
      },
    });
  });

  it('lets our alarms (and only ours) publish to the operations topic, whose policy replaces the SNS default', () => {
    for (const topicEncryption of ['customer-managed', 'aws-managed'] as const) {
      const { stateful$ } = build({ topicEncryption });
      const opsTopicId = Object.entries(stateful$.findResources('AWS::SNS::Topic')).find(
        ([, t]) => t.Properties.DisplayName === 'Hashwatch operations',
      )![0];
      stateful$.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: opsTopicId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Sid: 'AllowCloudWatchAlarmsToPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: { Ref: opsTopicId },
              Condition: {
                StringEquals: { 'aws:SourceAccount': TEST_ENV.account },
                ArnLike: {
                  'aws:SourceArn': Match.stringLikeRegexp(':alarm:Hashwatch-\\*$'),
                },
              },
            },
          ]),
        },
      });
    }
  });

  it('every alarm name starts with the prefix those conditions allow', () => {
    const { stateless$ } = build();
    const names = Object.values(stateless$.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.AlarmName as string,
    );
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^Hashwatch-/);
  });

  it('refuses publishing over plain HTTP on both topics', () => {
    const { stateful$ } = build();
    const policies = stateful$.findResources('AWS::SNS::TopicPolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sns:Publish',
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it("with topicEncryption 'aws-managed': no key of ours, alerts on alias/aws/sns, operations topic unencrypted", () => {
    const { stateful$, stateless$ } = build({ topicEncryption: 'aws-managed' });
    stateful$.resourceCountIs('AWS::KMS::Key', 0);
    stateful$.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Hashwatch alerts',
      KmsMasterKeyId: Match.stringLikeRegexp(':alias/aws/sns$'),
    });
    stateful$.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Hashwatch operations',
      KmsMasterKeyId: Match.absent(),
    });
    // The compute function then needs no kms grant: the AWS managed key allows SNS use in the account.
    const statements = Object.values(stateless$.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>,
    );
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('kms:'))).toEqual([]);
  });
});

describe('stateful stack: dead-letter queues', () => {
  const { stateful$ } = build();

  it('has three encrypted, retained DLQs holding messages for 14 days', () => {
    const queues = stateful$.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues).sort()).toEqual([
      expect.stringMatching(/^ScheduleDeadLetterQueue/),
      expect.stringMatching(/^StreamFailureQueue/),
      expect.stringMatching(/^SubscriptionDeadLetterQueue/),
    ]);
    for (const queue of Object.values(queues)) {
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: FOURTEEN_DAYS_S });
      expect(queue.DeletionPolicy).toBe('Retain');
    }
  });

  it('refuses non-TLS access to every queue', () => {
    const policies = stateful$.findResources('AWS::SQS::QueuePolicy');
    expect(Object.keys(policies).length).toBeGreaterThanOrEqual(3);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });
});

describe('stateful stack: subscriptions from config', () => {
  const { stateful$ } = build({
    alarmEmail: 'ops@example.com',
    subscriptions: [
      { email: 'miner@example.com', filter: { minSeverity: 'critical' } },
      {
        url: 'https://hooks.example.com/hw',
        filter: {
          signals: ['hashprice-floor', 'price-level'],
          minSeverity: 'warning',
          transitions: ['raised', 'escalated'],
        },
      },
      { email: 'everything@example.com' },
    ],
  });
  const alertsTopicId = Object.entries(stateful$.findResources('AWS::SNS::Topic')).find(
    ([, t]) => t.Properties.DisplayName === 'Hashwatch alerts',
  )![0];
  const dlqId = Object.keys(stateful$.findResources('AWS::SQS::Queue')).find((id) =>
    id.startsWith('SubscriptionDeadLetterQueue'),
  )!;

  it("'critical' as minimum severity delivers critical events only", () => {
    stateful$.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'miner@example.com',
      TopicArn: { Ref: alertsTopicId },
      FilterPolicy: { severity: ['critical'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
    });
  });

  it('a webhook gets signal, severity and transition filters, a redrive DLQ and a retry policy', () => {
    stateful$.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: 'https://hooks.example.com/hw',
      FilterPolicy: {
        signal: ['hashprice-floor', 'price-level'],
        severity: ['warning', 'critical'],
        transition: ['raised', 'escalated'],
      },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
      DeliveryPolicy: { healthyRetryPolicy: Match.objectLike({ numRetries: 20, backoffFunction: 'EXPONENTIAL' }) },
    });
  });

  it('no filter means everything, still with a DLQ', () => {
    stateful$.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: 'everything@example.com',
      FilterPolicy: Match.absent(),
      RedrivePolicy: Match.objectLike({}),
    });
  });

  it('alarm e-mail subscribes to the operations topic, not the alerts topic', () => {
    const subs = Object.values(stateful$.findResources('AWS::SNS::Subscription'));
    const ops = subs.filter((s) => s.Properties.Endpoint === 'ops@example.com');
    expect(ops).toHaveLength(1);
    expect(ops[0]!.Properties.TopicArn).not.toEqual({ Ref: alertsTopicId });
    expect(
      subs.filter((s) => JSON.stringify(s.Properties.TopicArn) === JSON.stringify({ Ref: alertsTopicId })),
    ).toHaveLength(3);
  });

  it('SNS may send to the subscription DLQ, from the alerts and operations topics only', () => {
    const opsTopicId = Object.entries(stateful$.findResources('AWS::SNS::Topic')).find(
      ([, t]) => t.Properties.DisplayName === 'Hashwatch operations',
    )![0];
    for (const topicId of [alertsTopicId, opsTopicId]) {
      stateful$.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: dlqId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Action: 'sqs:SendMessage',
              Principal: { Service: 'sns.amazonaws.com' },
              Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topicId } } },
            }),
          ]),
        },
      });
    }
    const ops = Object.values(stateful$.findResources('AWS::SNS::Subscription')).find(
      (sub) => sub.Properties.Endpoint === 'ops@example.com',
    )!;
    expect(ops.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
  });
});

describe('stateful stack: webhook secrets stay out of logical ids', () => {
  const withToken = (token: string) =>
    build({
      subscriptions: [
        { url: `https://hooks.example.com/services/${token}` },
        { url: `https://hooks.example.com/other?key=${token}` },
        { url: 'https://alerts.example.org/hashwatch' },
      ],
    });
  const webhookIds = (token: string): string[] =>
    Object.entries(withToken(token).stateful$.findResources('AWS::SNS::Subscription'))
      .filter(([, sub]) => sub.Properties.Protocol === 'https')
      .map(([id]) => id);

  it('names a webhook subscription by a hash of its origin, numbered per origin: no path, query or token', () => {
    const ids = webhookIds('T0SECRET1');
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) {
      expect(id).toMatch(/^AlertingWebhook[0-9a-f]{12}(n2)?[0-9A-F]{8}$/);
      expect(id.toLowerCase()).not.toMatch(/secret|services|hooks|example/);
    }
    const tree = JSON.stringify(
      withToken('T0SECRET1')
        .stateful.node.findAll()
        .map((c) => c.node.path),
    );
    expect(tree).not.toContain('T0SECRET1');
  });

  it('keeps the ids when a token in the path or query is rotated (the diff shows the endpoint change)', () => {
    expect(webhookIds('T0SECRET2')).toEqual(webhookIds('T0SECRET1'));
  });
});

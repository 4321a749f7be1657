/**
 * The notifier as deployed: one alias and one SNS subscription per channel (with its filter
 * policy and the subscription DLQ), Lambda retries then the notification failure queue, both
 * alarmed; a role that may read exactly the configured parameters and decrypt only through SSM
 * for them; no secret anywhere in either template; nothing at all without channels.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import type { HashwatchConfigInput } from '../../infra/config/hashwatchConfig';
import { NOTIFIER_SETTINGS } from '../../infra/constructs/notifications';
import { channelKey, notificationChannelSchema } from '../../shared/notify/channelConfig';
import { build, TEST_ENV } from './support';

const NOTIFICATIONS: HashwatchConfigInput['notifications'] = [
  {
    type: 'telegram',
    chatId: -1001234567890,
    botTokenParameter: '/hashwatch/telegram/bot-token',
    filter: { minSeverity: 'critical' },
  },
  { type: 'discord', webhookUrlParameter: '/hashwatch/discord/webhook-url' },
  {
    type: 'slack',
    webhookUrlParameter: 'hashwatch-slack',
    filter: { signals: ['hashprice-floor'], transitions: ['raised'] },
  },
  { type: 'webhook', url: 'https://alerts.example.com/h', signingSecretParameter: '/hashwatch/webhook/secret' },
];
const keys = NOTIFICATIONS!.map((n) => channelKey(notificationChannelSchema('refused').parse(n)));
const { account, region } = TEST_ENV;

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
const resourcesOf = (json: unknown, type: string): [string, Resource][] =>
  Object.entries((json as { Resources: Record<string, Resource> }).Resources).filter(([, r]) => r.Type === type);

describe('notifications in the stacks', () => {
  const built = build({ notifications: NOTIFICATIONS });
  const stateless = built.stateless$.toJSON();
  const stateful = built.stateful$.toJSON();

  it('subscribes one alias per channel, each with its filter policy and the subscription DLQ', () => {
    const aliases = resourcesOf(stateless, 'AWS::Lambda::Alias').map(([, r]) => r.Properties.Name);
    expect(aliases.sort()).toEqual([...keys].sort());
    const subscriptions = resourcesOf(stateless, 'AWS::SNS::Subscription').map(([, r]) => r.Properties);
    expect(subscriptions).toHaveLength(4);
    for (const s of subscriptions) {
      expect(s.Protocol).toBe('lambda');
      expect(JSON.stringify(s.Endpoint)).toMatch(/"Ref":"NotificationsChannel/);
      expect(JSON.stringify(s.RedrivePolicy)).toContain('SubscriptionDeadLetterQueue');
    }
    const policies = subscriptions.map((s) => s.FilterPolicy ?? null);
    expect(policies).toEqual([
      { severity: ['critical'] },
      null,
      { signal: ['hashprice-floor'], transition: ['raised'] },
      null,
    ]);
  });

  it('retries a failed invocation twice, then sends it to the notification failure queue, alarmed', () => {
    const configs = resourcesOf(stateless, 'AWS::Lambda::EventInvokeConfig')
      .filter(([id]) => id.startsWith('NotificationsChannel'))
      .map(([, r]) => r.Properties);
    expect(configs).toHaveLength(4);
    for (const c of configs) {
      expect(c.MaximumRetryAttempts).toBe(NOTIFIER_SETTINGS.retryAttempts);
      expect(c.MaximumEventAgeInSeconds).toBe(6 * 3600);
      expect(JSON.stringify(c.DestinationConfig)).toContain('NotificationFailureQueue');
    }
    built.stateful$.resourceCountIs('AWS::SQS::Queue', 4);
    const alarms = resourcesOf(stateless, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties.AlarmName);
    expect(alarms).toEqual(
      expect.arrayContaining(['Hashwatch-notifier-errors', 'Hashwatch-notification-failures-not-empty']),
    );
    built.stateless$.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: NOTIFIER_SETTINGS.timeout.toSeconds(),
      Environment: {
        Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'notifier', TABLE_NAME: Match.anyValue() }),
      },
    });
  });

  it("gives the notifier's role exactly what it calls: UpdateItem, its parameters, decryption through SSM", () => {
    const [, role] = resourcesOf(stateless, 'AWS::IAM::Role').find(([id]) =>
      id.startsWith('NotificationsFunctionRole'),
    )!;
    expect(role).toBeDefined();
    const [, policy] = resourcesOf(stateless, 'AWS::IAM::Policy').find(([id]) =>
      id.startsWith('NotificationsFunctionRoleDefaultPolicy'),
    )!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const byAction = Object.fromEntries(statements.map((s) => [[s.Action].flat().join(','), s]));
    expect(Object.keys(byAction).sort()).toEqual(
      [
        'dynamodb:UpdateItem',
        'kms:Decrypt',
        'logs:CreateLogStream,logs:PutLogEvents',
        // The on-failure destination's grant: exactly what Lambda sends to it (issue #22).
        'sqs:SendMessage',
        'ssm:GetParameter',
        // Active tracing: the Lambda service sends the segments with the role.
        'xray:PutTelemetryRecords,xray:PutTraceSegments',
      ].sort(),
    );
    // With the region and account known, the partition is rendered literally (recommended feature flags).
    const arn = (name: string) => `arn:aws:ssm:${region}:${account}:parameter/${name}`;
    const parameterArns = [
      arn('hashwatch/discord/webhook-url'),
      arn('hashwatch/telegram/bot-token'),
      arn('hashwatch/webhook/secret'),
      arn('hashwatch-slack'),
    ];
    // IAM resource lists are rendered sorted; condition values keep the config's order.
    expect(byAction['ssm:GetParameter']!.Resource).toEqual([...parameterArns].sort());
    expect(byAction['kms:Decrypt']).toEqual({
      Action: 'kms:Decrypt',
      Effect: 'Allow',
      Resource: `arn:aws:kms:${region}:${account}:key/*`,
      Condition: {
        StringEquals: {
          'kms:ViaService': `ssm.${region}.amazonaws.com`,
          'kms:EncryptionContext:PARAMETER_ARN': parameterArns,
        },
      },
    });
  });

  it('puts no secret in either template: only parameter names', () => {
    const text = JSON.stringify([stateful, stateless]);
    expect(text).toContain('/hashwatch/telegram/bot-token');
    for (const field of [
      '"botToken"',
      '"webhookUrl"',
      '"signingSecret"',
      '\\"botToken\\"',
      '\\"webhookUrl\\"',
      '\\"signingSecret\\"',
    ])
      expect(text).not.toContain(field);
  });

  it('passes cdk-nag with its acknowledgements', () => {
    expect(new AwsSolutionsChecks().validateScope(built.app).violations).toEqual([]);
  });

  it('creates nothing of the notifier without channels', () => {
    const none = build();
    expect(resourcesOf(none.stateless$.toJSON(), 'AWS::Lambda::Alias')).toHaveLength(0);
    expect(JSON.stringify(none.stateless$.toJSON())).not.toMatch(/"NotificationsFunction|notifier/);
    none.stateful$.resourceCountIs('AWS::SQS::Queue', 3);
  });
});

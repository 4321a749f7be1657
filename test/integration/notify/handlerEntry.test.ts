/**
 * The deployed entry point (functions/notifier/handler.ts, what the infra bundles) wired from the
 * environment exactly as in Lambda (TABLE_NAME, HASHWATCH_NOTIFICATIONS naming the parameters),
 * against DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB), a mocked Parameter Store (asserting the exact
 * GetParameter) and the Telegram fake, its clients under the notifier role (the GetParameter and
 * the KMS decryption it implies judged too); and the cold start refusing an inline secret.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { useEntryPointRoles } from '../../support/iam/entryPointRoles';
import { mockClientUnderRole } from '../../support/iam/mockedUnderRole';
import { channelKey, notificationChannelSchema } from '../../../shared/notify/channelConfig';
import { startFakeChatApis } from '../../support/fakeChatApis';
import { useDynamoLocal } from '../../support/dynamoTable';
import { savedEnv } from '../../support/processEnv';
import { lambdaContext } from '../../support/lambdaContext';
import { sampleEvent, snsEventOf } from '../../support/sampleEvent';

const ssm = mockClientUnderRole(SSMClient);
const underDeployedRoles = useEntryPointRoles();
const ENV_KEYS = [
  'POWERTOOLS_LOG_LEVEL',
  'TABLE_NAME',
  'HASHWATCH_NOTIFICATIONS',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];
const TOKEN = '7012345678:AAH-entry-point-token';

describe('notifier entry point', () => {
  const db = useDynamoLocal();
  const restoreEnv = savedEnv(ENV_KEYS);
  afterEach(() => {
    restoreEnv();
    vi.resetModules();
    ssm.reset();
  });

  it('runs from its environment: the channel by alias, the token from Parameter Store', async () => {
    const table = await db.newTable();
    const fake = await startFakeChatApis();
    fake.expectTelegramToken(TOKEN);
    try {
      const channel = {
        type: 'telegram',
        chatId: -100987,
        botTokenParameter: '/hashwatch/telegram/bot-token',
        apiBaseUrl: fake.baseUrl,
      };
      Object.assign(process.env, {
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        TABLE_NAME: table.tableName,
        HASHWATCH_NOTIFICATIONS: JSON.stringify([channel]),
        AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      });
      ssm.on(GetParameterCommand).resolves({ Parameter: { Value: TOKEN } });
      underDeployedRoles({ tableName: table.tableName });
      const { handler } = await import('../../../functions/notifier/handler');
      const base = lambdaContext('hashwatch-notifier');
      const key = channelKey(notificationChannelSchema('refused').parse(channel));
      const context = { ...base, invokedFunctionArn: `${base.invokedFunctionArn}:${key}` };
      await expect(handler(snsEventOf(sampleEvent()), context)).resolves.toEqual([
        { status: 'delivered', attempts: 1, receipt: 'message_id 1' },
      ]);
      await expect(handler(snsEventOf(sampleEvent(), 'redelivered-copy'), context)).resolves.toEqual([
        { status: 'duplicate' },
      ]);
      expect(fake.delivered).toHaveLength(1);
      expect(fake.violations).toEqual([]);
      expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input)).toEqual([
        { Name: '/hashwatch/telegram/bot-token', WithDecryption: true },
      ]);
    } finally {
      await fake.close();
    }
  });

  it('fails its cold start on an inline secret in HASHWATCH_NOTIFICATIONS, without showing it', async () => {
    Object.assign(process.env, {
      TABLE_NAME: 'hashwatch-test',
      HASHWATCH_NOTIFICATIONS: JSON.stringify([
        { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/leak' },
      ]),
    });
    const error = (await import('../../../functions/notifier/handler').catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('HASHWATCH_NOTIFICATIONS[0].webhookUrl: secrets never go in the deploy config');
    expect(error.message).not.toContain('leak');
  });
});

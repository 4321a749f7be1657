/**
 * Issue #15, defect 5, and issue #22: AWS SDK clients time out against an endpoint that accepts and
 * never answers. A real TCP server on 127.0.0.1 that reads the request and stays silent; the real
 * clients, and the notifier's entry point (functions/notifier/handler.ts) whose DynamoDB and SSM
 * clients were built without the project's timeouts and hung past the function's timeout.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { channelKey, notificationChannelSchema } from '../../../shared/notify/channelConfig';
import { lambdaContext } from '../../support/lambdaContext';
import { savedEnv } from '../../support/processEnv';
import { sampleEvent, snsEventOf } from '../../support/sampleEvent';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { awsClientOptions } from '../../../shared/adapters/aws/clientOptions';
import { useEntryPointRoles } from '../../support/iam/entryPointRoles';

describe('AWS SDK request timeouts (issue #15, defect 5)', () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let endpoint = '';
  let requests = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => (requests += 1));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

  it('a DynamoDB call against a silent endpoint fails with a timeout after its attempts, instead of hanging', async () => {
    requests = 0;
    // no role: what is tested is the SDK client's own timeouts, against an endpoint that never answers
    const client = new DynamoDBClient({
      ...awsClientOptions({ requestTimeout: 200 }),
      endpoint,
      region: 'us-east-1',
      credentials,
    });
    const error = await client
      .send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }))
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    expect(error?.name).toMatch(/TimeoutError/);
    expect(requests).toBe(3);
    client.destroy();
  }, 20_000);

  it('an SNS publish against a silent endpoint fails with a timeout too', async () => {
    // no role: what is tested is the SDK client's own timeouts, against an endpoint that never answers
    const client = new SNSClient({
      ...awsClientOptions({ requestTimeout: 200 }),
      endpoint,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    await expect(
      client.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:1:t', Message: 'm' })),
    ).rejects.toThrow(/timeout|timed out/i);
    client.destroy();
  }, 20_000);

  it('defaults: 1 s to connect, 3 s per request, 3 attempts', () => {
    expect(awsClientOptions()).toEqual({
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1000, requestTimeout: 3000, throwOnRequestTimeout: true },
    });
  });

  describe("the notifier's clients (issue #22)", () => {
    const restoreEnv = savedEnv([
      'POWERTOOLS_LOG_LEVEL',
      'TABLE_NAME',
      'HASHWATCH_NOTIFICATIONS',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'AWS_ENDPOINT_URL_SSM',
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
    ]);
    afterEach(() => {
      restoreEnv();
      vi.resetModules();
    });
    const channel = { type: 'telegram', chatId: -100987, botTokenParameter: '/hashwatch/telegram/bot-token' };
    const key = channelKey(notificationChannelSchema('refused').parse(channel));
    const underDeployedRoles = useEntryPointRoles();

    /** The deployed entry point, wired from the environment, invoked once through its channel alias. */
    async function invokeNotifier(endpoints: { dynamoDb: string; ssm: string }): Promise<unknown> {
      Object.assign(process.env, {
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        TABLE_NAME: 'hashwatch-stalled',
        HASHWATCH_NOTIFICATIONS: JSON.stringify([channel]),
        AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDb,
        AWS_ENDPOINT_URL_SSM: endpoints.ssm,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      });
      underDeployedRoles({ tableName: 'hashwatch-stalled' });
      const { handler } = await import('../../../functions/notifier/handler');
      const base = lambdaContext('hashwatch-notifier');
      const context = { ...base, invokedFunctionArn: `${base.invokedFunctionArn}:${key}` };
      return handler(snsEventOf(sampleEvent()), context).then(
        (value) => value,
        (error: unknown) => error,
      );
    }

    it('its DynamoDB client (the delivery ledger) gives up on a silent endpoint after its 3 attempts', async () => {
      requests = 0;
      const outcome = await invokeNotifier({ dynamoDb: endpoint, ssm: endpoint });
      expect(String((outcome as Error).name)).toMatch(/TimeoutError/);
      expect(requests).toBe(3);
    }, 25_000);

    it('its SSM client (the channel secret) gives up on a silent Parameter Store after its 3 attempts', async () => {
      // The ledger answers (an UpdateItem's empty success), Parameter Store stays silent.
      const ledger = createHttpServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}'));
      });
      await new Promise<void>((resolve) => ledger.listen(0, '127.0.0.1', resolve));
      try {
        requests = 0;
        const outcome = await invokeNotifier({
          dynamoDb: `http://127.0.0.1:${(ledger.address() as AddressInfo).port}`,
          ssm: endpoint,
        });
        expect(JSON.stringify(outcome, Object.getOwnPropertyNames(outcome))).toMatch(/TimeoutError/);
        expect(requests).toBe(3);
      } finally {
        ledger.closeAllConnections();
        await new Promise<void>((resolve) => ledger.close(() => resolve()));
      }
    }, 25_000);
  });
});

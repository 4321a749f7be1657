/**
 * Issue #15, defect 5: AWS SDK clients time out against an endpoint that accepts and never answers.
 * A real TCP server on 127.0.0.1 that reads the request and stays silent; the real clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { awsClientOptions } from '../../../shared/adapters/aws/clientOptions';

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
});

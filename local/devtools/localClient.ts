/**
 * A DynamoDB client for a local endpoint (DynamoDB Local): fixed dummy credentials, one region,
 * through the project's client factory. DynamoDB Local is a JVM on the same machine: under a test
 * run's load on 2 cores a batch can take seconds, so its request budget is wider than AWS's.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import type { AwsClientFactoryOptions } from '../../shared/adapters/aws/awsClientFactory';

export const LOCAL_REGION = 'us-east-1';

/** The request budget against DynamoDB Local (AWS's is clientOptions.ts's 3 s). */
export const LOCAL_REQUEST_TIMEOUT_MS = 30_000;

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * `options.owner` and `options.middleware` say whose code the client serves (a test attaches that
 * function's IAM role); without them the client is the test's or the developer's own, unrestricted.
 * `options.requestTimeoutMs` narrows the budget (a test of an answer that comes too late).
 */
export function localDynamoClient(
  endpoint: string,
  options: Pick<AwsClientFactoryOptions, 'owner' | 'middleware'> & { requestTimeoutMs?: number } = {},
): DynamoDBClient {
  const { requestTimeoutMs = LOCAL_REQUEST_TIMEOUT_MS, ...owner } = options;
  return dynamoDbClient({
    ...owner,
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: { requestTimeout: requestTimeoutMs },
  });
}

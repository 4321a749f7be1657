/**
 * The DynamoDB client a local command uses for the table named by TABLE_NAME: at
 * AWS_ENDPOINT_URL_DYNAMODB (the SDK's own variable; DYNAMODB_ENDPOINT, the older name, still
 * works), else AWS with the shell's credentials. DynamoDB Local keeps one database per access key
 * and region: against it, the ones `npm start` writes with, so its table is found whatever
 * credentials the shell holds.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient } from '../../shared/adapters/aws/dynamoDbClient';
import { localDynamoClient } from './localClient';

export function dynamoEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  return env.AWS_ENDPOINT_URL_DYNAMODB || env.DYNAMODB_ENDPOINT || undefined;
}

const isLocalEndpoint = (endpoint: string): boolean =>
  /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?/.test(endpoint);

export function tableClient(env: NodeJS.ProcessEnv): DynamoDBClient {
  const endpoint = dynamoEndpoint(env);
  if (!endpoint) return dynamoDbClient();
  return isLocalEndpoint(endpoint) ? localDynamoClient(endpoint) : dynamoDbClient({ endpoint });
}

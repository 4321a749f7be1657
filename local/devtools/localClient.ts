/** A DynamoDB client for a local endpoint (DynamoDB Local): fixed dummy credentials, one region. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const LOCAL_REGION = 'us-east-1';

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** A DynamoDBStreamsClient with the project's timeouts, through the factory (awsClientFactory.ts). */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { clientConfig, finishClient, type AwsClientFactoryOptions } from './awsClientFactory';

export const dynamoDbStreamsClient = (options: AwsClientFactoryOptions = {}): DynamoDBStreamsClient =>
  finishClient(new DynamoDBStreamsClient(clientConfig(options)), options);

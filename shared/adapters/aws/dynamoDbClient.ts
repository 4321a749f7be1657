/** A DynamoDBClient with the project's timeouts, through the factory (awsClientFactory.ts). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clientConfig, finishClient, type AwsClientFactoryOptions } from './awsClientFactory';

export const dynamoDbClient = (options: AwsClientFactoryOptions = {}): DynamoDBClient =>
  finishClient(new DynamoDBClient(clientConfig(options)), options);

/** A LambdaClient with the project's timeouts, through the factory (awsClientFactory.ts). */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientConfig, finishClient, type AwsClientFactoryOptions } from './awsClientFactory';

export const lambdaClient = (options: AwsClientFactoryOptions = {}): LambdaClient =>
  finishClient(new LambdaClient(clientConfig(options)), options);

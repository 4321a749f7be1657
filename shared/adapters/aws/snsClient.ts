/** A SNSClient with the project's timeouts, through the factory (awsClientFactory.ts). */
import { SNSClient } from '@aws-sdk/client-sns';
import { clientConfig, finishClient, type AwsClientFactoryOptions } from './awsClientFactory';

export const snsClient = (options: AwsClientFactoryOptions = {}): SNSClient =>
  finishClient(new SNSClient(clientConfig(options)), options);

/** A SSMClient with the project's timeouts, through the factory (awsClientFactory.ts). */
import { SSMClient } from '@aws-sdk/client-ssm';
import { clientConfig, finishClient, type AwsClientFactoryOptions } from './awsClientFactory';

export const ssmClient = (options: AwsClientFactoryOptions = {}): SSMClient =>
  finishClient(new SSMClient(clientConfig(options)), options);

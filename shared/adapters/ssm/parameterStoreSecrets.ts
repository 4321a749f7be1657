/**
 * Secrets from SSM Parameter Store: GetParameter with decryption (a SecureString under the AWS
 * managed key aws/ssm, or a key of the user's whose policy lets the notifier decrypt), each
 * parameter read once per cold start and kept in memory. A missing parameter or a refusal names
 * the parameter and the fix; the value itself is never logged or put in an error.
 */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { SecretReader } from '../../notify/secrets';

export class ParameterStoreSecrets implements SecretReader {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly client: SSMClient) {}

  read(parameterName: string): Promise<string> {
    let pending = this.cache.get(parameterName);
    if (!pending) {
      pending = this.fetch(parameterName);
      // A failed read is not cached: the next invocation tries again (e.g. after the user creates it).
      // Not a swallow: the caller gets `pending` itself, rejection and all; this branch only evicts it.
      pending.catch(() => this.cache.delete(parameterName));
      this.cache.set(parameterName, pending);
    }
    return pending;
  }

  private async fetch(parameterName: string): Promise<string> {
    let value: string | undefined;
    try {
      const out = await this.client.send(new GetParameterCommand({ Name: parameterName, WithDecryption: true }));
      value = out.Parameter?.Value;
    } catch (error) {
      const name = (error as { name?: string }).name ?? 'Error';
      if (name === 'ParameterNotFound') {
        throw new Error(
          `SSM parameter ${parameterName} does not exist in this account and region: aws ssm put-parameter --type SecureString --name ${parameterName} --value ...`,
          { cause: error },
        );
      }
      throw new Error(`reading SSM parameter ${parameterName} failed (${name})`, { cause: error });
    }
    if (value === undefined || value === '') throw new Error(`SSM parameter ${parameterName} has no value`);
    return value;
  }
}

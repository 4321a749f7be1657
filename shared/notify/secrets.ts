/**
 * A channel's secrets, wherever they live: inline (a local run) or in SSM Parameter Store,
 * read through the SecretReader port (shared/adapters/ssm/parameterStoreSecrets.ts: GetParameter
 * with decryption, cached per cold start). A value that cannot serve its field is refused naming
 * the parameter, never showing the value.
 */
import { secretFieldsOf, secretValueProblem, type NotificationChannelConfig } from './channelConfig';
import { parameterFieldOf } from './channels/defineChannel';

export interface SecretReader {
  /** The decrypted value of a SecureString parameter. */
  read(parameterName: string): Promise<string>;
}

/** Secret field name to value. */
export type ChannelSecrets = Partial<Record<string, string>>;

export class ChannelSecretError extends Error {
  override name = 'ChannelSecretError';
}

export async function channelSecrets(
  channel: NotificationChannelConfig,
  reader: SecretReader | undefined,
): Promise<ChannelSecrets> {
  const secrets: ChannelSecrets = {};
  const record = channel as Record<string, unknown>;
  for (const field of secretFieldsOf(channel.type)) {
    const inline = record[field];
    if (typeof inline === 'string') {
      secrets[field] = inline;
      continue;
    }
    const parameterName = record[parameterFieldOf(field)] as string;
    if (!reader) throw new ChannelSecretError(`no Parameter Store access to read ${parameterName}`);
    const value = (await reader.read(parameterName)).trim();
    const problem = secretValueProblem(channel.type, field, value);
    if (problem) {
      throw new ChannelSecretError(`the ${field} in SSM parameter ${parameterName} is unusable: ${problem}`);
    }
    secrets[field] = value;
  }
  return secrets;
}

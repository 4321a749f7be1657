/**
 * What the preflight reads of the target account, with the deployer's credentials: Lambda's
 * concurrency settings and the existence of SSM parameters (the channels' secrets, the CDK
 * bootstrap version). Every read that fails says why (`unknown` with the AWS error): a refused or
 * failed call is never taken for "absent" or "fine"; only a successful answer is.
 */
import { GetAccountSettingsCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';

export type Known<T> = { known: true; value: T } | { known: false; reason: string };

export interface LambdaConcurrency {
  /** The account's concurrency quota in this region (AccountLimit.ConcurrentExecutions). */
  accountConcurrency: number;
  /** What is not reserved by any function today (AccountLimit.UnreservedConcurrentExecutions). */
  unreservedConcurrency: number;
}

export interface AccountFacts {
  lambda: Known<LambdaConcurrency>;
  /** Per parameter name: its value when it exists (only read for the bootstrap version), or null when absent. */
  parameters: Map<string, Known<{ exists: boolean; value?: string }>>;
}

/** "AccessDeniedException: User ... is not authorized to perform: lambda:GetAccountSettings". */
function describeAwsError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}

export async function readLambdaConcurrency(lambda: LambdaClient): Promise<Known<LambdaConcurrency>> {
  try {
    const answer = await lambda.send(new GetAccountSettingsCommand({}));
    const limit = answer.AccountLimit;
    if (limit?.ConcurrentExecutions === undefined || limit.UnreservedConcurrentExecutions === undefined)
      return { known: false, reason: 'GetAccountSettings answered without AccountLimit.ConcurrentExecutions' };
    return {
      known: true,
      value: {
        accountConcurrency: limit.ConcurrentExecutions,
        unreservedConcurrency: limit.UnreservedConcurrentExecutions,
      },
    };
  } catch (error) {
    return { known: false, reason: describeAwsError(error) };
  }
}

/** GetParameters takes at most 10 names per call. */
const NAMES_PER_CALL = 10;

/**
 * Whether each parameter exists. Values are not decrypted (the deployer need not read the chat
 * secrets); `readValueOf` names the one parameter whose plain value is wanted (the bootstrap
 * version, a String).
 */
export async function readParameters(
  ssm: SSMClient,
  names: readonly string[],
  readValueOf: ReadonlySet<string> = new Set(),
): Promise<AccountFacts['parameters']> {
  const out: AccountFacts['parameters'] = new Map();
  const unique = [...new Set(names)];
  for (let i = 0; i < unique.length; i += NAMES_PER_CALL) {
    const batch = unique.slice(i, i + NAMES_PER_CALL);
    try {
      const answer = await ssm.send(new GetParametersCommand({ Names: batch, WithDecryption: false }));
      const found = new Map((answer.Parameters ?? []).map((p) => [p.Name, p.Value]));
      const invalid = new Set(answer.InvalidParameters ?? []);
      for (const name of batch) {
        if (found.has(name)) {
          out.set(name, {
            known: true,
            value: { exists: true, ...(readValueOf.has(name) ? { value: found.get(name) } : {}) },
          });
        } else if (invalid.has(name)) {
          out.set(name, { known: true, value: { exists: false } });
        } else {
          // Neither found nor listed as invalid: SSM did not say, so neither do we.
          out.set(name, { known: false, reason: 'GetParameters listed it neither as found nor as invalid' });
        }
      }
    } catch (error) {
      for (const name of batch) out.set(name, { known: false, reason: describeAwsError(error) });
    }
  }
  return out;
}

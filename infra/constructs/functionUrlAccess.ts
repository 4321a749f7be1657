/**
 * Who may call an HTTP function (calculator, api): its Function URL with AWS_IAM auth (SigV4-signed
 * requests) and its direct invoke, for the configured principals, or by default the IAM principals
 * of this account whose own policies allow it. One home for both functions' access, and for what
 * follows from it: every call is synchronous, so no dead-letter queue.
 */
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { HashwatchFunction } from './hashwatchFunction';

export function iamFunctionUrl(fn: HashwatchFunction, invokerPrincipalArns?: readonly string[]): lambda.FunctionUrl {
  Validations.of(fn).acknowledge({
    id: 'Serverless-LambdaDLQ',
    reason:
      'Every invocation is synchronous (the Function URL and `aws lambda invoke` with RequestResponse): the caller gets the answer or the error, and there is no asynchronous event for a DLQ to keep.',
  });
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
  const principals: iam.IPrincipal[] =
    invokerPrincipalArns && invokerPrincipalArns.length > 0
      ? invokerPrincipalArns.map((arn) => new iam.ArnPrincipal(arn))
      : [new iam.AccountRootPrincipal()];
  for (const principal of principals) {
    // Function URLs need both permissions since 2025: lambda:InvokeFunctionUrl, and
    // lambda:InvokeFunction limited to calls that come through the URL (grantInvokeUrl adds both).
    fn.grantInvokeUrl(principal);
    // Direct invocation (aws lambda invoke).
    fn.grantInvoke(principal);
  }
  return url;
}

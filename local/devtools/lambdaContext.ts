/**
 * A Lambda context for invoking handlers outside Lambda (the local run, the tests, the benches):
 * the fields Powertools reads. The one fixture; test/support/lambdaContext.ts re-exports it.
 */
import type { Context } from 'aws-lambda';

export function lambdaContext(
  functionName = 'hashwatch-test',
  requestId = 'c6af9ac6-7b61-11e6-9a41-93e812345678',
): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/25/[$LATEST]test',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

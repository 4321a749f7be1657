/**
 * Options every AWS SDK client of the project is built with. The SDK's default is no request
 * timeout at all: against an endpoint that accepts the connection and never answers (a network
 * partition, a stalled SNS), a call waits until the Lambda is killed, which turns a clear error into
 * a function timeout and, in compute, holds an event's publish claim for its whole lease.
 *
 * Budgets (docs/resilience.md): connect within 1 s, a whole request within 3 s, the SDK's standard
 * retry mode with 3 attempts; the worst case of one call is ~3 x 3 s plus backoff, well inside the
 * compute's and calculator's timeouts, and a DynamoDB or SNS call normally takes milliseconds.
 */
export const AWS_CONNECTION_TIMEOUT_MS = 1_000;
export const AWS_REQUEST_TIMEOUT_MS = 3_000;
export const AWS_MAX_ATTEMPTS = 3;

export interface AwsClientOptions {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
}

/** Pass to any v3 client constructor: `new DynamoDBClient({ ...awsClientOptions(), ...own })`. */
export function awsClientOptions(overrides: Partial<AwsClientOptions['requestHandler']> = {}): AwsClientOptions {
  return {
    maxAttempts: AWS_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: AWS_CONNECTION_TIMEOUT_MS,
      requestTimeout: AWS_REQUEST_TIMEOUT_MS,
      // @smithy/node-http-handler 4.x only logs a warning at requestTimeout unless told to fail.
      throwOnRequestTimeout: true,
      ...overrides,
    },
  };
}

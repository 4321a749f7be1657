/**
 * A refused request answered as AWS answers it, on the wire: the status, headers and body of each
 * service's protocol, so that the SDK's own deserializer builds the error (its class, `$fault`,
 * `$metadata`) and its own retry strategy decides (an access denial is not retried).
 * - DynamoDB (JSON 1.0): 400 `com.amazon.coral.service#AccessDeniedException`.
 * - SSM, KMS (JSON 1.1): 400 `AccessDeniedException`. A kms:Decrypt refused while SSM decrypts a
 *   parameter is reported by SSM as its own AccessDeniedException naming the KMS action.
 * - SQS (JSON 1.0): 403 AccessDenied.
 * - SNS (query protocol): 403 `AuthorizationError`, which the SDK names AuthorizationErrorException.
 * The message is IAM's: "User: <principal> is not authorized to perform: <action> on resource:
 * <arn> because no identity-based policy allows the <action> action" (or "with an explicit deny in
 * an identity-based policy").
 */
import { randomUUID } from 'node:crypto';
import type { AwsService } from './authorizations';
import type { Authorization } from './policyEvaluator';

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function accessDeniedMessage(
  principalArn: string,
  request: Authorization,
  reason: 'explicit-deny' | 'no-allow',
  service: AwsService,
): string {
  // SNS spells its prefix in capitals in its messages (SNS:Publish).
  const action = service === 'sns' ? request.action.replace(/^sns:/, 'SNS:') : request.action;
  const because =
    reason === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${request.resource} ${because}`;
}

const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function accessDeniedResponse(service: AwsService, message: string, viaKms = false): WireResponse {
  const requestId = randomUUID();
  const text = viaKms
    ? `${message} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${randomUUID()}; Proxy: null)`
    : message;
  switch (service) {
    case 'dynamodb':
      return {
        statusCode: 400,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: text }),
      };
    case 'ssm':
    case 'kms':
      return {
        statusCode: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: 'AccessDeniedException', message: text }),
      };
    case 'sqs':
      return {
        statusCode: 403,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': requestId,
          'x-amzn-query-error': 'AccessDenied;Sender',
        },
        body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message: text }),
      };
    case 'sns':
      return {
        statusCode: 403,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body:
          `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>` +
          `<Code>AuthorizationError</Code><Message>${xmlEscape(text)}</Message></Error>` +
          `<RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
  }
}

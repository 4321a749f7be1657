/**
 * What the two HTTP functions (calculator, api) share of their Function URL: telling a Function URL
 * request (payload format 2.0) from a direct invoke, and the last step of every answer they give
 * (the security headers, and our own faults reduced to a generic message with an error id), in one
 * place, so both answer in the one error shape of shared/api/apiResponse.ts.
 */
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { SECURITY_HEADERS } from '../../shared/api/apiResponse';
import { isCalculatorError, withoutInternalDetail } from '../../shared/calculator/errors';

/** The structured Function URL answer (aws-lambda's FunctionUrlAnswer also allows a bare string). */
export interface FunctionUrlAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function isFunctionUrlEvent(event: unknown): event is LambdaFunctionURLEvent {
  return (
    typeof event === 'object' && event !== null && 'requestContext' in event && 'rawPath' in event && 'version' in event
  );
}

/**
 * Every HTTP answer, whatever produced it, carries the security headers; an INTERNAL error leaves
 * as a generic message with an error id, the invocation's request id, which every log line of the
 * invocation carries (`function_request_id`): the detail was logged, and is found by that id.
 */
export function finishedAnswer(answer: FunctionUrlAnswer, errorId: string): FunctionUrlAnswer {
  const http = { ...answer, headers: { ...answer.headers, ...SECURITY_HEADERS } };
  if (http.statusCode >= 500) {
    const body: unknown = JSON.parse(http.body);
    if (isCalculatorError(body)) return { ...http, body: JSON.stringify(withoutInternalDetail(body, errorId)) };
  }
  return http;
}

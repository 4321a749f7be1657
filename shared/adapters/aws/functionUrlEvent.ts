/**
 * Whether a Lambda event is a Function URL request (payload format 2.0), and the structured answer
 * Lambda turns into the HTTP response: what the two HTTP functions (calculator, api) tell apart
 * from a direct invoke, in one place.
 */
import type { LambdaFunctionURLEvent } from 'aws-lambda';

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

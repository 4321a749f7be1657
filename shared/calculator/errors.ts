/**
 * The calculator's one error shape. Every answer that is not a priced result is this object, the
 * same through the Lambda, the Function URL and the CLI, so that a caller handles one shape:
 *   { "error": { "code": "INVALID_REQUEST", "message": "...", "issues": [{ "field": "machines[0].count", "problem": "..." }] } }
 * `field` is a path into the request as the caller wrote it ("" for the request as a whole).
 */
import type * as z from '../schema/z';

export const CalculatorErrorCode = {
  /** The request is not valid JSON, has wrong types, or values out of range. */
  InvalidRequest: 'INVALID_REQUEST',
  /** The request is larger than MAX_REQUEST_BYTES. */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** The Function URL was called with another method than POST (the answer carries `Allow: POST`). */
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  /** A machine model is not in the catalog (the issue lists the closest names). */
  UnknownModel: 'UNKNOWN_MODEL',
  /** No market figures were given and none are stored (or not enough for a scenario). */
  MarketUnavailable: 'MARKET_UNAVAILABLE',
  /** The request's `currency` has no price in the stored snapshot (or nothing is stored). */
  CurrencyUnavailable: 'CURRENCY_UNAVAILABLE',
  /** Our fault, not the caller's (e.g. the table could not be read). */
  Internal: 'INTERNAL',
} as const;
export type CalculatorErrorCode = (typeof CalculatorErrorCode)[keyof typeof CalculatorErrorCode];

export interface CalculatorIssue {
  field: string;
  problem: string;
  /** For an unknown model: the catalog names closest to what was asked. */
  closestModels?: string[];
}

export interface CalculatorError {
  error: {
    code: CalculatorErrorCode;
    message: string;
    issues: CalculatorIssue[];
    /** Only on INTERNAL answers of the deployed function: the id its log lines carry. */
    errorId?: string;
  };
}

export function calculatorError(
  code: CalculatorErrorCode,
  message: string,
  issues: CalculatorIssue[] = [],
): CalculatorError {
  return { error: { code, message, issues } };
}

export function isCalculatorError(value: unknown): value is CalculatorError {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** True for errors that are the caller's to fix (HTTP 400), false for ours (HTTP 5xx). */
export function isClientError(error: CalculatorError): boolean {
  return error.error.code !== CalculatorErrorCode.Internal;
}

/**
 * What a remote caller sees of our own fault: a generic message and the id to quote, never the
 * detail (a table name, an AWS error): that goes to the logs only, under the same id. A caller's
 * mistake is returned unchanged: its message is about their request.
 */
export function withoutInternalDetail(result: CalculatorError, errorId: string): CalculatorError {
  if (isClientError(result)) return result;
  return {
    error: {
      code: CalculatorErrorCode.Internal,
      message: `The calculator failed on our side; retry later, or quote error id ${errorId} to whoever runs it.`,
      issues: [],
      errorId,
    },
  };
}

/** "machines[0].count" from zod's path ["machines", 0, "count"]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One issue per offending field, in request order, from a zod error. */
export function issuesFromZod(error: z.core.$ZodError): CalculatorIssue[] {
  const issues: CalculatorIssue[] = [];
  const collect = (zodIssues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): void => {
    for (const issue of zodIssues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          issues.push({ field: fieldPath([...path, key]), problem: 'is not a known field' });
      } else {
        issues.push({ field: fieldPath(path), problem: issue.message });
      }
    }
  };
  collect(error.issues, []);
  return issues;
}

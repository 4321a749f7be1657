import * as z from '../schema/z';
import { roundingReplacer } from './rounding';

/**
 * The read API's answers, independent of how they travel (Function URL, local HTTP server):
 * a status, headers and a body. Errors have the calculator's one error shape,
 *   { "error": { "code": "INVALID_REQUEST", "message": "...", "issues": [{ "field": "from", "problem": "..." }] } }
 * where `field` names the query parameter ("" for the request as a whole). Never a stack trace.
 */

export const ApiErrorCode = {
  InvalidRequest: 'INVALID_REQUEST',
  /** The currency is valid but the snapshot holds no price in it. */
  CurrencyUnavailable: 'CURRENCY_UNAVAILABLE',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  /** Nothing computed yet (a fresh installation before its first snapshot). */
  NotReady: 'NOT_READY',
  /** The table did not answer within the request's deadline (a stalled or throttled DynamoDB): retry. */
  Unavailable: 'UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

const apiIssueSchema = z.object({
  field: z.string().check(z.describe('the query parameter ("" for the request as a whole)')),
  problem: z.string(),
});
export type ApiIssue = z.infer<typeof apiIssueSchema>;

/** The one error shape (every non-2xx answer of the read API). */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(Object.values(ApiErrorCode) as [ApiErrorCode, ...ApiErrorCode[]]),
    message: z.string(),
    issues: z.array(apiIssueSchema),
  }),
});

export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = 'application/json';

/**
 * Headers on every answer that leaves the calculator function (read API and pricing): a browser
 * must never sniff a JSON error that echoes the request into something it would run.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = { 'x-content-type-options': 'nosniff' };

/** How much of one piece of the request (a value, a name, a path) an error repeats. */
export const MAX_ECHO_CHARS = 64;

/**
 * A piece of the request as an error repeats it: at most MAX_ECHO_CHARS characters (then its
 * length), every character outside printable ASCII and every one markup or quoting gives meaning
 * to (< > & " ' ` and the backslash) written as \uXXXX. So a 100 KB parameter costs the answer ~100 bytes,
 * and no echo can become markup.
 */
export function echo(value: string): string {
  const chars = Array.from(value);
  const shown = chars
    .slice(0, MAX_ECHO_CHARS)
    .join('')
    .replace(/[^\x20-\x7e]|[<>&"'`\\]/gu, (c) =>
      Array.from(c.split(''), (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    );
  return chars.length > MAX_ECHO_CHARS ? `${shown}…(${chars.length} characters)` : shown;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';

/** An error is never stored: a 503 NOT_READY must not outlive the first compute, nor a 400 a fix. */
export const NO_STORE = 'no-store';

/** A JSON answer, its figures rounded by the API's one policy (rounding.ts) as they are written. */
export function jsonResponse(value: unknown, statusCode = 200, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: JSON.stringify(value, roundingReplacer),
  };
}

const STATUS: Record<ApiErrorCode, number> = {
  INVALID_REQUEST: 400,
  CURRENCY_UNAVAILABLE: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_READY: 503,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function errorResponse(
  code: ApiErrorCode,
  message: string,
  issues: ApiIssue[] = [],
  headers: Record<string, string> = {},
): ApiResponse {
  return jsonResponse({ error: { code, message, issues } }, STATUS[code], { 'cache-control': NO_STORE, ...headers });
}

/** A use case's refusal, carried to the router as a value (use cases never throw for a caller's mistake). */
export interface ApiRefusal {
  refusal: ApiResponse;
}

export const refuse = (code: ApiErrorCode, message: string, issues: ApiIssue[] = []): ApiRefusal => ({
  refusal: errorResponse(code, message, issues),
});

export function isRefusal(value: unknown): value is ApiRefusal {
  return typeof value === 'object' && value !== null && 'refusal' in value;
}

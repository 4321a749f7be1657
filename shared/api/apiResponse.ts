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
  Internal: 'INTERNAL',
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export interface ApiIssue {
  field: string;
  problem: string;
}

export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = 'application/json';
export const CSV_TYPE = 'text/csv; charset=utf-8';

export function jsonResponse(value: unknown, statusCode = 200, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

const STATUS: Record<ApiErrorCode, number> = {
  INVALID_REQUEST: 400,
  CURRENCY_UNAVAILABLE: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_READY: 503,
  INTERNAL: 500,
};

export function errorResponse(
  code: ApiErrorCode,
  message: string,
  issues: ApiIssue[] = [],
  headers: Record<string, string> = {},
): ApiResponse {
  return jsonResponse({ error: { code, message, issues } }, STATUS[code], headers);
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

/**
 * Query parameters of the read API, validated one by one so that every error names its parameter.
 * Unknown parameters are refused (a misspelt `currrency` must not silently become USD), and so are
 * `__proto__`, `constructor` and `prototype`: the query is a null-prototype object
 * (functionUrl.ts), so they arrive as the unknown names they are. What an error repeats of the
 * request goes through `echo` (bounded, escaped).
 */
import * as z from '../schema/z';
import { CURRENCIES, currencySchema, isCurrency, type Currency } from '../domain/currency';
import { ApiErrorCode, echo, refuse, type ApiIssue, type ApiRefusal } from './apiResponse';

export type Query = Readonly<Record<string, string | undefined>>;

export function unknownParameters(query: Query, allowed: readonly string[]): ApiRefusal | undefined {
  const unknown = Object.keys(query)
    .filter((k) => !allowed.includes(k))
    .map(echo);
  if (unknown.length === 0) return undefined;
  return refuse(
    ApiErrorCode.InvalidRequest,
    `Unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; this route takes ${allowed.join(', ')}.`,
    unknown.map((field) => ({ field, problem: `is not a parameter of this route (it takes ${allowed.join(', ')})` })),
  );
}

export function invalid(issues: ApiIssue[]): ApiRefusal {
  const text = issues.map((i) => `${i.field} ${i.problem}`).join('; ');
  return refuse(ApiErrorCode.InvalidRequest, `The request is invalid: ${text}`, issues);
}

/** `currency`, default USD; case-insensitive ("eur" is EUR). */
export function parseCurrency(query: Query, issues: ApiIssue[]): Currency {
  const raw = query.currency;
  if (raw === undefined) return 'USD';
  const code = raw.trim().toUpperCase();
  if (isCurrency(code)) return code;
  issues.push({ field: 'currency', problem: `must be one of ${CURRENCIES.join(', ')} (got "${echo(raw)}")` });
  return 'USD';
}

/** A whole number parameter within bounds, or its default. */
export function parseInteger(
  query: Query,
  name: string,
  bounds: { min: number; max: number; default: number },
  issues: ApiIssue[],
): number {
  const raw = query[name];
  if (raw === undefined) return bounds.default;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) {
    issues.push({
      field: name,
      problem: `must be a whole number from ${bounds.min} to ${bounds.max} (got "${echo(raw)}")`,
    });
    return bounds.default;
  }
  return value;
}

/** A real calendar date YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value);
}

/**
 * The declared query of a route (routeContracts.ts, and the OpenAPI document generated from it).
 * The routes check each parameter themselves (so each error names its field and echoes safely);
 * the names they accept are the schema's keys (parametersOf), so the two cannot disagree.
 */
export type QuerySchema = z.ZodMiniObject;

export const parametersOf = (schema: QuerySchema): string[] => Object.keys(schema.shape);

export const currencyParameter = z
  .optional(currencySchema)
  .check(z.describe('the currency of money figures, case-insensitive (default USD)'));
export const formatParameter = z.optional(z.enum(['json', 'csv'])).check(z.describe('json (default) or csv'));
export const dayParameter = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

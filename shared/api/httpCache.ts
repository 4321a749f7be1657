/**
 * HTTP caching of the read API: each route declares how long its answer stays true (its
 * CachePolicy, in the route table, routeContracts.ts), every 200 carries an ETag computed from its
 * body, and a request whose If-None-Match names that tag gets 304 without a body. Errors are never
 * stored (a 503 NOT_READY must not outlive the first compute).
 */
import { createHash } from 'node:crypto';
import { NO_STORE, type ApiResponse } from './apiResponse';

/** How often the ingest stores a snapshot (the schedule in infra): the latest state changes no faster. */
export const INGEST_INTERVAL_SECONDS = 600;

export interface CachePolicy {
  /** Seconds a client may reuse the answer without asking again. */
  maxAgeSeconds: number;
  /** Why this long: what the data changes with. */
  changesWith: string;
}

/** Behind AWS_IAM auth: `private` (a shared cache must not serve one caller's signed answer to another). */
export const cacheControl = (policy: CachePolicy): string => `private, max-age=${policy.maxAgeSeconds}`;

/** A weak tag (W/): the same JSON bytes, whatever the transport's compression. */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 13.1.2: `*` or any listed tag, compared weakly (W/ prefixes ignored). */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * The answer with its caching headers: a 2xx gets the policy and its ETag (304 when the client
 * already holds it), anything else `no-store`.
 */
export function withCaching(response: ApiResponse, policy: CachePolicy, ifNoneMatch: string | undefined): ApiResponse {
  if (response.statusCode < 200 || response.statusCode >= 300)
    return { ...response, headers: { ...response.headers, 'cache-control': NO_STORE } };
  const etag = etagOf(response.body);
  const headers: Record<string, string> = { ...response.headers, etag, 'cache-control': cacheControl(policy) };
  if (ifNoneMatchHits(ifNoneMatch, etag)) {
    // A 304 repeats the validators and caching headers, and describes no body (no content-type).
    delete headers['content-type'];
    return { statusCode: 304, headers, body: '' };
  }
  return { ...response, headers };
}

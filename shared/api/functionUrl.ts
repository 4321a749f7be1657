/**
 * Function URL payload format 2.0, both ways: the request the read API sees
 * (`requestContext.http.method`, `rawPath`, `queryStringParameters` / `rawQueryString`) and the
 * structured answer Lambda turns into the HTTP response. The calculator's handler and the local
 * HTTP server (which builds these events from real HTTP requests) share this one translation.
 */
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { ApiRequest } from './router';

/**
 * A query without a prototype: `__proto__`, `constructor` and `prototype` are plain names in it,
 * which the routes refuse as unknown (on a plain object `__proto__=x` vanished, silently ignored).
 */
const emptyQuery = (): Record<string, string> => Object.create(null) as Record<string, string>;

/**
 * The query as one value per name. Lambda joins repeated names with a comma in
 * queryStringParameters; rawQueryString is parsed instead when present, so a repeated parameter
 * keeps its last value as most HTTP servers do.
 */
export function functionUrlQuery(event: Pick<LambdaFunctionURLEvent, 'rawQueryString' | 'queryStringParameters'>) {
  const query = emptyQuery();
  if (event.rawQueryString) {
    for (const [name, value] of new URLSearchParams(event.rawQueryString)) query[name] = value;
    return query;
  }
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {}))
    if (value !== undefined) query[name] = value;
  return query;
}

export function apiRequestFromFunctionUrl(event: LambdaFunctionURLEvent): ApiRequest {
  // Lambda lower-cases header names in payload 2.0.
  const ifNoneMatch = event.headers?.['if-none-match'];
  return {
    method: event.requestContext?.http?.method ?? 'GET',
    path: event.rawPath ?? '/',
    query: functionUrlQuery(event),
    ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
  };
}

/** A Function URL event (payload 2.0) for a plain HTTP request, as Lambda would build it. */
export function functionUrlEvent(request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  sourceIp: string;
  now: Date;
}): LambdaFunctionURLEvent {
  const url = new URL(request.url, 'http://127.0.0.1');
  const query = emptyQuery();
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const rawQueryString = url.search.startsWith('?') ? url.search.slice(1) : '';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString,
    headers: request.headers,
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: `local-${request.now.getTime().toString(36)}`,
      routeKey: '$default',
      stage: '$default',
      time: request.now.toUTCString(),
      timeEpoch: request.now.getTime(),
    },
    body: request.body === '' ? undefined : request.body,
    isBase64Encoded: false,
  } as LambdaFunctionURLEvent;
}

/**
 * The read API's router: method + path to a use case, over explicit ports (createApiRouter), so
 * the calculator's Function URL handler and the local HTTP server (`npm start -- --api-port`) run
 * the same code. Unknown path: 404; known path, other method: 405 with `Allow`; bad parameters:
 * 400 naming each. A failure of ours answers 500 with a generic message (the caller gets no stack
 * trace; the handler logs the cause).
 */
import {
  ApiErrorCode,
  echo,
  errorResponse,
  isRefusal,
  jsonResponse,
  CSV_TYPE,
  JSON_TYPE,
  type ApiResponse,
} from './apiResponse';
import { withCaching } from './httpCache';
import { latestQuerySchema, MAX_EVENTS, ROUTE_CONTRACTS, signalsQuerySchema, sitesQuerySchema } from './routeContracts';
import { historyCsv, parseHistoryQuery, readHistory } from './history';
import { readLatest } from './latest';
import type { ApiPorts, OwnerSitesSource } from './ports';
import { invalid, parametersOf, parseCurrency, parseInteger, unknownParameters, type Query } from './query';
import { readSignals } from './signals';
import { readSites } from './sites';
import { siteCurtailmentRoute, siteOfCurtailmentPath, SITE_CURTAILMENT_PATH } from './siteCurtailment';
import { minersCsv, minersLatest, minersLatestCsv, minersMonthly, parseMinersQuery } from './miners';
import { bundledMinerSeries } from '../data/bundledMinerSeries';

export interface ApiRequest {
  method: string;
  path: string;
  query: Query;
  /** The If-None-Match header, when the client holds an earlier answer (304 if its tag still holds). */
  ifNoneMatch?: string | undefined;
}

export type ApiRouter = (request: ApiRequest) => Promise<ApiResponse>;

export const API_PATHS = [
  '/v1/latest',
  '/v1/signals',
  '/v1/history',
  '/v1/sites',
  '/v1/miners',
  '/v1/openapi.json',
] as const;
/** Routes with a path parameter, as OpenAPI writes them. */
export const API_PATH_TEMPLATES = [SITE_CURTAILMENT_PATH] as const;

export { MAX_EVENTS };

type Route = (query: Query) => Promise<ApiResponse>;

const NO_SITES: OwnerSitesSource = { sites: [], lookupModel: () => ({ found: false, closestNames: [] }) };

function routes(ports: ApiPorts): Record<(typeof API_PATHS)[number], Route> {
  return {
    '/v1/latest': async (query) => {
      const unknown = unknownParameters(query, parametersOf(latestQuerySchema));
      if (unknown) return unknown.refusal;
      const issues: { field: string; problem: string }[] = [];
      const currency = parseCurrency(query, issues);
      if (issues.length > 0) return invalid(issues).refusal;
      const view = await readLatest(ports.latest, currency);
      return isRefusal(view) ? view.refusal : jsonResponse(view);
    },
    '/v1/signals': async (query) => {
      const unknown = unknownParameters(query, parametersOf(signalsQuerySchema));
      if (unknown) return unknown.refusal;
      const issues: { field: string; problem: string }[] = [];
      const currency = parseCurrency(query, issues);
      const events = parseInteger(query, 'events', { min: 0, max: MAX_EVENTS, default: 20 }, issues);
      if (issues.length > 0) return invalid(issues).refusal;
      const view = await readSignals(ports, currency, events);
      return isRefusal(view) ? view.refusal : jsonResponse(view);
    },
    '/v1/history': async (query) => {
      const q = parseHistoryQuery(query);
      if (isRefusal(q)) return q.refusal;
      const page = await readHistory(ports, q);
      if (isRefusal(page)) return page.refusal;
      if (q.format === 'json') return jsonResponse(page);
      const headers: Record<string, string> = { 'content-type': CSV_TYPE };
      if (page.next) {
        headers['x-hashwatch-next-cursor'] = page.next.cursor;
        headers.link = `<${page.next.path}>; rel="next"`;
      }
      return { statusCode: 200, headers, body: historyCsv(page) };
    },
    '/v1/sites': async (query) => {
      const unknown = unknownParameters(query, parametersOf(sitesQuerySchema));
      if (unknown) return unknown.refusal;
      const issues: { field: string; problem: string }[] = [];
      const currency = parseCurrency(query, issues);
      if (issues.length > 0) return invalid(issues).refusal;
      const view = await readSites(ports.latest, ports.sites ?? NO_SITES, currency);
      return isRefusal(view) ? view.refusal : jsonResponse(view);
    },
    '/v1/miners': async (query) => {
      const source = ports.miners ?? bundledMinerSeries();
      const q = parseMinersQuery(
        query,
        source.companies.map((c) => c.ticker),
      );
      if (isRefusal(q)) return q.refusal;
      const date = new Date((ports.nowMs ?? Date.now)()).toISOString().slice(0, 10);
      if (q.view === 'latest') {
        const view = minersLatest(source, date, q.ticker);
        if (q.format === 'json') return jsonResponse(view);
        return { statusCode: 200, headers: { 'content-type': CSV_TYPE }, body: minersLatestCsv(view) };
      }
      const page = minersMonthly(source, q, date);
      if (q.format === 'json') return jsonResponse(page);
      const headers: Record<string, string> = { 'content-type': CSV_TYPE };
      if (page.next) {
        headers['x-hashwatch-next-cursor'] = page.next.cursor;
        headers.link = `<${page.next.path}>; rel="next"`;
      }
      return { statusCode: 200, headers, body: minersCsv(page) };
    },
    '/v1/openapi.json': async (query) => {
      const unknown = unknownParameters(query, []);
      if (unknown) return unknown.refusal;
      // Imported when first asked: its schemas are no part of a cold start (routeResponses.ts).
      const { openApiText } = await import('./openApi');
      // Written as generated, not through jsonResponse: a schema's bounds are no figures to round.
      return { statusCode: 200, headers: { 'content-type': JSON_TYPE }, body: openApiText() };
    },
  };
}

/** True for a path the read API serves (the calculator's handler routes every other path to POST pricing). */
export function isApiPath(path: string): boolean {
  const normal = normalizePath(path);
  return (API_PATHS as readonly string[]).includes(normal) || siteOfCurtailmentPath(normal) !== undefined;
}

/** "/v1/latest/" is "/v1/latest". */
function normalizePath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function createApiRouter(ports: ApiPorts): ApiRouter {
  const table = routes(ports);
  return async (request) => {
    const path = normalizePath(request.path);
    const site = siteOfCurtailmentPath(path);
    const route =
      (table as Record<string, Route | undefined>)[path] ??
      (site === undefined ? undefined : (query: Query) => siteCurtailmentRoute(ports, site, query));
    if (!route) {
      return errorResponse(
        ApiErrorCode.NotFound,
        `No route ${echo(request.path)}. Routes: GET ${[...API_PATHS, ...API_PATH_TEMPLATES].join(', GET ')}; POST / prices a fleet.`,
        [{ field: '', problem: `path ${echo(request.path)} is unknown` }],
      );
    }
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return errorResponse(
        ApiErrorCode.MethodNotAllowed,
        `${path} is read with GET (got ${echo(method)}).`,
        [{ field: '', problem: `method ${echo(method)} is not allowed on ${path}` }],
        { allow: 'GET, HEAD' },
      );
    }
    // The route's cache policy from the one table (a site's curtailment: its path template's).
    const contract =
      site === undefined ? ROUTE_CONTRACTS[path as (typeof API_PATHS)[number]] : ROUTE_CONTRACTS[SITE_CURTAILMENT_PATH];
    const response = withCaching(await route(request.query), contract.cache, request.ifNoneMatch);
    return method === 'HEAD' ? { ...response, body: '' } : response;
  };
}

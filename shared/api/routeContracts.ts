/**
 * The read API's route table as a contract: per route, what it answers, its query (and path)
 * parameters and how long its answer stays true (its cache policy); its answer's schema is beside
 * it in routeResponses.ts, one per route of this table (the compiler checks). The router applies
 * the cache policy and takes the accepted parameter names from here; the OpenAPI document
 * (openApi.ts, GET /v1/openapi.json, docs/openapi.json) is generated from the same entries, and
 * the use cases' output types are the response schemas' types: the document cannot drift from the
 * code.
 */
import * as z from '../schema/z';
import { historyQuerySchema } from './history';
import { INGEST_INTERVAL_SECONDS, type CachePolicy } from './httpCache';
import { minersQuerySchema } from './miners';
import { currencyParameter, type QuerySchema } from './query';
import { SITE_CURTAILMENT_PATH, siteCurtailmentPathSchema, siteCurtailmentQuerySchema } from './siteCurtailment';

export const MAX_EVENTS = 100;

export interface RouteContract {
  summary: string;
  query: QuerySchema;
  /** Path parameters, for a path template. */
  path?: QuerySchema;
  /** With format=csv: what the CSV holds (its columns are named in docs/api.md). */
  csv?: string;
  cache: CachePolicy;
}

/** Half an ingest interval: a client sees a new snapshot at most ~5 minutes late, and asks at most twice per snapshot. */
const SNAPSHOT: CachePolicy = {
  maxAgeSeconds: INGEST_INTERVAL_SECONDS / 2,
  changesWith: `each ingest (every ${INGEST_INTERVAL_SECONDS / 60} minutes)`,
};

export const latestQuerySchema = z.strictObject({ currency: currencyParameter });
export const signalsQuerySchema = z.strictObject({
  currency: currencyParameter,
  events: z
    .optional(z.int().check(z.minimum(0), z.maximum(MAX_EVENTS)))
    .check(z.describe('how many recent events (default 20; 0: states only)')),
});
export const sitesQuerySchema = latestQuerySchema;
export const openApiQuerySchema = z.strictObject({});

export const ROUTE_CONTRACTS = {
  '/v1/latest': {
    summary: 'The latest snapshot and its profitability, in the chosen currency',
    query: latestQuerySchema,
    cache: SNAPSHOT,
  },
  '/v1/signals': {
    summary: "Every signal's state and the recent events",
    query: signalsQuerySchema,
    cache: SNAPSHOT,
  },
  '/v1/history': {
    summary: 'The daily series from the daily rollups, paged',
    query: historyQuerySchema,
    csv: 'one row per day, its columns the JSON rows\' keys less fxSource (docs/api.md, "History: bounds, pages and columns")',
    // A rollup is written once a day, when its day closes; the latest snapshot's FX rate moves the current day only.
    cache: { maxAgeSeconds: 3600, changesWith: 'the daily rollup (once a day)' },
  },
  '/v1/sites': {
    summary: "Each of the owner's sites priced per megawatt at the latest snapshot",
    query: sitesQuerySchema,
    cache: SNAPSHOT,
  },
  '/v1/miners': {
    summary: "The listed miners' treasuries: the latest period (view=latest) or the monthly series",
    query: minersQuerySchema,
    csv: 'view=latest: one row per company; view=monthly: one row per company and period',
    cache: { maxAgeSeconds: 86_400, changesWith: 'a release (the series is bundled with the code)' },
  },
  [SITE_CURTAILMENT_PATH]: {
    summary: 'What curtailing a market-priced site saved, per day and month and in total',
    query: siteCurtailmentQuerySchema,
    path: siteCurtailmentPathSchema,
    csv: 'one row per UTC day, its columns the JSON days\' names, uncounted flattened (docs/api.md, "Site curtailment")',
    cache: SNAPSHOT,
  },
  '/v1/openapi.json': {
    summary: 'This contract: the OpenAPI 3.1 document of the read API and the calculator',
    query: openApiQuerySchema,
    cache: { maxAgeSeconds: 86_400, changesWith: 'a release' },
  },
} as const satisfies Record<string, RouteContract>;

export type ApiRoutePath = keyof typeof ROUTE_CONTRACTS;

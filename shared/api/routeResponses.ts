/**
 * Each read API route's 200 JSON answer as a schema, beside the route table (routeContracts.ts):
 * one entry per route, which the compiler checks. The OpenAPI document (openApi.ts) is generated
 * from them, and each route's use case returns its schema's type (LatestView, SignalsView, ...).
 *
 * Why they live apart from the use cases: only the document reads them at run time. The router
 * imports openApi.ts, and with it this module and responses/, on the first GET /v1/openapi.json;
 * the use cases import only their types, which the compiler erases. A cold start of the read API
 * therefore builds none of them: they were 461 of the 1,777 zod schemas it built before it could
 * answer (CHANGELOG, issue #23). test/unit/architecture/imports.test.ts keeps it so: nothing the
 * handler loads imports responses/, this module or openApi.ts other than as types or by import().
 */
import * as z from '../schema/z';
import { historyResponseSchema } from './responses/historyResponse';
import { latestResponseSchema } from './responses/latestResponse';
import { minersLatestResponseSchema, minersMonthlyResponseSchema } from './responses/minersResponse';
import { signalsResponseSchema } from './responses/signalsResponse';
import { siteCurtailmentResponseSchema } from './responses/siteCurtailmentResponse';
import { sitesResponseSchema } from './responses/sitesResponse';
import type { ApiRoutePath } from './routeContracts';
import { SITE_CURTAILMENT_PATH } from './siteCurtailment';

export const ROUTE_RESPONSES = {
  '/v1/latest': latestResponseSchema,
  '/v1/signals': signalsResponseSchema,
  '/v1/history': historyResponseSchema,
  '/v1/sites': sitesResponseSchema,
  // One schema, or alternatives chosen by a query parameter (view=latest or view=monthly).
  '/v1/miners': z.union([minersLatestResponseSchema, minersMonthlyResponseSchema]),
  [SITE_CURTAILMENT_PATH]: siteCurtailmentResponseSchema,
  '/v1/openapi.json': z.record(z.string(), z.unknown()).check(z.describe('an OpenAPI 3.1 document')),
} as const satisfies Record<ApiRoutePath, z.ZodMiniType>;

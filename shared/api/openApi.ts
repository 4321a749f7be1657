/**
 * The OpenAPI 3.1 document of the calculator function's HTTP surface, generated from the zod
 * schemas the code validates with and answers by (routeContracts.ts for GET /v1/*, the
 * calculator's request schema for POST /), with zod's own z.toJSONSchema (JSON Schema 2020-12,
 * which OpenAPI 3.1 uses as is). Served at GET /v1/openapi.json and written to docs/openapi.json
 * by `npm run openapi` (a test fails when the file drifts). The router imports this module on the
 * first GET /v1/openapi.json, not at a cold start (routeResponses.ts says why), and the document
 * is built once per process.
 */
import * as z from '../schema/z';
import { calculatorRequestSchema } from '../calculator/request';
import { apiErrorSchema, CSV_TYPE, JSON_TYPE } from './apiResponse';
import { cacheControl } from './httpCache';
import { ROUTE_RESPONSES } from './routeResponses';
import { ROUTE_CONTRACTS, type ApiRoutePath, type RouteContract } from './routeContracts';

type JsonSchema = Record<string, unknown>;

/**
 * One schema as JSON Schema. `unrepresentable: 'any'`: a field typed by TypeScript only
 * (z.custom: the calculator's siteEconomics, documented in docs/calculator.md) becomes `{}` with
 * its description rather than failing the whole document.
 */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parameters(schema: RouteContract['query'], where: 'query' | 'path'): JsonSchema[] {
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };
const errorResponse = (description: string): JsonSchema => ({
  description,
  headers: { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } },
  content: { [JSON_TYPE]: { schema: ERROR_REF } },
});

const componentName = (path: string): string =>
  path
    .replace(/^\/v1\//, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '' && part !== 'id')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('') + 'Response';

function getOperation(path: string, route: RouteContract): JsonSchema {
  const name = componentName(path);
  const content: Record<string, unknown> = { [JSON_TYPE]: { schema: { $ref: `#/components/schemas/${name}` } } };
  if (route.csv !== undefined) content[CSV_TYPE] = { schema: { type: 'string', description: route.csv } };
  return {
    summary: route.summary,
    operationId: `get${name.replace(/Response$/, '')}`,
    parameters: [
      ...(route.path === undefined ? [] : parameters(route.path, 'path')),
      ...parameters(route.query, 'query'),
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description: 'an ETag of an earlier answer: 304 without a body when it still holds',
        schema: { type: 'string' },
      },
    ],
    responses: {
      '200': {
        description: `OK. Cache-Control: ${cacheControl(route.cache)} (changes with ${route.cache.changesWith}).`,
        headers: {
          ETag: { schema: { type: 'string' } },
          'Cache-Control': { schema: { type: 'string', const: cacheControl(route.cache) } },
        },
        content,
      },
      '304': { description: 'Not modified: the If-None-Match tag is the current one (no body).' },
      '400': errorResponse('A bad parameter (INVALID_REQUEST, CURRENCY_UNAVAILABLE), each issue naming it.'),
      '403': { description: 'The request is not signed with SigV4 by a principal allowed to invoke the function URL.' },
      '404': errorResponse('An unknown path or site (NOT_FOUND).'),
      '405': errorResponse('A method other than GET or HEAD (METHOD_NOT_ALLOWED), with Allow.'),
      '500': errorResponse('A failure of ours (INTERNAL); no stack trace.'),
      '503': errorResponse('Nothing computed yet (NOT_READY) or the table did not answer in time (UNAVAILABLE).'),
    },
  };
}

/** The contract's version: the path prefix (a breaking change is listed in CHANGELOG.md). */
export const API_VERSION = 'v1';

export function openApiDocument(): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  const schemas: Record<string, JsonSchema> = { ApiError: jsonSchema(apiErrorSchema, 'output') };
  for (const [path, route] of Object.entries(ROUTE_CONTRACTS) as [ApiRoutePath, RouteContract][]) {
    paths[path] = { get: getOperation(path, route) };
    schemas[componentName(path)] = jsonSchema(ROUTE_RESPONSES[path], 'output');
  }
  schemas.CalculatorRequest = jsonSchema(calculatorRequestSchema(), 'input');
  paths['/'] = {
    post: {
      summary: 'The calculator: prices a fleet against the latest snapshot or a given market (docs/calculator.md)',
      operationId: 'calculate',
      requestBody: {
        required: true,
        content: { [JSON_TYPE]: { schema: { $ref: '#/components/schemas/CalculatorRequest' } } },
      },
      responses: {
        '200': {
          description: 'The calculation (fields listed in docs/calculator.md; its result type is TypeScript, not zod)',
          content: { [JSON_TYPE]: { schema: { type: 'object' } } },
        },
        '400': {
          description: 'An invalid request: the calculator error shape, each issue naming its field path',
          content: { [JSON_TYPE]: { schema: { type: 'object', required: ['error'] } } },
        },
        '403': {
          description: 'The request is not signed with SigV4 by a principal allowed to invoke the function URL.',
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hashwatch API',
      version: API_VERSION,
      description:
        'The read API (GET /v1/*) and the calculator (POST /) of a Hashwatch installation, served by its Lambda Function URL (AWS_IAM auth: requests are SigV4-signed for the service "lambda"). docs/api.md explains units, rounding, caching and errors.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ sigv4: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4 (service "lambda"); see docs/api.md, "Signed requests".',
        },
      },
    },
  };
}

/** The document as served and as docs/openapi.json holds it (two-space JSON, final newline). */
let text: string | undefined;
export const openApiText = (): string => (text ??= `${JSON.stringify(openApiDocument(), null, 2)}\n`);

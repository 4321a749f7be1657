/**
 * The API contract (issue #29, point 4): docs/openapi.json is what `npm run openapi` writes from
 * the routes' zod schemas (a schema changed without regenerating fails here), GET /v1/openapi.json
 * serves the same document, and the document covers every route the router answers, with each
 * route's parameters as the router accepts them and every reference resolving.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiFileText } from '../../local/api/writeOpenApi';
import { openApiDocument } from '../../shared/api/openApi';
import { parametersOf } from '../../shared/api/query';
import { ROUTE_CONTRACTS, type RouteContract } from '../../shared/api/routeContracts';
import { API_PATHS, API_PATH_TEMPLATES, createApiRouter } from '../../shared/api/router';
import { EMPTY_API_PORTS } from '../support/emptyApiPorts';

interface Parameter {
  name: string;
  in: string;
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const document = openApiDocument() as Document;

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

describe('the OpenAPI document', () => {
  it('docs/openapi.json is a fresh generation (run `npm run openapi` after changing a route schema)', async () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(await openApiFileText());
  });

  it('is served at GET /v1/openapi.json, the same document, cached for a day with an ETag', async () => {
    const answer = await createApiRouter(EMPTY_API_PORTS)({ method: 'GET', path: '/v1/openapi.json', query: {} });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['cache-control']).toBe('private, max-age=86400');
    expect(answer.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(JSON.parse(answer.body)).toEqual(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
  });

  it('is OpenAPI 3.1 and lists every route the router answers, and POST / (the calculator)', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([...API_PATHS, ...API_PATH_TEMPLATES, '/'].sort());
    expect(Object.keys(document.paths['/']!)).toEqual(['post']);
  });

  it("gives each route the query parameters the router accepts, and a template's path parameters", () => {
    for (const [path, route] of Object.entries(ROUTE_CONTRACTS) as [string, RouteContract][]) {
      const parameters = document.paths[path]!.get!.parameters ?? [];
      const named = (where: string) => parameters.filter((p) => p.in === where).map((p) => p.name);
      expect(named('query'), path).toEqual(parametersOf(route.query));
      expect(named('path'), path).toEqual(route.path === undefined ? [] : parametersOf(route.path));
      expect(named('header'), path).toEqual(['If-None-Match']);
      for (const name of named('path')) expect(path, name).toContain(`{${name}}`);
    }
  });

  it('resolves every $ref to a component schema, and each route answers a schema of its own', () => {
    const refs = refsIn(document.paths);
    expect(refs.length).toBeGreaterThan(Object.keys(ROUTE_CONTRACTS).length);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas, ref).toHaveProperty([ref.replace('#/components/schemas/', '')]);
    }
    const okSchemas = Object.keys(ROUTE_CONTRACTS).map(
      (path) =>
        (document.paths[path]!.get!.responses['200']!.content!['application/json']!.schema as { $ref: string }).$ref,
    );
    expect(new Set(okSchemas).size).toBe(okSchemas.length);
  });
});

/**
 * The local API server (`npm start -- --api-port`) over real HTTP on 127.0.0.1, with the
 * calculator's own handler and router as the local run wires them (issue #22): prototype keys are
 * refused by name, what an error echoes is bounded, and every answer says nosniff, including the
 * server's own refusal of an oversized body. The ports are in memory: these answers need no table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_API_PORTS } from '../../support/emptyApiPorts';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../functions/api/apiHandler';
import { createCalculatorHandler, type FunctionUrlAnswer } from '../../../functions/calculator/calculatorHandler';
import { bothFunctionUrls, startApiServer, type ApiServer } from '../../../local/run/apiServer';
import { createApiRouter } from '../../../shared/api/router';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../../shared/observability/metrics';
import { lambdaContext } from '../../support/lambdaContext';

let server: ApiServer;

beforeAll(async () => {
  const handler = createCalculatorHandler({
    deps: { lookupModel: catalogModelLookup(), snapshots: undefined, now: () => new Date() },
    logger: new Logger({ serviceName: SERVICE_NAMES.calculator, logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator }),
  });
  const api = createApiHandler({
    api: createApiRouter(EMPTY_API_PORTS),
    logger: new Logger({ serviceName: SERVICE_NAMES.api, logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.calculator }),
  });
  const context = lambdaContext('hashwatch-calculator-local');
  server = await startApiServer({
    port: 0,
    handler: bothFunctionUrls({
      calculator: async (event) => (await handler(event, context)) as FunctionUrlAnswer,
      api: (event) => api(event, context),
    }),
  });
});
afterAll(async () => server.close());

const get = async (path: string) => {
  const response = await fetch(`${server.baseUrl}${path}`);
  return {
    status: response.status,
    nosniff: response.headers.get('x-content-type-options'),
    body: await response.text(),
  };
};

describe('local API server (issue #22)', () => {
  // `/` exists and takes POST (the calculator), so a GET there is a method the resource does not
  // support: 405 with Allow (RFC 9110, 15.5.6), as docs/api.md says; a review once got INVALID_REQUEST.
  it('answers GET / with 405 METHOD_NOT_ALLOWED and Allow: POST, as docs/api.md says', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('METHOD_NOT_ALLOWED');
    const docs = readFileSync(join(import.meta.dirname, '../../../docs/api.md'), 'utf8').replace(/\s+/g, ' ');
    expect(docs).toContain('`405 METHOD_NOT_ALLOWED` with an `Allow` header for a wrong method');
    expect(docs).toContain('`/` takes `POST`');
  });

  it('refuses __proto__, constructor and prototype with a 400 naming the parameter', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const answer = await get(`/v1/signals?${name}=x`);
      expect(answer.status, name).toBe(400);
      expect((JSON.parse(answer.body) as { error: { issues: { field: string }[] } }).error.issues).toEqual([
        expect.objectContaining({ field: name }),
      ]);
    }
  });

  // Node's HTTP server refuses a request line beyond 16 KB itself (431), so 10 KB here.
  it('bounds what an error echoes: a 10 KB parameter gives a small answer', async () => {
    const answer = await get(`/v1/signals?events=${'9'.repeat(10_000)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.length).toBeLessThan(2_000);
    expect(answer.body).toContain('(10000 characters)');
  });

  it('says nosniff on every answer, the server’s own refusal included', async () => {
    const answers = [await get('/v1/signals'), await get('/v1/latest'), await get('/v1/latest?x=1'), await get('/v2')];
    const tooLarge = await fetch(server.baseUrl, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
    expect([...answers.map((a) => a.status), tooLarge.status]).toEqual([200, 503, 400, 404, 413]);
    for (const answer of answers) expect(answer.nosniff).toBe('nosniff');
    expect(tooLarge.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

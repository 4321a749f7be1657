/**
 * The Function URL translation both ways (payload format 2.0), and the router's answers that need
 * no table: a local HTTP request becomes the event Lambda would build, and the event becomes the
 * read API's request (method, path, one value per query parameter).
 */
import { EMPTY_API_PORTS } from '../../support/emptyApiPorts';
import { describe, expect, it } from 'vitest';
import { apiRequestFromFunctionUrl, functionUrlEvent } from '../../../shared/api/functionUrl';
import { createApiRouter } from '../../../shared/api/router';

describe('Function URL events', () => {
  it('builds the payload-2.0 event of an HTTP request and reads it back', () => {
    const event = functionUrlEvent({
      method: 'GET',
      url: '/v1/history?from=2026-01-01&to=2026-01-31&format=csv&currency=eur',
      headers: { host: '127.0.0.1:8787', 'user-agent': 'curl/8.5.0' },
      body: '',
      sourceIp: '127.0.0.1',
      now: new Date('2026-02-01T00:00:00Z'),
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/v1/history',
      rawQueryString: 'from=2026-01-01&to=2026-01-31&format=csv&currency=eur',
      queryStringParameters: { from: '2026-01-01', to: '2026-01-31', format: 'csv', currency: 'eur' },
      requestContext: { http: { method: 'GET', path: '/v1/history', sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' } },
      isBase64Encoded: false,
    });
    expect(event.body).toBeUndefined();
    expect(apiRequestFromFunctionUrl(event)).toEqual({
      method: 'GET',
      path: '/v1/history',
      query: { from: '2026-01-01', to: '2026-01-31', format: 'csv', currency: 'eur' },
    });
  });

  it('joins a repeated parameter as Lambda does, and the API reads its last value from rawQueryString', () => {
    const event = functionUrlEvent({
      method: 'GET',
      url: '/v1/latest?currency=USD&currency=EUR',
      headers: {},
      body: '',
      sourceIp: '127.0.0.1',
      now: new Date(0),
    });
    expect(event.queryStringParameters).toEqual({ currency: 'USD,EUR' });
    expect(apiRequestFromFunctionUrl(event).query).toEqual({ currency: 'EUR' });
    // An event with only queryStringParameters (as some tools send) is read too.
    expect(apiRequestFromFunctionUrl({ ...event, rawQueryString: '' }).query).toEqual({ currency: 'USD,EUR' });
  });
});

describe('router without data', () => {
  const route = createApiRouter(EMPTY_API_PORTS);

  it('answers 503 NOT_READY before anything is computed, and refuses a currency with no snapshot to price it', async () => {
    const latest = await route({ method: 'GET', path: '/v1/latest', query: {} });
    expect(latest.statusCode).toBe(503);
    expect(JSON.parse(latest.body).error.code).toBe('NOT_READY');
    const eur = await route({ method: 'GET', path: '/v1/signals', query: { currency: 'EUR' } });
    expect(eur.statusCode).toBe(400);
    expect(JSON.parse(eur.body).error).toMatchObject({ code: 'CURRENCY_UNAVAILABLE', issues: [{ field: 'currency' }] });
    const signals = await route({ method: 'GET', path: '/v1/signals/', query: {} });
    expect(JSON.parse(signals.body)).toEqual({
      currency: 'USD',
      fx: { currency: 'USD', perUsd: 1, asOf: null },
      signals: [],
      events: [],
    });
    const history = await route({
      method: 'GET',
      path: '/v1/history',
      query: { from: '2026-01-01', to: '2026-01-02', format: 'csv' },
    });
    expect(history.body).toBe(
      'date,hashpriceUsdPerPhDay,hashrateEhs,difficulty,btcPriceUsd,fleetShareNegativePct,hashpriceUsdPerThDay,hashpriceSatsPerThDay,fleetShareNegativeLowPct,fleetShareNegativeHighPct\r\n',
    );
  });
});

/**
 * The power price sources as a deployment runs them: real HTTP on loopback against stand-ins of
 * ERCOT's login and public API, ENTSO-E's REST API and an owner's feed, each checking the exact
 * request the real service documents (form fields, headers, query parameters) and answering in the
 * real shapes (ERCOT's recorded field lists, ENTSO-E's recorded A44 answer). Faults: an expired
 * ERCOT token, a 429 that outlasts the retries, an HTML page, a wrong token.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEntsoeA44 } from '../../../shared/adapters/power/entsoeA44';
import { EntsoeSource } from '../../../shared/adapters/power/entsoeSource';
import { ErcotApiSource } from '../../../shared/adapters/power/ercotApiSource';
import { ERCOT_CLIENT_ID } from '../../../shared/adapters/power/ercotToken';
import { FeedSource } from '../../../shared/adapters/power/feedSource';
import type { PowerHttp } from '../../../shared/adapters/power/powerRequest';
import { PowerPriceError } from '../../../shared/domain/power/powerPriceError';
import { REPO_ROOT } from '../../support/importGraph';
import { closeStandIns, ercotStandIn, json, serve } from '../../support/powerStandIns';

const http: PowerHttp = {
  options: {
    timeoutMs: 5_000,
    maxAttempts: 2,
    backoffBaseMs: 1,
    backoffMaxMs: 2,
    maxRetryAfterMs: 60_000,
    requestBudgetMs: 60_000,
    maxResponseBytes: 2 * 1024 * 1024,
    userAgent: 'hashwatch-test',
  },
  // Retries without waiting: the test checks what is retried, not how long.
  deps: { sleep: async () => undefined },
};

const credentials = async () => ({
  username: 'owner@example.com',
  password: 'p@ss w&rd',
  subscriptionKey: 'sub-key-1',
});

afterEach(closeStandIns);

/** ERCOT's real-time report for LZ_WEST, asked of the stand-in at `base` (its login at /token). */
const ercotAt = (base: string) =>
  new ErcotApiSource({
    site: 'tx-1',
    kind: 'rt',
    settlementPoint: 'LZ_WEST',
    credentials,
    http,
    baseUrl: base,
    tokenUrl: `${base}/token`,
  });

describe('ERCOT public API, through its login', () => {
  it("logs in with ERCOT's documented form in the POST body, then pages through NP6-905-CD with both credentials", async () => {
    const { base, seen } = await ercotStandIn();
    const source = ercotAt(base);
    // 2026-12-04 in Central time (CST, UTC-6): 06:00Z to the next 06:00Z.
    const prices = await source.prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-05T06:00:00.000Z' });

    const [login, ...pages] = seen;
    expect(login!.method).toBe('POST');
    expect(login!.url.search).toBe(''); // the password is never in a URL
    expect(login!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(login!.body))).toEqual({
      username: 'owner@example.com',
      password: 'p@ss w&rd',
      grant_type: 'password',
      scope: `openid ${ERCOT_CLIENT_ID} offline_access`,
      client_id: ERCOT_CLIENT_ID,
      response_type: 'id_token',
    });
    expect(pages.map((p) => Object.fromEntries(p.url.searchParams))).toEqual([
      { deliveryDateFrom: '2026-12-04', deliveryDateTo: '2026-12-04', settlementPoint: 'LZ_WEST', page: '1' },
      { deliveryDateFrom: '2026-12-04', deliveryDateTo: '2026-12-04', settlementPoint: 'LZ_WEST', page: '2' },
    ]);
    for (const page of pages) {
      expect(page.headers['ocp-apim-subscription-key']).toBe('sub-key-1');
      expect(page.headers.authorization).toBe('Bearer id-token-1'); // the id token, not the access token
    }
    expect(prices).toHaveLength(96);
    expect(prices[0]).toEqual({
      startIso: '2026-12-04T06:00:00.000Z',
      endIso: '2026-12-04T06:15:00.000Z',
      intervalMinutes: 15,
      usdPerMwh: 11, // the LZ row (hour ending 1, interval 1), never the LZEW row's 999
      source: 'ercot-api-rt',
      market: 'ERCOT',
      location: 'LZ_WEST',
    });
    expect(prices.at(-1)!.startIso).toBe('2026-12-05T05:45:00.000Z');
  });

  it('keeps only the intervals inside the window, asking for every Central day it touches', async () => {
    const { base, seen } = await ercotStandIn();
    const source = ercotAt(base);
    const prices = await source.prices({ fromIso: '2026-12-04T12:00:00.000Z', toIso: '2026-12-04T13:00:00.000Z' });
    expect(prices.map((p) => p.usdPerMwh)).toEqual([71, 72, 73, 74]); // 06:00-07:00 CST: hour ending 7
    expect(seen[1]!.url.searchParams.get('deliveryDateFrom')).toBe('2026-12-04');
  });

  it('an expired token is renewed once and the page asked again; the kept token serves the next call', async () => {
    const { base, seen } = await ercotStandIn({ expireFirstTokenAfter: 1 });
    const source = ercotAt(base);
    const prices = await source.prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-05T06:00:00.000Z' });
    expect(prices).toHaveLength(96);
    expect(seen.map((s) => `${s.url.pathname} ${s.headers.authorization ?? ''}`)).toEqual([
      '/token ',
      '/np6-905-cd/spp_node_zone_hub Bearer id-token-1',
      '/np6-905-cd/spp_node_zone_hub Bearer id-token-1', // refused: expired
      '/token ',
      '/np6-905-cd/spp_node_zone_hub Bearer id-token-2',
    ]);
    await source.prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-04T07:00:00.000Z' });
    expect(seen.filter((s) => s.url.pathname === '/token')).toHaveLength(2);
  });

  it('a refusal that a new token does not cure is `unauthorized`, naming the site; nothing is returned', async () => {
    const { base } = await serve((req, res) =>
      req.url.pathname === '/token' ? json(res, 200, { id_token: 'x', expires_in: 3600 }) : json(res, 401, {}),
    );
    const source = ercotAt(base);
    const error = await source
      .prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-05T06:00:00.000Z' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerPriceError);
    expect((error as PowerPriceError).kind).toBe('unauthorized');
    expect((error as PowerPriceError).message).toMatch(/^site "tx-1": ercot-api-rt: HTTP 401/);
  });

  it('a refused login (HTTP 400 invalid_grant: a wrong password) is an error at ercot-login that never shows the password', async () => {
    const { base } = await serve((_req, res) => json(res, 400, { error: 'invalid_grant' }));
    const source = ercotAt(base);
    const error = (await source
      .prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-05T06:00:00.000Z' })
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.field).toBe('ercot-login');
    expect(error.kind).toBe('http');
    expect(error.message).toContain('HTTP 400');
    expect(error.message).not.toContain('p@ss');
  });

  it('429 beyond the retries is `throttled`: the source was asked as often as the options allow, no more', async () => {
    const { base, seen } = await serve((req, res) =>
      req.url.pathname === '/token'
        ? json(res, 200, { id_token: 'x', expires_in: 3600 })
        : json(res, 429, { message: 'Rate limit is exceeded' }, { 'retry-after': '2' }),
    );
    const source = ercotAt(base);
    const error = (await source
      .prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-05T06:00:00.000Z' })
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.kind).toBe('throttled');
    expect(seen.filter((s) => s.url.pathname !== '/token')).toHaveLength(http.options.maxAttempts);
  });

  it('an HTML page with status 200 (a maintenance page) is `not-data`, never read as prices', async () => {
    const { base } = await serve((req, res) => {
      if (req.url.pathname === '/token') return json(res, 200, { id_token: 'x', expires_in: 3600 });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Scheduled maintenance</body></html>');
    });
    const source = ercotAt(base);
    const error = (await source
      .prices({ fromIso: '2026-12-04T06:00:00.000Z', toIso: '2026-12-05T06:00:00.000Z' })
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.kind).toBe('not-data');
    expect(error.message).toContain('site "tx-1"');
  });
});

const ENTSOE_XML = readFileSync(join(REPO_ROOT, 'test/fixtures/power/entsoe/openhab-response-PT15M.xml'), 'utf8');
const DE_LU = '10Y1001A1001A82H';

/** ENTSO-E's A44 for DE-LU, asked of `baseUrl` with a token and an EUR rate. */
const entsoeAt = (baseUrl: string, o: { token: string; eurPerUsd: number }) =>
  new EntsoeSource({
    site: 'de-1',
    zone: DE_LU,
    securityToken: async () => o.token,
    eurRate: async () => ({ currency: 'EUR', perUsd: o.eurPerUsd }),
    http,
    baseUrl,
  });

describe('ENTSO-E day-ahead (A44), with the token in the query', () => {
  it('asks with exactly the documented parameters and reads the recorded answer', async () => {
    const { base, seen } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(ENTSOE_XML);
    });
    const source = entsoeAt(`${base}/api`, { token: 'secret-token-123', eurPerUsd: 0.5 });
    // Delivery day 2025-10-31 in CET: 2025-10-30T23:00Z to 2025-10-31T23:00Z.
    const prices = await source.prices({ fromIso: '2025-10-30T23:00:00.000Z', toIso: '2025-10-31T23:00:00.000Z' });
    expect(seen).toHaveLength(1);
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      securityToken: 'secret-token-123',
      documentType: 'A44',
      in_Domain: DE_LU,
      out_Domain: DE_LU,
      periodStart: '202510302300',
      periodEnd: '202510312300',
    });
    expect(prices).toHaveLength(96);
    expect(new Set(prices.map((p) => p.source))).toEqual(new Set(['entsoe-a44']));
    // What the reader (unit-tested on this recording's values) makes of the same bytes: the source adds
    // the request, the window and nothing else.
    expect(prices).toEqual(
      parseEntsoeA44('de-1', ENTSOE_XML, { zone: DE_LU, eurRate: { currency: 'EUR', perUsd: 0.5 } }).filter(
        (p) => p.startIso < '2025-10-31T23:00:00.000Z',
      ),
    );
  });

  it('a refused token is `unauthorized`, and the error names the URL with the token masked', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Unauthorized');
    });
    const source = entsoeAt(`${base}/api`, { token: 'secret-token-123', eurPerUsd: 0.9 });
    const error = (await source
      .prices({ fromIso: '2025-10-30T23:00:00.000Z', toIso: '2025-10-31T23:00:00.000Z' })
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.kind).toBe('unauthorized');
    expect(error.message).not.toContain('secret-token-123');
  });

  it('a network failure names the URL with the token masked', async () => {
    const source = entsoeAt('http://127.0.0.1:9/api', { token: 'secret-token-123', eurPerUsd: 0.9 });
    const error = (await source
      .prices({ fromIso: '2025-10-30T23:00:00.000Z', toIso: '2025-10-31T23:00:00.000Z' })
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.kind).toBe('http');
    expect(error.message).toContain('securityToken=***');
    expect(error.message).not.toContain('secret-token-123');
  });

  it('refuses a window over a year before asking', async () => {
    const source = entsoeAt('http://127.0.0.1:9/api', { token: 't', eurPerUsd: 0.9 });
    const error = (await source
      .prices({ fromIso: '2024-01-01T00:00:00.000Z', toIso: '2025-06-01T00:00:00.000Z' })
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.field).toBe('entsoe-a44.window');
  });
});

describe("an owner's feed", () => {
  const feedJson = {
    location: 'meter-1',
    unit: 'c/kWh',
    intervals: [
      { start: '2026-12-05T12:00:00Z', end: '2026-12-05T12:15:00Z', price: 4.25 },
      { start: '2026-12-05T12:15:00Z', end: '2026-12-05T12:30:00Z', price: -0.8 },
      { start: '2026-12-05T12:30:00Z', end: '2026-12-05T12:45:00Z', price: 3 },
    ],
  };

  it('reads the JSON shape with its bearer token and the window in the query, keeping the window', async () => {
    const { base, seen } = await serve((_req, res) => json(res, 200, feedJson));
    const source = new FeedSource({
      site: 'own-1',
      url: `${base}/prices?meter=1`,
      location: 'meter-1',
      bearerToken: async () => 'feed-tok',
      http,
    });
    const prices = await source.prices({ fromIso: '2026-12-05T12:00:00.000Z', toIso: '2026-12-05T12:30:00.000Z' });
    expect(seen[0]!.headers.authorization).toBe('Bearer feed-tok');
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({
      meter: '1',
      from: '2026-12-05T12:00:00.000Z',
      to: '2026-12-05T12:30:00.000Z',
    });
    expect(prices.map((p) => p.usdPerMwh)).toEqual([42.5, -8]);
  });

  it('reads the CSV shape (served as text/plain)', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('start,end,price,unit\n2026-12-05T06:00:00-06:00,2026-12-05T07:00:00-06:00,4.25,c/kWh\n');
    });
    const source = new FeedSource({ site: 'own-1', url: `${base}/p.csv`, location: 'meter-1', http });
    const prices = await source.prices({ fromIso: '2026-12-05T12:00:00.000Z', toIso: '2026-12-05T13:00:00.000Z' });
    expect(prices).toEqual([
      expect.objectContaining({
        startIso: '2026-12-05T12:00:00.000Z',
        usdPerMwh: 42.5,
        location: 'meter-1',
        source: 'feed-csv',
      }),
    ]);
  });

  it('a feed answering its login page is refused as `not-data`', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Sign in</body></html>');
    });
    const source = new FeedSource({ site: 'own-1', url: `${base}/p`, location: 'meter-1', http });
    const error = (await source
      .prices({ fromIso: '2026-12-05T12:00:00.000Z', toIso: '2026-12-05T13:00:00.000Z' })
      .catch((e: unknown) => e)) as PowerPriceError;
    expect(error.kind).toBe('not-data');
  });
});

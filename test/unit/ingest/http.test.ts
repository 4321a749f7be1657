import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  httpGetText,
  parseJsonBody,
  parseRetryAfterMs,
  SourceError,
  type HttpOptions,
} from '../../../shared/adapters/sources/http';
import { startReplayServer, type ReplayServer } from '../../../local/devtools/replayServer';
import * as z from '../../../shared/schema/z';

const options: HttpOptions = {
  // Generous for a loopback answer on a loaded machine; the one hang below waits it out (3 attempts).
  timeoutMs: 1_000,
  maxAttempts: 3,
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  maxRetryAfterMs: 5_000,
  requestBudgetMs: 20_000,
  maxResponseBytes: 16 * 1024 * 1024,
  userAgent: 'test',
};

describe('http helper', () => {
  let server: ReplayServer;
  const sleeps: number[] = [];
  const deps = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };
  beforeAll(async () => {
    server = await startReplayServer({ '/ok': { body: '{"a":1}' }, '/notfound': { status: 404, body: '{}' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('parses Retry-After as delta-seconds or an HTTP date', () => {
    expect(parseRetryAfterMs('120', 0)).toBe(120_000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z'))).toBe(60_000);
    expect(parseRetryAfterMs(null, 0)).toBeUndefined();
    expect(parseRetryAfterMs('soon', 0)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, options, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });

  it('retries a 503 and honours a 429 Retry-After between attempts', async () => {
    sleeps.length = 0;
    server.clearFaults();
    server.setFault('/ok', { fault: { kind: 'status', status: 429, headers: { 'retry-after': '2' } }, times: 1 });
    const result = await httpGetText('t', `${server.baseUrl}/ok`, options, deps);
    expect(result).toMatchObject({ body: '{"a":1}', attempts: 2 });
    expect(sleeps).toEqual([2_000]);

    sleeps.length = 0;
    server.clearFaults();
    server.setFault('/ok', { fault: { kind: 'status', status: 503 }, times: 2 });
    expect((await httpGetText('t', `${server.baseUrl}/ok`, options, deps)).attempts).toBe(3);
    expect(sleeps).toEqual([50, 100]); // random 0.5 x 100, 0.5 x 200
  });

  it('gives up after maxAttempts, and at once on a 404 or an over-long Retry-After', async () => {
    server.clearFaults();
    server.setFault('/ok', { fault: { kind: 'status', status: 500 } });
    await expect(httpGetText('t', `${server.baseUrl}/ok`, options, deps)).rejects.toMatchObject({
      kind: 'http',
      status: 500,
    });
    expect(server.hits('/ok')).toBe(3);
    await expect(httpGetText('t', `${server.baseUrl}/notfound`, options, deps)).rejects.toMatchObject({ status: 404 });
    expect(server.hits('/notfound')).toBe(1);
    server.clearFaults();
    server.setFault('/ok', { fault: { kind: 'status', status: 429, headers: { 'retry-after': '60' } } });
    await expect(httpGetText('t', `${server.baseUrl}/ok`, options, deps)).rejects.toThrow(/exceeds the cap/);
    expect(server.hits('/ok')).toBe(1);
  });

  it('classifies a hang as a timeout and a reset as a network error', async () => {
    server.clearFaults();
    server.setFault('/ok', { fault: { kind: 'hang' } });
    await expect(httpGetText('t', `${server.baseUrl}/ok`, { ...options, maxAttempts: 1 }, deps)).rejects.toMatchObject({
      kind: 'timeout',
    });
    server.setFault('/ok', { fault: { kind: 'reset' } });
    await expect(httpGetText('t', `${server.baseUrl}/ok`, { ...options, maxAttempts: 1 }, deps)).rejects.toMatchObject({
      kind: 'network',
    });
  });

  it('turns an HTML page or truncated JSON into a parse error and a wrong shape into a schema error naming the field', () => {
    const schema = z.object({ amount: z.string() });
    expect(() => parseJsonBody('t', 'u', '<html><body>502</body></html>', schema)).toThrow(/not JSON/);
    expect(() => parseJsonBody('t', 'u', '{"amount":"1', schema)).toThrow(SourceError);
    expect(() => parseJsonBody('t', 'u', '{"amount":1}', schema)).toThrow(/amount: Invalid input: expected string/);
  });
});

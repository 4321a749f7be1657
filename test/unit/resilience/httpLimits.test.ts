/**
 * Issue #15, defects 6 and 9: the HTTP helper caps what it reads and what it waits. A real HTTP
 * server on 127.0.0.1 (the replay server) with injected faults; sleeps are recorded, not waited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGetText, SourceError, type HttpOptions } from '../../../shared/adapters/sources/http';
import { startReplayServer, type ReplayServer } from '../../../local/devtools/replayServer';
import { SourceClient, type SourceContext } from '../../../shared/adapters/sources/sourceClient';
import { createIngestSources } from '../../../shared/adapters/sources/ingestSources';
import { RESPONSE_CAP_BYTES } from '../../../shared/adapters/sources/responseCaps';
import { PATHS, scenario20260201 } from '../../../local/devtools/recordedScenario';
import { configFor, SCENARIO_NOW } from '../../support/fakeUpstream';

const options: HttpOptions = {
  timeoutMs: 2_000,
  maxAttempts: 3,
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  maxRetryAfterMs: 10_000,
  requestBudgetMs: 20_000,
  maxResponseBytes: 1024 * 1024,
  userAgent: 'test',
};

describe('http limits (issue #15)', () => {
  let server: ReplayServer;
  let clockMs = 0;
  const sleeps: number[] = [];
  const deps = {
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clockMs += ms;
    },
    random: () => 0.5,
    clock: () => clockMs,
  };
  beforeAll(async () => {
    server = await startReplayServer({ '/ok': { body: '{"a":1}' }, '/notfound': { status: 404, body: '{}' } });
  });
  afterAll(async () => {
    await server.close();
  });
  const reset = () => {
    server.clearFaults();
    sleeps.length = 0;
    clockMs = 0;
  };

  it('defect 6: a body beyond the cap is refused without reading it whole (streamed, no content-length)', async () => {
    reset();
    server.setFault('/ok', { fault: { kind: 'oversize', bytes: 200 * 1024 * 1024 } });
    const before = process.memoryUsage().rss;
    const error = await httpGetText('t', `${server.baseUrl}/ok`, options, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('oversize');
    expect((error as SourceError).message).toMatch(/more than 1048576 bytes/);
    // Not retried: the same request would be as large again.
    expect(server.hits('/ok')).toBe(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('defect 6: a declared content-length beyond the cap is refused before reading', async () => {
    reset();
    server.setFault('/ok', { fault: { kind: 'oversize', bytes: 5 * 1024 * 1024, declareLength: true } });
    await expect(httpGetText('t', `${server.baseUrl}/ok`, options, deps)).rejects.toMatchObject({ kind: 'oversize' });
  });

  it('defect 9: Retry-After is honoured on 503 too', async () => {
    reset();
    server.setFault('/ok', { fault: { kind: 'status', status: 503, headers: { 'retry-after': '3' } }, times: 1 });
    await expect(httpGetText('t', `${server.baseUrl}/ok`, options, deps)).resolves.toMatchObject({ attempts: 2 });
    expect(sleeps).toEqual([3_000]);
  });

  it('defect 9: a 429 storm with Retry-After stops at the request budget, not after every attempt', async () => {
    reset();
    server.setFault('/ok', { fault: { kind: 'status', status: 429, headers: { 'retry-after': '9' } } });
    // The default 4 s per attempt: a third attempt after two 9 s waits would end at 22 s.
    const error = (await httpGetText('t', `${server.baseUrl}/ok`, { ...options, timeoutMs: 4_000 }, deps).catch(
      (e: unknown) => e,
    )) as SourceError;
    expect(error.status).toBe(429);
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/budget/);
    expect(sleeps).toEqual([9_000]);
    // Worst case of one request: the budget; the ingest's two rounds stay inside a 60 s function.
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(options.requestBudgetMs);
  });

  it('defect 9: one 404 is one attempt, and reported as one', async () => {
    reset();
    const calls: { attempts: number; ok: boolean }[] = [];
    const ctx: SourceContext = {
      http: options,
      httpDeps: deps,
      now: () => new Date(),
      maxDataAgeMs: 3_600_000,
      observe: (call) => calls.push(call),
    };
    class Probe extends SourceClient {
      get(): Promise<string> {
        return this.call('probe', '/notfound', (body) => body);
      }
    }
    await expect(new Probe('mempool', server.baseUrl, ctx).get()).rejects.toMatchObject({ status: 404 });
    expect(server.hits('/notfound')).toBe(1);
    expect(calls).toMatchObject([{ ok: false, attempts: 1 }]);
  });
});

/**
 * Issue #22: one 16 MiB cap for every endpoint let six concurrent bodies take a 256 MB ingest to
 * 706-766 MiB. Each endpoint now has its own cap (shared/adapters/sources/responseCaps.ts): a body
 * over it is refused with an error naming the source and the endpoint, whatever the global limit.
 */
describe('per-endpoint response caps (issue #22)', () => {
  let upstream: ReplayServer;
  beforeAll(async () => {
    upstream = await startReplayServer(scenario20260201());
  });
  afterAll(async () => upstream.close());

  it('refuses a tip-height or prices body over its endpoint cap, naming the endpoint, with 16 MiB allowed overall', async () => {
    const sources = createIngestSources(configFor(upstream.baseUrl, { http: { maxResponseBytes: 16 * 1024 * 1024 } }), {
      now: () => SCENARIO_NOW,
    });
    upstream.setFault(PATHS.tipHeight, { fault: { kind: 'oversize', bytes: 2 * 1024 * 1024 } });
    upstream.setFault(PATHS.prices, { fault: { kind: 'oversize', bytes: 2 * 1024 * 1024, declareLength: true } });
    const tip = await sources.mempool.tipHeight().catch((e: unknown) => e as SourceError);
    const prices = await sources.mempool.prices().catch((e: unknown) => e as SourceError);
    expect(tip).toMatchObject({ kind: 'oversize', source: 'mempool' });
    expect((tip as SourceError).message).toMatch(
      new RegExp(`^mempool: tip-height response .* is more than ${RESPONSE_CAP_BYTES.mempool['tip-height']} bytes`),
    );
    expect((prices as SourceError).message).toMatch(
      new RegExp(`^mempool: prices response .* is more than ${RESPONSE_CAP_BYTES.mempool.prices} bytes`),
    );
    // The configured limit stays a ceiling: below an endpoint's cap it wins.
    const tight = createIngestSources(configFor(upstream.baseUrl, { http: { maxResponseBytes: 100 } }), {
      now: () => SCENARIO_NOW,
    });
    upstream.clearFaults();
    await expect(tight.mempool.difficultyAdjustment()).rejects.toMatchObject({ kind: 'oversize' });
    await expect(tight.mempool.tipHeight()).resolves.toBe(934541);
  });

  it('gives every endpoint the clients call a cap, each above the recorded response', () => {
    const recorded = scenario20260201();
    const capOf: Record<string, number> = {
      [PATHS.tipHeight]: RESPONSE_CAP_BYTES.mempool['tip-height'],
      [PATHS.difficultyAdjustment]: RESPONSE_CAP_BYTES.mempool['difficulty-adjustment'],
      [PATHS.hashrateBackfill]: RESPONSE_CAP_BYTES.mempool.hashrate,
      [PATHS.rewardStats]: RESPONSE_CAP_BYTES.mempool['reward-stats'],
      [PATHS.blockFeesBackfill]: RESPONSE_CAP_BYTES.mempool['block-fees'],
      [PATHS.prices]: RESPONSE_CAP_BYTES.mempool.prices,
      [PATHS.difficultyAdjustments]: RESPONSE_CAP_BYTES.mempool['difficulty-adjustments'],
      [PATHS.historicalPrice]: RESPONSE_CAP_BYTES.mempool['historical-price'],
      [PATHS.coinbase]: RESPONSE_CAP_BYTES.coinbase.spot,
      [PATHS.kraken]: RESPONSE_CAP_BYTES.kraken.ticker,
      [PATHS.coingecko]: RESPONSE_CAP_BYTES.coingecko['simple-price'],
      [PATHS.blockchainInfo]: RESPONSE_CAP_BYTES['blockchain.info'].stats,
    };
    for (const [path, cap] of Object.entries(capOf))
      expect(Buffer.byteLength(recorded[path]!.body), path).toBeLessThan(cap / 8);
  });
});

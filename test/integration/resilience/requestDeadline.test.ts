/**
 * Issue #22: `/v1/latest` made two sequential reads that need ~18 s against a stalled DynamoDB
 * (3 attempts of 3 s each), past the calculator's 10 s timeout: the caller got a Lambda timeout
 * instead of the documented JSON error. Each request now has a deadline below the function's
 * remaining time (context.getRemainingTimeInMillis()), passed to every SDK send as its abortSignal.
 * The real read API entry point (functions/api/handler.ts: the read API is its own function since
 * issue #23, with the calculator's 10 s timeout), under the api role, against a real TCP server on
 * 127.0.0.1 that reads each request and never answers.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { useEntryPointRoles } from '../../support/iam/entryPointRoles';
import { lambdaContext } from '../../support/lambdaContext';
import { REQUEST_DEADLINE_MARGIN_MS } from '../../../shared/async/requestDeadline';

/** What the function has left when the request arrives (the api function's timeout is 10 s). */
const REMAINING_MS = 4_000;

let server: Server;
const sockets = new Set<Socket>();
let requests = 0;
let handler: (
  event: unknown,
  context: Context,
) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
let logger: Logger;
const underDeployedRoles = useEntryPointRoles();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => (requests += 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubEnv('TABLE_NAME', 'hashwatch-stalled');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  underDeployedRoles({ tableName: 'hashwatch-stalled' });
  const module = await import('../../../functions/api/handler');
  handler = module.handler as unknown as typeof handler;
  logger = module.logger;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function urlEvent(path: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl' } },
    isBase64Encoded: false,
  };
}

describe('per-request deadline (issue #22)', () => {
  it('answers 503 UNAVAILABLE within the deadline when DynamoDB stalls, instead of running into the function timeout', async () => {
    requests = 0;
    const errors = vi.spyOn(logger, 'error');
    const context = { ...lambdaContext('hashwatch-api'), getRemainingTimeInMillis: () => REMAINING_MS };
    const answer = await handler(urlEvent('/v1/latest'), context);
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual({
      error: {
        code: 'UNAVAILABLE',
        message: expect.stringContaining(`${REMAINING_MS - REQUEST_DEADLINE_MARGIN_MS} ms`),
        issues: [],
      },
    });
    expect(requests).toBeGreaterThan(0);
    // The handler's own record of the request: it stopped at its deadline, not at the SDK's ~18 s.
    const failed = errors.mock.calls.find(([message]) => message === 'api request failed');
    const detail = failed?.[1] as { deadlineMs: number; elapsedMs: number };
    expect(detail.deadlineMs).toBe(REMAINING_MS - REQUEST_DEADLINE_MARGIN_MS);
    // Generous: within the function's remaining time, far below the 18 s the reads needed before.
    expect(detail.elapsedMs).toBeGreaterThanOrEqual(detail.deadlineMs);
    expect(detail.elapsedMs).toBeLessThan(REMAINING_MS);
  }, 30_000);
});

/**
 * The calculator Lambda handler end to end on DynamoDB Local, under the calculator role: direct invoke and Function URL
 * events, the latest stored snapshot as the default market, and HTTP statuses.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import { MAX_REQUEST_BYTES } from '../../../shared/calculator/request';
import { useDynamoLocal, type TestTable } from '../../support/dynamoTable';
import { calculatorHandler } from '../../support/calculatorHarness';
import { putSnapshotItem, snapshotAt } from '../../support/networkSnapshotItem';

const db = useDynamoLocal();
let table: TestTable;
let invoke: (event: unknown) => Promise<unknown>;
let errorSpy: ReturnType<typeof vi.spyOn>;

beforeAll(async () => {
  table = await db.newTable();
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  const calculator = calculatorHandler({ table });
  errorSpy = vi.spyOn(calculator.logger, 'error');
  invoke = calculator.invoke;
});

function urlEvent(body: string | undefined, options: { method?: string; base64?: boolean } = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      http: {
        method: options.method ?? 'POST',
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
    },
    body: body !== undefined && options.base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: options.base64 ?? false,
  };
}

const request = { machines: [{ model: 'S19 XP', count: 4 }], powerPriceUsdPerKwh: 0.06, poolFeePct: 2 };

describe('calculator handler on DynamoDB Local', () => {
  it('asks for market while nothing is stored, then prices on the latest stored snapshot', async () => {
    const before = (await invoke(request)) as CalculatorError;
    expect(before.error.code).toBe('MARKET_UNAVAILABLE');

    await putSnapshotItem(table.client, table.tableName, snapshotAt('2026-11-25T11:50:00Z', { btcPriceUsd: 80_000 }));
    await putSnapshotItem(table.client, table.tableName, snapshotAt('2026-11-25T12:00:00Z', { btcPriceUsd: 87_000 }));
    const answer = (await invoke(request)) as CalculatorResponse;
    expect(answer.market.btcPriceUsd).toBe(87_000);
    expect(answer.market.snapshot).toEqual({
      intervalStart: '2026-11-25T12:00:00Z',
      observedAt: '2026-11-25T12:00:42Z',
    });
    // Hand arithmetic on the stored figures: 87,000 x (3.125 + 0.022) x 86,400e15 / (149.3e12 x 2^32).
    const hashprice = (87_000 * 3.147 * 86_400e15) / (149.3e12 * 2 ** 32);
    expect(answer.market.hashpriceUsdPerPhDay).toBeCloseTo(hashprice, 9);
    expect(answer.fleet.revenueUsdPerDay).toBeCloseTo(4 * 0.14 * hashprice * 0.98, 9);
  });

  it('serves the Function URL: 200 with the same answer as a direct invoke, base64 or not', async () => {
    const direct = await invoke(request);
    for (const base64 of [false, true]) {
      const answer = (await invoke(urlEvent(JSON.stringify(request), { base64 }))) as {
        statusCode: number;
        headers: Record<string, string>;
        body: string;
      };
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(JSON.parse(answer.body)).toEqual(direct);
    }
  });

  it('answers 400 with the structured error for a bad body, an empty body or an oversized one', async () => {
    const bad = (await invoke(urlEvent(JSON.stringify({ ...request, powerPriceUsdPerKwh: -1 })))) as {
      statusCode: number;
      body: string;
    };
    expect(bad.statusCode).toBe(400);
    expect((JSON.parse(bad.body) as CalculatorError).error.issues[0]!.field).toBe('powerPriceUsdPerKwh');

    const empty = (await invoke(urlEvent(undefined))) as { statusCode: number; body: string };
    expect(empty.statusCode).toBe(400);
    expect((JSON.parse(empty.body) as CalculatorError).error.code).toBe('INVALID_REQUEST');

    const huge = (await invoke(urlEvent(JSON.stringify({ ...request, pad: 'x'.repeat(MAX_REQUEST_BYTES) })))) as {
      statusCode: number;
      body: string;
    };
    expect(huge.statusCode).toBe(400);
    expect((JSON.parse(huge.body) as CalculatorError).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 405 to anything but POST', async () => {
    const answer = (await invoke(urlEvent(undefined, { method: 'GET' }))) as {
      statusCode: number;
      headers: Record<string, string>;
    };
    expect(answer.statusCode).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect((JSON.parse((answer as unknown as { body: string }).body) as CalculatorError).error.code).toBe(
      'METHOD_NOT_ALLOWED',
    );
  });

  it('logged nothing at error level for any of these caller mistakes', () => {
    expect(errorSpy).not.toHaveBeenCalled();
  });
});

/** The checks every interval price passes, and the HTTP answers that are not data. */
import { describe, expect, it } from 'vitest';
import { assertPowerData } from '../../../shared/adapters/power/powerResponse';
import type { IntervalPrice } from '../../../shared/domain/power/intervalPrice';
import { ercotLimits } from '../../../shared/domain/power/marketLimits';
import { checkIntervalPrices, currentPrice } from '../../../shared/domain/power/powerPriceChecks';
import { PowerPriceError } from '../../../shared/domain/power/powerPriceError';
import { thrownError } from '../../support/thrownError';

const price = (startIso: string, usdPerMwh: number, minutes: 15 | 60 = 15): IntervalPrice => ({
  startIso,
  endIso: new Date(Date.parse(startIso) + minutes * 60_000).toISOString(),
  intervalMinutes: minutes,
  usdPerMwh,
  source: 'ercot-api-rt',
  market: 'ERCOT',
  location: 'LZ_NORTH',
});

const errorOf = (fn: () => unknown): PowerPriceError => thrownError(fn, PowerPriceError);

const options = (nowIso: string, maxAgeMs?: number) => ({
  site: 'tx-1',
  nowMs: Date.parse(nowIso),
  limitsAt: ercotLimits,
  maxAgeMs,
});

describe('market caps and floors', () => {
  it('ERCOT: $9,000/MWh was a real price in Winter Storm Uri (2021) and is above the cap since 2022', () => {
    expect(() =>
      checkIntervalPrices([price('2021-02-16T12:00:00Z', 9000)], options('2021-02-16T12:20:00Z')),
    ).not.toThrow();
    const error = errorOf(() =>
      checkIntervalPrices([price('2024-08-20T21:00:00Z', 9000)], options('2024-08-20T21:20:00Z')),
    );
    expect(error.kind).toBe('range');
    expect(error.message).toContain('site "tx-1": prices[0].price: $9,000/MWh');
    expect(error.message).toContain('cap of $5,001/MWh');
  });

  it('a price in c/kWh read as $/MWh is caught when it lands beyond the cap', () => {
    // 42.5 $/MWh given as 4.25 c/kWh is undetectable; 6,000 c/kWh ($60/kWh) read as $/MWh is not.
    expect(
      errorOf(() => checkIntervalPrices([price('2026-07-15T19:00:00Z', 6000)], options('2026-07-15T19:20:00Z'))).kind,
    ).toBe('range');
  });

  it('negative prices are real and pass', () => {
    expect(
      checkIntervalPrices([price('2026-04-05T18:00:00Z', -45.2)], options('2026-04-05T18:20:00Z')).prices,
    ).toHaveLength(1);
  });
});

describe('series checks', () => {
  it('sorts, merges exact duplicates and reports gaps', () => {
    const checked = checkIntervalPrices(
      [price('2026-07-15T19:30:00Z', 3), price('2026-07-15T19:00:00Z', 1), price('2026-07-15T19:00:00Z', 1)],
      options('2026-07-15T19:50:00Z'),
    );
    expect(checked.prices.map((p) => p.usdPerMwh)).toEqual([1, 3]);
    expect(checked.gaps).toEqual([{ startIso: '2026-07-15T19:15:00.000Z', endIso: '2026-07-15T19:30:00.000Z' }]);
  });

  it('two different prices for one interval are a conflict', () => {
    const error = errorOf(() =>
      checkIntervalPrices(
        [price('2026-07-15T19:00:00Z', 1), price('2026-07-15T19:00:00Z', 2)],
        options('2026-07-15T19:20:00Z'),
      ),
    );
    expect(error.kind).toBe('conflict');
  });

  it('an interval whose end does not match its length is refused', () => {
    const bad = { ...price('2026-07-15T19:00:00Z', 1), endIso: '2026-07-15T19:20:00.000Z' };
    expect(errorOf(() => checkIntervalPrices([bad], options('2026-07-15T19:30:00Z'))).message).toContain(
      'prices[0].end',
    );
  });

  it("an interval far in the future is refused; tomorrow's day-ahead is not", () => {
    expect(() =>
      checkIntervalPrices([price('2026-07-16T22:00:00Z', 1, 60)], options('2026-07-15T19:20:00Z')),
    ).not.toThrow();
    expect(
      errorOf(() => checkIntervalPrices([price('2026-07-25T19:00:00Z', 1)], options('2026-07-15T19:20:00Z'))).kind,
    ).toBe('future');
  });

  it('a feed whose latest interval is older than allowed is stale', () => {
    const error = errorOf(() =>
      checkIntervalPrices([price('2026-07-15T18:00:00Z', 1)], options('2026-07-15T19:20:00Z', 30 * 60_000)),
    );
    expect(error.kind).toBe('stale');
    expect(error.message).toContain('65 min ago');
  });
});

describe('the price to decide on', () => {
  const series = [price('2026-07-15T19:00:00Z', 1), price('2026-07-15T19:15:00Z', 2)];
  it('is the interval covering now, else the latest ended within the allowed age, else none', () => {
    expect(currentPrice(series, Date.parse('2026-07-15T19:20:00Z'), 20 * 60_000)?.usdPerMwh).toBe(2);
    expect(currentPrice(series, Date.parse('2026-07-15T19:40:00Z'), 20 * 60_000)?.usdPerMwh).toBe(2);
    expect(currentPrice(series, Date.parse('2026-07-15T19:55:00Z'), 20 * 60_000)).toBeUndefined();
  });
});

describe('answers that are not data', () => {
  it.each([
    [{ status: 429, body: '{"statusCode":429,"message":"Rate limit is exceeded."}' }, 'throttled'],
    [{ status: 401, body: '{"statusCode":401,"message":"Invalid token"}' }, 'unauthorized'],
    [{ status: 503, body: '' }, 'http'],
    [
      { status: 200, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><title>Sign in</title>' },
      'not-data',
    ],
    [{ status: 200, body: '\n  <html><body>Maintenance</body></html>' }, 'not-data'],
  ])('%o is %s, naming the site and the source', (response, kind) => {
    const error = errorOf(() => assertPowerData('tx-1', 'ercot-api-rt', response));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(/^site "tx-1": ercot-api-rt: /);
  });

  it('a 200 with data passes', () => {
    expect(() =>
      assertPowerData('tx-1', 'ercot-api-rt', { status: 200, contentType: 'application/json', body: '{}' }),
    ).not.toThrow();
  });
});

/**
 * ENTSO-E day-ahead prices (A44), read from a recorded answer for DE-LU (test/fixtures/power/
 * SOURCES.md): two delivery days at 15 minutes, two classification sequences each, curve type A03
 * with positions left out. The EUR rate is a test input (0.9 EUR per USD), not a market rate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEntsoeA44 } from '../../../shared/adapters/power/entsoeA44';
import type { FxRate } from '../../../shared/domain/currency';
import { checkIntervalPrices } from '../../../shared/domain/power/powerPriceChecks';
import { feedLimits } from '../../../shared/domain/power/marketLimits';
import { PowerPriceError } from '../../../shared/domain/power/powerPriceError';
import { REPO_ROOT } from '../../support/importGraph';
import { thrownError } from '../../support/thrownError';

const XML = readFileSync(join(REPO_ROOT, 'test/fixtures/power/entsoe/openhab-response-PT15M.xml'), 'utf8');
const DE_LU = '10Y1001A1001A82H';
const eurRate: FxRate = { currency: 'EUR', perUsd: 0.9 };
const eur = (usdPerMwh: number): number => Math.round(usdPerMwh * eurRate.perUsd * 100) / 100;

const errorOf = (fn: () => unknown): PowerPriceError => thrownError(fn, PowerPriceError);

describe('ENTSO-E A44 day-ahead prices (recorded DE-LU answer of 2025-10-31)', () => {
  it('reads sequence 1 by default: 2 days x 96 quarter hours from 2025-10-30T23:00Z, in USD', () => {
    const prices = parseEntsoeA44('de-1', XML, { zone: DE_LU, eurRate });
    expect(prices).toHaveLength(192);
    expect(prices[0]).toEqual({
      startIso: '2025-10-30T23:00:00.000Z',
      endIso: '2025-10-30T23:15:00.000Z',
      intervalMinutes: 15,
      usdPerMwh: 102.81 / 0.9,
      source: 'entsoe-a44',
      market: 'ENTSO-E',
      location: DE_LU,
    });
    expect(prices.at(-1)!.endIso).toBe('2025-11-01T23:00:00.000Z');
    expect(eur(prices[95]!.usdPerMwh)).toBe(42.37);
    expect(eur(prices[96]!.usdPerMwh)).toBe(63.5);
    // Day 2, sequence 1 leaves out position 45: position 44's 15 EUR/MWh carries forward.
    expect(eur(prices[96 + 44]!.usdPerMwh)).toBe(15);
    expect(eur(prices[96 + 45]!.usdPerMwh)).toBe(15.06);
  });

  it('carries the previous price into every position sequence 2 leaves out (curve type A03)', () => {
    const prices = parseEntsoeA44('de-1', XML, { zone: DE_LU, eurRate, sequence: 2 });
    expect(prices).toHaveLength(192);
    const at = (day: number, position: number): number => eur(prices[day * 96 + position - 1]!.usdPerMwh);
    expect([at(0, 19), at(0, 20), at(0, 21)]).toEqual([80.5, 80.5, 84.04]);
    expect([at(0, 71), at(0, 72), at(0, 73)]).toEqual([119.96, 119.96, 123.18]);
    expect([at(1, 15), at(1, 16), at(1, 17)]).toEqual([56.23, 56.23, 47.6]);
    expect([at(1, 87), at(1, 88), at(1, 89)]).toEqual([74.93, 74.93, 71.97]);
    expect(
      checkIntervalPrices(prices, { site: 'de-1', nowMs: Date.parse('2025-10-31T18:00:00Z'), limitsAt: feedLimits })
        .gaps,
    ).toEqual([]);
  });

  it('under curve type A01 a left-out position is a gap, never an invented price', () => {
    const a01 = XML.replaceAll('<curveType>A03</curveType>', '<curveType>A01</curveType>');
    const prices = parseEntsoeA44('de-1', a01, { zone: DE_LU, eurRate, sequence: 2 });
    expect(prices).toHaveLength(192 - 7);
    const { gaps } = checkIntervalPrices(prices, {
      site: 'de-1',
      nowMs: Date.parse('2025-10-31T18:00:00Z'),
      limitsAt: feedLimits,
    });
    expect(gaps[0]).toEqual({ startIso: '2025-10-31T03:45:00.000Z', endIso: '2025-10-31T04:00:00.000Z' });
    expect(gaps).toHaveLength(7);
  });

  it('another zone than the answer holds is named', () => {
    const error = errorOf(() => parseEntsoeA44('de-1', XML, { zone: '10YFR-RTE------C', eurRate }));
    expect(error.kind).toBe('missing-location');
    expect(error.message).toContain('10YFR-RTE------C');
  });

  it('a price beyond the SDAC limits is refused with its element named', () => {
    const bad = XML.replace('<price.amount>102.81</price.amount>', '<price.amount>10281</price.amount>');
    const error = errorOf(() => parseEntsoeA44('de-1', bad, { zone: DE_LU, eurRate }));
    expect(error.kind).toBe('range');
    expect(error.message).toContain('TimeSeries[1].Period[0].Point[0].price.amount');
  });

  it("ENTSO-E's acknowledgement (its error or no-data answer) becomes an error with its reason", () => {
    const ack = `<?xml version="1.0" encoding="UTF-8"?>
<Acknowledgement_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-1:acknowledgementdocument:7:0">
  <Reason><code>999</code><text>No matching data found</text></Reason>
</Acknowledgement_MarketDocument>`;
    const error = errorOf(() => parseEntsoeA44('de-1', ack, { zone: DE_LU, eurRate }));
    expect(error.kind).toBe('not-data');
    expect(error.message).toContain('No matching data found');
  });

  it('an HTML page is not read as prices', () => {
    const error = errorOf(() =>
      parseEntsoeA44('de-1', '<!DOCTYPE html><html><body>502</body></html>', { zone: DE_LU, eurRate }),
    );
    expect(error.kind).toBe('not-data');
  });

  it('a missing start names the period', () => {
    const bad = XML.replace('<start>2025-10-30T23:00Z</start>\n              <end>', '<end>');
    const error = errorOf(() => parseEntsoeA44('de-1', bad, { zone: DE_LU, eurRate, sequence: 2 }));
    expect(error.message).toContain('TimeSeries[0].Period[0].timeInterval.start');
  });
});

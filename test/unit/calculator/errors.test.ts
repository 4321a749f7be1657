/**
 * Bad input, case by case: each invalid request gets a structured error naming every offending
 * field and why. (The generated-input test in fuzz.test.ts sends thousands more.)
 */
import { describe, expect, it } from 'vitest';
import {
  calculate,
  calculateFromText,
  type CalculatorDeps,
  type CalculatorResult,
} from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError, type CalculatorError } from '../../../shared/calculator/errors';
import { MAX_REQUEST_BYTES } from '../../../shared/calculator/request';

const deps: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T00:00:00Z') };
const valid = {
  machines: [{ model: 'S21', count: 2 }],
  powerPriceUsdPerKwh: 0.05,
  market: { hashpriceUsdPerPhDay: 40 },
};

function refused(result: CalculatorResult): CalculatorError {
  if (!isCalculatorError(result)) throw new Error(`expected an error, got a priced answer`);
  return result;
}
const fields = (e: CalculatorError): string[] => e.error.issues.map((i) => i.field);

describe('calculator errors', () => {
  it('names each field with a wrong type', async () => {
    const e = refused(await calculate({ machines: 'S21', powerPriceUsdPerKwh: '0.05', poolFeePct: true }, deps));
    expect(e.error.code).toBe('INVALID_REQUEST');
    expect(fields(e)).toEqual(['machines', 'powerPriceUsdPerKwh', 'poolFeePct']);
    expect(e.error.issues[0]!.problem).toBe('must be a list');
    expect(e.error.issues[1]!.problem).toBe('must be a number');
  });

  it('names negative and absurd values with the bound they break', async () => {
    const e = refused(
      await calculate(
        {
          ...valid,
          machines: [{ model: 'S21', count: -1 }],
          powerPriceUsdPerKwh: 6.5,
          poolFeePct: -2,
          market: { hashpriceUsdPerPhDay: 1e9 },
        },
        deps,
      ),
    );
    expect(fields(e)).toEqual([
      'machines[0].count',
      'powerPriceUsdPerKwh',
      'poolFeePct',
      'market.hashpriceUsdPerPhDay',
    ]);
    expect(e.error.issues[1]!.problem).toContain('at most 5 USD/kWh');
  });

  it('writes large bounds with thousands separators', async () => {
    const e = refused(
      await calculate(
        {
          ...valid,
          machines: [{ model: 'S21', count: 1_000_001 }],
          market: { hashpriceUsdPerPhDay: 40, tipHeight: 10_000_001 },
        },
        deps,
      ),
    );
    expect(e.error.issues.map((i) => [i.field, i.problem])).toEqual([
      ['machines[0].count', 'must be at most 1,000,000'],
      ['market.tipHeight', 'must be at most 10,000,000'],
    ]);
  });

  it('refuses an empty fleet', async () => {
    const e = refused(await calculate({ ...valid, machines: [] }, deps));
    expect(e.error.issues).toEqual([
      { field: 'machines', problem: 'must hold at least one machine (the fleet is empty)' },
    ]);
  });

  it('refuses a horizon over 10 years', async () => {
    const e = refused(await calculate({ ...valid, scenario: { horizonDays: 3653 } }, deps));
    expect(e.error.issues).toEqual([
      { field: 'scenario.horizonDays', problem: 'must be at most 3652 days (10 years)' },
    ]);
  });

  it('refuses an oversized payload, as an object or as text', async () => {
    const big = { ...valid, machines: Array.from({ length: 3000 }, () => ({ model: 'Antminer S19 XP', count: 1 })) };
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(refused(await calculate(big, deps)).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refused(await calculateFromText(' '.repeat(MAX_REQUEST_BYTES + 1), deps)).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('refuses unknown fields (a typo never silently becomes a default)', async () => {
    const e = refused(await calculate({ ...valid, poolFee: 2, machines: [{ model: 'S21', count: 1, qty: 3 }] }, deps));
    expect(fields(e).sort()).toEqual(['machines[0].qty', 'poolFee']);
    expect(e.error.issues[0]!.problem).toBe('is not a known field');
  });

  it('refuses a half-described custom machine, a model given with figures, and an impossible efficiency', async () => {
    const e = refused(
      await calculate(
        {
          ...valid,
          machines: [
            { hashrateThs: 200, count: 1 },
            { model: 'S21', hashrateThs: 200, powerWatts: 3500, count: 1 },
            { hashrateThs: 200, powerWatts: 35, count: 1 },
            { count: 1 },
          ],
        },
        deps,
      ),
    );
    expect(fields(e)).toEqual([
      'machines[0].powerWatts',
      'machines[1].model',
      'machines[2].powerWatts',
      'machines[3].model',
    ]);
    expect(e.error.issues[2]!.problem).toContain('J/TH');
  });

  it('refuses uptime and curtailment together', async () => {
    const e = refused(await calculate({ ...valid, uptimePct: 90, curtailmentPct: 10 }, deps));
    expect(e.error.issues).toEqual([
      { field: 'curtailmentPct', problem: 'give uptimePct or curtailmentPct, not both' },
    ]);
  });

  it('refuses a malformed scenario field by field', async () => {
    const e = refused(
      await calculate(
        {
          ...valid,
          scenario: {
            horizonDays: 10.5,
            difficultyGrowthPctPerEpoch: -80,
            btcPricePath: { type: 'moon' },
            step: 'week',
            startDate: '2026-02-30',
          },
        },
        deps,
      ),
    );
    expect(fields(e)).toEqual([
      'scenario.horizonDays',
      'scenario.difficultyGrowthPctPerEpoch',
      'scenario.btcPricePath.type',
      'scenario.step',
      'scenario.startDate',
    ]);
  });

  it('names every unknown model of a fleet at once', async () => {
    const e = refused(
      await calculate(
        {
          ...valid,
          machines: [
            { model: 'S21', count: 1 },
            { model: 'S99 Ultra', count: 1 },
            { model: 'M600', count: 1 },
          ],
        },
        deps,
      ),
    );
    expect(e.error.code).toBe('UNKNOWN_MODEL');
    expect(fields(e)).toEqual(['machines[1].model', 'machines[2].model']);
    expect(e.error.issues.every((i) => (i.closestModels ?? []).length > 0)).toBe(true);
  });

  it('refuses what is not a JSON object', async () => {
    for (const raw of [null, 42, 'S21', [valid], undefined]) {
      const e = refused(await calculate(raw, deps));
      expect(e.error.code).toBe('INVALID_REQUEST');
      expect(fields(e)).toEqual(['']);
    }
    const deep = '{"machines":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
    expect(refused(await calculateFromText(deep, deps)).error.code).toBe('INVALID_REQUEST');
    const cyclic: Record<string, unknown> = { ...valid };
    cyclic.self = cyclic;
    expect(refused(await calculate(cyclic, deps)).error.issues[0]!.problem).toContain('not a plain JSON value');
    const text = refused(await calculateFromText('{"machines": [', deps));
    expect(text.error.issues[0]!.problem).toMatch(/^is not valid JSON/);
  });
});

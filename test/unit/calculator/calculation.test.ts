/**
 * The calculator use case without the bundled history (calculation.ts), as the read API's
 * GET /v1/sites runs it: a request that does not project is priced exactly as calculate() prices it,
 * and one that projects is refused as our own fault, never priced from some other history.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculate, type CalculatorDeps } from '../../../shared/calculator/calculate';
import { calculateWith } from '../../../shared/calculator/calculation';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { CalculatorErrorCode, isCalculatorError } from '../../../shared/calculator/errors';

const deps: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T18:30:00Z') };
const example = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('calculateWith (no projection history)', () => {
  it('prices a scenario that does not project exactly as calculate() does', async () => {
    const request = example('calc-scenario.json');
    const without = await calculateWith(request, deps, undefined);
    expect(isCalculatorError(without)).toBe(false);
    expect(without).toEqual(await calculate(request, deps));
  });

  it('refuses a fleetResponse projection as an internal error naming the missing history', async () => {
    const request = example('calc-projection.json');
    expect(isCalculatorError(await calculate(request, deps))).toBe(false);
    const without = await calculateWith(request, deps, undefined);
    if (!isCalculatorError(without)) throw new Error('expected a refusal without the history');
    expect(without.error.code).toBe(CalculatorErrorCode.Internal);
    expect(without.error.message).toMatch(/no daily history to project from/);
  });

  it('still answers a bad request with a 400 naming the field before it needs any history', async () => {
    const bad = await calculateWith({ ...example('calc-projection.json'), machines: [] }, deps, undefined);
    if (!isCalculatorError(bad)) throw new Error('expected a 400');
    expect(bad.error.code).toBe(CalculatorErrorCode.InvalidRequest);
    expect(bad.error.issues.map((i) => i.field)).toContain('machines');
  });
});

/**
 * Expected figures as the read API serves them: rounded by its one policy (shared/api/rounding.ts,
 * docs/api.md "Rounding"). A test computes the exact figure independently, then asserts the served
 * one is that figure at its documented precision: exactly (`asServed`, `served`), or, when the
 * expected side is itself built from served (rounded) figures, within what the two roundings allow
 * (`expectServed`), never a looser tolerance.
 */
import { expect } from 'vitest';
import { precisionOf, roundFigure, roundingReplacer } from '../../shared/api/rounding';

/** A value as a JSON answer carries it: every number rounded by its key. */
export const asServed = <T>(value: T): T => JSON.parse(JSON.stringify(value, roundingReplacer)) as T;

/** One figure, named as the API names it, as served. */
export const served = (name: string, value: number): number => roundFigure(name, value);

/** Half the last unit the API shows of the figure `name` near `value`: the most its rounding moves it. */
export function roundingSlack(name: string, value: number): number {
  const p = precisionOf(name);
  if ('decimals' in p) return 0.5 * 10 ** -p.decimals;
  if (value === 0) return 0;
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(value))) - p.significant + 1);
}

/**
 * `actual` (served as `name`) is `exact` at the served precision: off by at most its rounding,
 * plus `inputSlack`, what rounded inputs of `exact` may move it (0 when `exact` is computed from
 * full-precision figures).
 */
export function expectServed(actual: number, name: string, exact: number, inputSlack = 0): void {
  const bound = (roundingSlack(name, exact) + inputSlack) * (1 + 1e-9);
  expect(Math.abs(actual - exact), `${name}: served ${actual} for ${exact} (at most ${bound} off)`).toBeLessThanOrEqual(
    bound,
  );
}

/**
 * The fleet response's bundled parameters are the winner of the fit on 2021+ starts
 * (local/projection/fitResponse.ts): a change to the model or the data that moves the optimum
 * fails here, so the parameters cannot silently drift from the fit the docs describe.
 */
import { describe, expect, it } from 'vitest';
import { FITTED_RESPONSE } from '../../../shared/domain/projection/fittedResponse';
import { fitCandidates } from '../../../local/projection/fitResponse';
import { FIT_STARTS, HELD_OUT_STARTS } from '../../../local/projection/validation';

describe('the fleet response fit', () => {
  it('fits on starts after the 2021 China ban only, never on 2016-2020', () => {
    expect(FIT_STARTS[0]).toBe('2021-08-01');
    expect(FIT_STARTS.every((s) => s >= '2021-08-01')).toBe(true);
    expect(HELD_OUT_STARTS.every((s) => s < '2021-01-01')).toBe(true);
  });

  it('bundles the grid point with the smallest error on the fit starts', () => {
    const [best] = fitCandidates();
    expect(best!.model).toEqual(FITTED_RESPONSE);
  }, 60_000);
});

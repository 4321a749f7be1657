import { describe, expect, it } from 'vitest';
import { simpleMovingAverage } from '../../../shared/domain/movingAverage';

describe('simpleMovingAverage', () => {
  it('averages the window ending at each index, undefined until the window is full', () => {
    expect(simpleMovingAverage([1, 2, 3, 4, 5], 3)).toEqual([undefined, undefined, 2, 3, 4]);
  });

  it('is undefined while a missing value is inside the window, and resumes after it leaves', () => {
    expect(simpleMovingAverage([2, undefined, 4, 6, 8], 2)).toEqual([undefined, undefined, undefined, 5, 7]);
  });

  it('rejects a window that is not a positive integer', () => {
    expect(() => simpleMovingAverage([1], 0)).toThrow(RangeError);
    expect(() => simpleMovingAverage([1], 1.5)).toThrow(RangeError);
  });
});

describe('simpleMovingAverage precision', () => {
  it('keeps small values that follow a huge one (a plain running sum returned 0 here)', () => {
    // 1e20 + 1 rounds to 1e20 in doubles; after 1e20 leaves the window only the 1s remain
    expect(simpleMovingAverage([1e20, 1, 1, 1], 1)).toEqual([1e20, 1, 1, 1]);
    expect(simpleMovingAverage([1e20, 1, 3, 5], 2)).toEqual([undefined, 5e19, 2, 4]);
  });
});

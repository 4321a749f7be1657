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

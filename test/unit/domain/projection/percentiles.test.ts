import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  percentileScratch,
  percentileSeries,
  quantileOfSorted,
  recordPercentiles,
} from '../../../../shared/domain/projection/percentiles';

describe('recordPercentiles', () => {
  it('selects exactly the nearest-rank values sorting gives, for any values (ties, constants, one path)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (raw) => {
          // -0 and 0 are the same price; the selection need not keep their order.
          const xs = raw.map((x) => x + 0);
          const values = Float64Array.from(xs);
          const series = percentileSeries(1);
          recordPercentiles(series, 0, values, percentileScratch(values.length));
          const sorted = Float64Array.from(xs).sort();
          expect(series.p10[0]).toBe(quantileOfSorted(sorted, 0.1));
          expect(series.p50[0]).toBe(quantileOfSorted(sorted, 0.5));
          expect(series.p90[0]).toBe(quantileOfSorted(sorted, 0.9));
          // The values themselves are left as they were (only the scratch buffer is rearranged).
          expect(Array.from(values)).toEqual(xs);
        },
      ),
    );
  });
});

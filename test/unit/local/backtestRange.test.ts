import { describe, expect, it } from 'vitest';
import { backtestRangeSchema } from '../../../local/backtest/runBacktest';

const issues = (from: string, to: string) => {
  const r = backtestRangeSchema.safeParse({ from, to });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('backtest range', () => {
  it('accepts real dates, a leap day included', () => {
    expect(issues('2024-02-29', '2024-03-01')).toEqual([]);
  });

  it('refuses a day the month does not have instead of rolling it into the next month', () => {
    // Date.parse('2021-02-30T00:00:00Z') is a day in March: the replay would silently start there.
    expect(issues('2021-02-30', '2021-03-05')).toEqual(['from: not a calendar date']);
    expect(issues('2021-01-01', '2023-02-29')).toEqual(['to: not a calendar date']);
    expect(issues('2021-04-31', '2021-05-05')).toEqual(['from: not a calendar date']);
  });

  it('refuses a month 13 and a reversed range, naming the field', () => {
    expect(issues('2021-13-01', '2022-01-01')).toEqual(['from: not a calendar date']);
    expect(issues('2022-01-02', '2022-01-01')).toEqual(['from: --from must not be after --to']);
  });
});

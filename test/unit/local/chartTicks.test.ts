import { describe, expect, it } from 'vitest';
import { logTicks, tickDecimals, timeTicks, valueTicks } from '../../../local/backtest/chartTicks';

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
const labels = (from: string, toExclusive: string, maxTicks?: number) =>
  timeTicks(day(from), day(toExclusive), maxTicks).map((t) => t.label);

describe('axis ticks of the report charts', () => {
  it('labels every other day on a two-week range, with the year on the first', () => {
    expect(labels('2026-02-01', '2026-02-15')).toEqual([
      'Feb 1 2026',
      'Feb 3',
      'Feb 5',
      'Feb 7',
      'Feb 9',
      'Feb 11',
      'Feb 13',
    ]);
  });

  it('labels weeks on a two-month range, and the year again on January 1st', () => {
    expect(labels('2025-12-01', '2026-01-31')).toEqual([
      'Dec 1 2025',
      'Dec 8',
      'Dec 15',
      'Dec 22',
      'Jan 1 2026',
      'Jan 8',
      'Jan 15',
      'Jan 22',
    ]);
  });

  it('labels months on a quarter and years on a decade, coarser when the plot is narrow', () => {
    expect(labels('2022-11-01', '2023-02-01')).toEqual(['Nov 2022', 'Dec', 'Jan 2023']);
    expect(labels('2016-01-01', '2026-01-01', 11)).toEqual(Array.from({ length: 10 }, (_, i) => String(2016 + i)));
    expect(labels('2016-01-01', '2026-01-01', 6)).toEqual(['2016', '2018', '2020', '2022', '2024']);
  });

  it('never gives more ticks than asked, at any range from a day to fifteen years', () => {
    for (const spanDays of [1, 3, 10, 14, 30, 75, 92, 200, 400, 800, 2000, 3653, 5500]) {
      const from = day('2012-03-05');
      const ticks = timeTicks(from, from + spanDays * 86_400_000, 10);
      expect(ticks.length, `${spanDays} days`).toBeLessThanOrEqual(10);
      expect(ticks.length, `${spanDays} days`).toBeGreaterThanOrEqual(spanDays >= 2 ? 2 : 1);
    }
  });

  it('gives a narrow log range linear ticks, so it keeps at least three', () => {
    expect(logTicks(40, 55)).toEqual([50]);
    expect(valueTicks(40, 55, 'log')).toEqual([40, 45, 50, 55]);
    expect(valueTicks(25, 420, 'log')).toEqual([30, 50, 100, 200, 300]);
    expect(valueTicks(-28, 31)).toEqual([-20, 0, 20]);
  });

  it('keeps the decimals that tell ticks apart', () => {
    expect(tickDecimals([30, 50, 100])).toBe(0);
    expect(tickDecimals([40, 42.5, 45])).toBe(1);
    expect(tickDecimals([0.25, 0.5])).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import {
  DIFFICULTY_RIBBON_COMPRESSION_BUY_ZONE,
  coefficientOfVariation,
  difficultyRibbon,
} from '../../../shared/domain/difficultyRibbon';

const days = loadDailyHistory();

describe('difficultyRibbon', () => {
  const ribbon = difficultyRibbon(days.map((d) => d.difficulty));
  const between = (from: string, to: string) =>
    days.map((d, i) => ({ date: d.date, ...ribbon[i]! })).filter((d) => d.date >= from && d.date <= to);
  const minCompression = (from: string, to: string) => Math.min(...between(from, to).map((d) => d.compression!));

  it('compression = population std dev / mean of the eight SMAs (hand arithmetic)', () => {
    // mean 5, deviations -3,-1,-1,-1,0,0,2,4 -> variance (9+1+1+1+0+0+4+16)/8 = 4 -> sd 2 -> 0.4
    expect(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(0.4, 12);
    expect(coefficientOfVariation([7, 7, 7])).toBe(0);
  });

  it('entered the buy zone (< 0.05) at the known bottoms of 2015, 2018-19 and 2020, and not in the 2017 bull market', () => {
    // Published readings (Glassnode, via press): 2015 bottom ~0.024, 2018 ~0.019, March-2020 ~0.020
    expect(minCompression('2015-01-01', '2015-12-31')).toBeLessThan(DIFFICULTY_RIBBON_COMPRESSION_BUY_ZONE);
    expect(minCompression('2018-11-01', '2019-06-30')).toBeLessThan(DIFFICULTY_RIBBON_COMPRESSION_BUY_ZONE);
    expect(minCompression('2020-03-01', '2020-08-31')).toBeLessThan(DIFFICULTY_RIBBON_COMPRESSION_BUY_ZONE);
    expect(minCompression('2017-01-01', '2017-12-31')).toBeGreaterThan(DIFFICULTY_RIBBON_COMPRESSION_BUY_ZONE);
  });

  it('broke out of the buy zone in late September 2020, as Glassnode reported on 2020-09-28', () => {
    // "Difficulty Ribbon Compression is trending up and broke out of the green buy zone for the first
    // time since March" (Glassnode, 2020-09-28, quoted by Cointelegraph and crypto-radars.com)
    const autumn = between('2020-07-01', '2020-10-31');
    const breakout = autumn.find((d, i) => i > 0 && autumn[i - 1]!.compression! < 0.05 && d.compression! >= 0.05);
    expect(breakout?.date).toMatch(/^2020-09-(2\d|30)$/);
    expect(autumn.filter((d) => d.date < breakout!.date).every((d) => d.compression! < 0.05)).toBe(true);
  });

  it('each SMA is the plain mean of the real difficulty over its window; compression waits for 200 days', () => {
    const end = days.findIndex((d) => d.date === '2022-12-15');
    const window = days.slice(end - 127, end + 1).map((d) => d.difficulty!);
    const mean128 = window.reduce((s, v) => s + v, 0) / 128;
    expect(ribbon[end]!.smas[6]! / mean128).toBeCloseTo(1, 12);
    // difficulty starts 2009-01-09 (index 6): 200 days later is index 205
    expect(ribbon[204]?.compression).toBeUndefined();
    expect(ribbon[205]?.compression).toBe(0); // difficulty was still 1 in mid-2009: the eight SMAs agree
  });
});

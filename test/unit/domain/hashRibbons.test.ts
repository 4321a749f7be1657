import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import { hashRibbons } from '../../../shared/domain/hashRibbons';

const days = loadDailyHistory();

describe('hashRibbons', () => {
  // Computed over the whole history so the 30d/60d windows are full in 2022.
  const ribbons = hashRibbons(
    days.map((d) => d.hashrateHps),
    days.map((d) => d.btcPriceUsd),
  );
  const onDate = (date: string) => {
    const index = days.findIndex((d) => d.date === date);
    expect(index, date).toBeGreaterThanOrEqual(0);
    return ribbons[index]!;
  };
  const between = (from: string, to: string) =>
    days.map((d, i) => ({ date: d.date, ...ribbons[i]! })).filter((d) => d.date >= from && d.date <= to);

  it('on real 2022 history, the 30d SMA crosses under the 60d in June 2022 (miner capitulation)', () => {
    // Act: the first capitulating day of summer 2022
    const summer = between('2022-05-01', '2022-09-30');
    const firstCapitulation = summer.find((d) => d.capitulating === true);

    // Assess: 2022-06-09, after the May-June price collapse; not capitulating in May
    expect(firstCapitulation?.date).toBe('2022-06-09');
    expect(between('2022-05-01', '2022-06-08').every((d) => d.capitulating === false)).toBe(true);
    const day = onDate('2022-06-09');
    expect(day.sma30Hps!).toBeLessThan(day.sma60Hps!);
  });

  it('recovers by late August 2022 with a buy signal; the raw crossing flips once in early July', () => {
    // Assess what is true of the raw (no hysteresis) series: a one-day recovery on 2022-07-04,
    // capitulation again from 2022-07-05, and the lasting recovery on 2022-08-19, which is also a
    // "buy" (10d price SMA above the 20d). Charles Edwards (Capriole) on 2022-08-20: "Hash Ribbon
    // buy signal! ... capitulation has officially ended today ... at 71 days" (quoted by u.today).
    const recoveries = between('2022-06-09', '2022-09-30').filter((d) => d.recovery);
    expect(recoveries.map((d) => d.date)).toEqual(['2022-07-04', '2022-08-19']);
    expect(onDate('2022-07-05').capitulating).toBe(true);
    expect(onDate('2022-07-04').buy).toBe(false);
    const august = onDate('2022-08-19');
    expect(august.buy).toBe(true);
    expect(august.priceSma10Usd!).toBeGreaterThan(august.priceSma20Usd!);
    expect(between('2022-08-19', '2022-09-30').every((d) => d.capitulating === false)).toBe(true);
    // 71 days from the first capitulating day to the lasting recovery, as Edwards counted
    const start = between('2022-05-01', '2022-09-30').find((d) => d.capitulating === true)!;
    const lasting = recoveries.at(-1)!;
    expect((Date.parse(lasting.date) - Date.parse(start.date)) / 86_400_000).toBe(71);
  });

  it('has no reading until 60 days of hashrate exist, and the SMAs are plain means of the real series', () => {
    // Hashrate starts 2009-01-09 (index 6): the 60d SMA first exists at index 65
    expect(ribbons[64]?.capitulating).toBeUndefined();
    expect(ribbons[65]?.capitulating).toBeTypeOf('boolean');
    // independent arithmetic: the 30 days ending 2022-06-09
    const end = days.findIndex((d) => d.date === '2022-06-09');
    const window = days.slice(end - 29, end + 1).map((d) => d.hashrateHps!);
    const mean = window.reduce((s, v) => s + v, 0) / 30;
    expect(ribbons[end]!.sma30Hps! / mean).toBeCloseTo(1, 12);
  });
});

describe('hashRibbons input', () => {
  it('rejects hashrate and price series of different lengths (they are aligned by day)', () => {
    expect(() => hashRibbons([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

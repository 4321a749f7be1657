import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import { puellMultiple } from '../../../shared/domain/puellMultiple';

const days = loadDailyHistory();

describe('puellMultiple', () => {
  const puell = puellMultiple(
    days.map((d) => d.issuanceBtc),
    days.map((d) => d.btcPriceUsd),
  );
  const between = (from: string, to: string) =>
    days.map((d, i) => ({ date: d.date, ...puell[i]! })).filter((d) => d.date >= from && d.date <= to);

  it('falls below 0.6 near its known lows of late 2022 on real Coin Metrics data (FTX collapse, Nov 2022)', () => {
    // Act
    const lateTwentyTwo = between('2022-11-01', '2022-12-31');
    const low = Math.min(...lateTwentyTwo.map((d) => d.multiple!));

    // Assess: miners' issuance was worth well under its 1-year mean; on 2022-11-21 (BTC ~$15.8k)
    // the multiple was about 0.43
    expect(low).toBeLessThan(0.6);
    expect(between('2022-11-21', '2022-11-21')[0]?.multiple).toBeLessThan(0.5);
    // and it was far above 1 at the 2021 bull-market highs (price ~$60k in March-April 2021)
    expect(Math.max(...between('2021-03-01', '2021-04-30').map((d) => d.multiple!))).toBeGreaterThan(2);
  });

  it('is issuance x price over the mean of the previous 365 such values (independent arithmetic)', () => {
    // Prepare: a plain loop over the 365 days ending 2022-11-21
    const end = days.findIndex((d) => d.date === '2022-11-21');
    let sum = 0;
    for (let i = end - 364; i <= end; i += 1) sum += days[i]!.issuanceBtc! * days[i]!.btcPriceUsd!;
    const todayUsd = days[end]!.issuanceBtc! * days[end]!.btcPriceUsd!;

    // Act
    const day = puell[end]!;

    // Assess
    expect(day.issuanceUsd).toBeCloseTo(todayUsd, 6);
    expect(day.issuanceSma365Usd! / (sum / 365)).toBeCloseTo(1, 12);
    expect(day.multiple! / (todayUsd / (sum / 365))).toBeCloseTo(1, 12);
  });

  it('is undefined until 365 days of issuance value exist (price starts 2010-07-18)', () => {
    const firstPrice = days.findIndex((d) => d.btcPriceUsd !== undefined);
    expect(days[firstPrice]?.date).toBe('2010-07-18');
    expect(puell[firstPrice + 363]?.multiple).toBeUndefined();
    expect(puell[firstPrice + 364]?.multiple).toBeGreaterThan(0); // a number, not NaN
  });

  it('rejects series of different lengths', () => {
    expect(() => puellMultiple([1, 2], [1])).toThrow(RangeError);
  });
});

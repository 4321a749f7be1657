/**
 * GET /v1/history in another currency converts each day at that day's rate (issue #28, point 3):
 * the bundled ECB reference rates (shared/data/history/fx_daily_ecb.csv), never today's rate for
 * every day, and a day without a rate is said (its converted figures empty), never converted at
 * another day's rate. The expected figures are the ECB's own, as published for those days.
 */
import { describe, expect, it } from 'vitest';
import { loadDailyFxRates } from '../../../shared/data/history/loadDailyFxRates';
import { fxRateOnDay } from '../../../shared/domain/currency';
import { getBundledHistory } from '../../support/bundledHistoryApi';
import { expectServed, roundingSlack } from '../../support/servedFigures';

const get = getBundledHistory;

// ECB euro foreign exchange reference rates (units per EUR), as published for these days.
const ECB_2022_03_07 = { USD: 1.0895, JPY: 125.55 };
const ECB_2022_09_28 = { USD: 0.9565, JPY: 138.39 };

interface Row {
  date: string;
  btcPriceEur: number | null;
  btcPriceUsd: number | null;
  hashpriceEurPerPhDay: number | null;
  hashpriceUsdPerPhDay: number | null;
  fxEurPerUsd: number | null;
  fxSource: string;
}

describe('GET /v1/history in EUR across 2022', () => {
  it("converts each day at that day's ECB rate, and says which days have none", async () => {
    const res = await get({ from: '2022-01-01', to: '2022-12-31', currency: 'EUR' });
    expect(res.statusCode).toBe(200);
    const page = JSON.parse(res.body) as { fx: { perUsd: number | null; daysWithoutRate: string[] }; rows: Row[] };
    expect(page.rows).toHaveLength(365);
    expect(page.fx.perUsd).toBeNull();

    const day = (date: string): Row => page.rows.find((r) => r.date === date)!;
    const march = day('2022-03-07');
    const september = day('2022-09-28');
    expectServed(march.fxEurPerUsd!, 'fxEurPerUsd', 1 / ECB_2022_03_07.USD);
    expectServed(september.fxEurPerUsd!, 'fxEurPerUsd', 1 / ECB_2022_09_28.USD);
    // The USD figures beside them are served rounded too: both roundings, no more.
    for (const [row, ecb] of [
      [march, ECB_2022_03_07],
      [september, ECB_2022_09_28],
    ] as const) {
      const usdPrice = row.btcPriceUsd!;
      expectServed(
        row.btcPriceEur!,
        'btcPriceEur',
        usdPrice / ecb.USD,
        roundingSlack('btcPriceUsd', usdPrice) / ecb.USD,
      );
      const usdPerPh = row.hashpriceUsdPerPhDay!;
      expectServed(
        row.hashpriceEurPerPhDay!,
        'hashpriceEurPerPhDay',
        usdPerPh / ecb.USD,
        roundingSlack('hashpriceUsdPerPhDay', usdPerPh) / ecb.USD,
      );
    }
    // Not one rate for the year: the euro moved ~14 % between these two days.
    expect(september.fxEurPerUsd! / march.fxEurPerUsd!).toBeGreaterThan(1.13);

    // 2022-01-01 (a Saturday, New Year's Day): the ECB published no rate. Said, not converted.
    const newYear = day('2022-01-01');
    expect(newYear.fxEurPerUsd).toBeNull();
    expect(newYear.fxSource).toMatch(/no EUR rate for 2022-01-01/);
    expect(newYear.btcPriceEur).toBeNull();
    expect(newYear.btcPriceUsd).toBeGreaterThan(0);
    expect(newYear.hashpriceEurPerPhDay).toBeNull();
    expect(newYear.hashpriceUsdPerPhDay).toBeGreaterThan(0);
    expect(page.fx.daysWithoutRate).toContain('2022-01-01');
    expect(page.fx.daysWithoutRate).not.toContain('2022-03-07');
    // Every weekend day of 2022 is among them, and no day with a published rate is.
    const rates = loadDailyFxRates();
    for (const r of page.rows) {
      const published = fxRateOnDay(rates, r.date, 'EUR').ok;
      expect(page.fx.daysWithoutRate.includes(r.date), r.date).toBe(!published);
    }
    expect(page.fx.daysWithoutRate.length).toBeGreaterThanOrEqual(104);
  });

  it("the CSV's fx column is each day's own rate, empty on a day without one", async () => {
    const res = await get({ from: '2022-09-24', to: '2022-09-28', currency: 'JPY', format: 'csv' });
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]!.split(',').at(-1)).toBe('fxJpyPerUsd');
    const fxOf = (date: string) =>
      lines
        .find((l) => l.startsWith(date))!
        .split(',')
        .at(-1);
    expect(Number(fxOf('2022-09-28'))).toBeCloseTo(ECB_2022_09_28.JPY / ECB_2022_09_28.USD, 5);
    expect(fxOf('2022-09-24')).toBe(''); // a Saturday
    const jpyPerPh = lines[0]!.split(',').indexOf('hashpriceJpyPerPhDay');
    expect(lines.find((l) => l.startsWith('2022-09-24'))!.split(',')[jpyPerPh]).toBe('');
    expect(lines.find((l) => l.startsWith('2022-09-24'))!.split(',')[1]).not.toBe(''); // USD stays
  });
});

describe('loadDailyFxRates', () => {
  const HEADER = 'date,usd_per_eur,gbp_per_eur,cad_per_eur,chf_per_eur,aud_per_eur,jpy_per_eur';
  const ROW = '2022-03-07,1.0895,0.82625,1.3864,1.0069,1.4751,125.55';

  it('reads the ECB figures per EUR and gives units per USD through the euro', () => {
    const rates = loadDailyFxRates(`${HEADER}\n${ROW}\n`);
    expect(rates.byDate.get('2022-03-07')).toEqual({
      EUR: 1 / 1.0895,
      USD: 1,
      GBP: 0.82625 / 1.0895,
      CAD: 1.3864 / 1.0895,
      CHF: 1.0069 / 1.0895,
      AUD: 1.4751 / 1.0895,
      JPY: 125.55 / 1.0895,
    });
    const bundled = loadDailyFxRates();
    expect(bundled.byDate.get('2022-03-07')).toEqual(rates.byDate.get('2022-03-07'));
  });

  it('rejects a bad rate, a bad date and a row out of order, naming file, row and field', () => {
    expect(() => loadDailyFxRates(`${HEADER}\n${ROW.replace('125.55', '0')}\n`)).toThrow(
      /^fx_daily_ecb\.csv row 1 \(line 2\), field jpy_per_eur: /,
    );
    expect(() => loadDailyFxRates(`${HEADER}\n${ROW.replace('2022-03-07', '07/03/2022')}\n`)).toThrow(
      /row 1 \(line 2\), field date/,
    );
    expect(() => loadDailyFxRates(`${HEADER}\n${ROW}\n${ROW}\n`)).toThrow(
      /row 2 \(line 3\), field date: 2022-03-07 does not follow/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';

const HEADER =
  'date,price_usd,price_src,blk_cnt,blk_cnt_src,end_height,difficulty_mean,difficulty_src,hashrate_ths,hashrate_src,fees_btc,fees_src,issuance_btc,issuance_src,subsidy_btc_protocol,supply_btc,hashprice_usd_per_ths_day';
// Two real rows copied from the bundled file (2025-12-29 and 2025-12-30).
const ROW_1229 =
  '2025-12-29,87133.5103991818,cm_gm,154,blockstats_exact,930088,148258433855481.28,epoch_table_x_blockstats_exact,1134974870.4438994,cm_gm,2.80614074,cm_gm_native,481.24999999999994,cm_gm_usd_div_price,481.25,19968913.66011527,0.037161625222997735';
const ROW_1230 =
  '2025-12-30,88428.4922735243,cm_gm,119,blockstats_exact,930207,148258433855481.6,epoch_table_x_blockstats_exact,877026041.0760823,cm_gm,3.05012403,cm_gm_native,371.875,cm_gm_usd_div_price,371.875,19969285.53502561,0.037802826690023984';

describe('loadDailyHistory', () => {
  it('reads the whole bundled Coin Metrics history, one row per day from 2009-01-03 to 2026-08-21', () => {
    // Act
    const days = loadDailyHistory();

    // Assess: 6,440 days (SOURCES.md), consecutive by construction of the loader
    expect(days).toHaveLength(6440);
    expect(days[0]?.date).toBe('2009-01-03');
    expect(days.at(-1)?.date).toBe('2026-08-21');
    expect(days.every((d) => d.source === 'coinmetrics')).toBe(true);
  });

  it('converts units: TH/s to H/s and USD/TH/day to USD/PH/day; empty cells are undefined', () => {
    // Prepare
    const text = `${HEADER}\n${ROW_1229}\n${ROW_1230}\n`;

    // Act
    const [day] = loadDailyHistory(text);

    // Assess: figures as printed in the CSV row, scaled by hand
    expect(day).toEqual({
      date: '2025-12-29',
      btcPriceUsd: 87133.5103991818,
      blockCount: 154,
      endHeight: 930088,
      difficulty: 148258433855481.28,
      hashrateHps: 1134974870.4438994e12,
      feesBtc: 2.80614074,
      issuanceBtc: 481.24999999999994,
      supplyBtc: 19968913.66011527,
      sourceHashpriceUsdPerPhDay: 37.161625222997735,
      source: 'coinmetrics',
    });
    const genesis = loadDailyHistory()[0];
    expect(genesis?.btcPriceUsd).toBeUndefined();
    expect(genesis?.hashrateHps).toBeUndefined();
    expect(genesis?.blockCount).toBe(0);
  });

  it('accepts CRLF line ends', () => {
    expect(loadDailyHistory(`${HEADER}\r\n${ROW_1229}\r\n${ROW_1230}\r\n`)).toHaveLength(2);
  });

  it('rejects a malformed row naming the file, the row and the field', () => {
    // Prepare: row 2 has text where the hashrate belongs
    const bad = ROW_1230.replace('877026041.0760823', 'n/a');

    // Act + assess
    expect(() => loadDailyHistory(`${HEADER}\n${ROW_1229}\n${bad}\n`)).toThrow(
      /^btc_daily_merged\.csv row 2 \(line 3\), field hashrate_ths \(hashrateHps\): .+/,
    );
  });

  it('rejects a negative fee, a bad date, a missing column and a gap between days', () => {
    expect(() => loadDailyHistory(`${HEADER}\n${ROW_1229.replace(',2.80614074,', ',-1,')}\n`)).toThrow(
      /row 1 \(line 2\), field fees_btc \(feesBtc\)/,
    );
    expect(() => loadDailyHistory(`${HEADER}\n${ROW_1229.replace('2025-12-29', '29/12/2025')}\n`)).toThrow(
      /row 1 \(line 2\), field date/,
    );
    expect(() => loadDailyHistory(`${HEADER.replace('fees_btc', 'fees')}\n${ROW_1229}\n`)).toThrow(
      /btc_daily_merged\.csv: missing column\(s\) fees_btc/,
    );
    expect(() => loadDailyHistory(`${HEADER}\n${ROW_1229}\n${ROW_1230.replace('2025-12-30', '2025-12-31')}\n`)).toThrow(
      /row 2 \(line 3\), field date: 2025-12-31 is not the UTC day after/,
    );
    expect(() => loadDailyHistory(`${HEADER}\n${ROW_1229},extra\n`)).toThrow(
      /btc_daily_merged\.csv line 2: expected 17 fields, found 18/,
    );
  });
});

/**
 * The projection's history file (`btc_daily_projection.csv`, embedded in the calculator's bundle) is
 * exactly its derivation from the bundled daily history, and loads to the same figures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectionHistoryCsv } from '../../../local/projection/writeProjectionHistory';
import { loadDailyHistory, loadProjectionHistory } from '../../../shared/data/history/loadDailyHistory';

const file = (name: string) => readFileSync(new URL(`../../../shared/data/history/${name}`, import.meta.url), 'utf8');

describe('projection history file', () => {
  it('is what writeProjectionHistory derives from btc_daily_merged.csv (rerun it after changing the history)', () => {
    expect(file('btc_daily_projection.csv')).toBe(projectionHistoryCsv(file('btc_daily_merged.csv')));
  });

  it('loads to the whole history’s figures for the columns it carries', () => {
    const whole = loadDailyHistory();
    const slim = loadProjectionHistory();
    expect(slim).toHaveLength(whole.length);
    expect(slim).toEqual(whole.map(({ supplyBtc: _s, sourceHashpriceUsdPerPhDay: _h, ...day }) => day));
  });

  it('names the file and the row of a bad cell', () => {
    const lines = file('btc_daily_projection.csv').split('\n');
    const day = lines.find((l) => l.startsWith('2020-01-01,'))!.replace(/^(2020-01-01),[^,]+,/, '$1,x,');
    expect(() => loadProjectionHistory(`${lines[0]}\n${day}\n`)).toThrow(
      /^btc_daily_projection\.csv row 1 \(line 2\), field price_usd/,
    );
  });
});

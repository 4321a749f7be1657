/**
 * One name per figure (issue #29, point 4): GET /v1/history's JSON keys and CSV columns and the
 * backtest's CSV name a figure alike (shared/api/dailyFigures.ts), and the API's rounding policy,
 * which keys on names, rounds a renamed figure as it rounded it under its old name.
 */
import { describe, expect, it } from 'vitest';
import { BACKTEST_ONLY_FIGURES, historyColumns } from '../../../shared/api/dailyFigures';
import { precisionOf } from '../../../shared/api/rounding';
import type { SiteCurtailmentView } from '../../../shared/api/responses/siteCurtailmentResponse';
import { siteCurtailmentCsv } from '../../../shared/api/siteCurtailment';
import { CSV_COLUMNS } from '../../../local/backtest/dailyCsv';
import { getBundledHistory } from '../../support/bundledHistoryApi';

const get = getBundledHistory;

describe('the daily figures have one name', () => {
  it("the API's history CSV starts with the backtest CSV's first six columns, in its order", () => {
    expect(historyColumns('USD').slice(0, 6)).toEqual(CSV_COLUMNS.slice(0, 6));
    expect(CSV_COLUMNS.slice(0, 6)).toEqual([
      'date',
      'hashpriceUsdPerPhDay',
      'hashrateEhs',
      'difficulty',
      'btcPriceUsd',
      'fleetShareNegativePct',
    ]);
    // The band: the same two names in both.
    for (const name of ['fleetShareNegativeLowPct', 'fleetShareNegativeHighPct'] as const) {
      expect(historyColumns('USD')).toContain(name);
      expect(CSV_COLUMNS).toContain(name);
    }
    // Every backtest column is either the API's or named as the backtest's own.
    for (const name of CSV_COLUMNS)
      expect(
        historyColumns('USD').includes(name) || (BACKTEST_ONLY_FIGURES as readonly string[]).includes(name),
        name,
      ).toBe(true);
  });

  it("a history row's JSON keys are its CSV columns, in USD and in another currency", async () => {
    for (const currency of ['USD', 'EUR', 'JPY'] as const) {
      const json = JSON.parse((await get({ from: '2025-12-01', to: '2025-12-01', currency })).body) as {
        rows: Record<string, unknown>[];
      };
      const csv = (await get({ from: '2025-12-01', to: '2025-12-01', currency, format: 'csv' })).body;
      const header = csv.split('\r\n')[0]!.split(',');
      expect(header).toEqual(historyColumns(currency));
      const keys = Object.keys(json.rows[0]!);
      expect(keys.filter((k) => k !== 'fxSource')).toEqual(header);
      expect(keys.includes('fxSource')).toBe(currency !== 'USD');
    }
    expect(historyColumns('EUR').slice(-4)).toEqual([
      'hashpriceEurPerPhDay',
      'hashpriceEurPerThDay',
      'btcPriceEur',
      'fxEurPerUsd',
    ]);
  });

  it("a site's curtailment CSV columns are its JSON day's names, money in another currency named by its code", () => {
    const figures = {
      curtailedClassHours: 2,
      energyNotBoughtMwh: 1.5,
      energyNotBoughtUsd: 100,
      revenueNotMinedUsd: 40,
      netUsd: 60,
      energyNotBoughtEur: 92,
      revenueNotMinedEur: 36.8,
      netEur: 55.2,
      uncounted: { missingPriceHours: 0, uncountedCurtailedClassHours: 0, uncountedIntervals: 0 },
    };
    const day = { date: '2021-02-16', ...figures, hashpriceUsdPerPhDay: 318.1, hashpriceOfDay: '2021-02-15' };
    const view = {
      currency: 'EUR',
      fx: { currency: 'EUR', perUsd: 0.92, asOf: '2021-02-17T00:00:00.000Z', appliesTo: '' },
      daily: [day],
    } as unknown as SiteCurtailmentView;
    const [header, row] = siteCurtailmentCsv(view).split('\r\n');
    const columns = header!.split(',');
    const { uncounted, ...flat } = day;
    expect(columns.filter((c) => c !== 'fxEurPerUsd').sort()).toEqual(
      [...Object.keys(flat), ...Object.keys(uncounted)].sort(),
    );
    const cells = row!.split(',');
    expect(cells[columns.indexOf('netEur')]).toBe('55.20');
    expect(cells[columns.indexOf('netUsd')]).toBe('60.00');
    expect(cells[columns.indexOf('fxEurPerUsd')]).toBe((0.92).toPrecision(8));
  });
});

describe('the rounding policy follows the renamed figures', () => {
  it('rounds each renamed figure as it rounded its old name', () => {
    const renamed: [newName: string, oldName: string][] = [
      ['hashpriceUsdPerPhDay', 'usdPerPhDay'],
      ['hashpriceUsdPerThDay', 'usdPerThDay'],
      ['hashpriceSatsPerThDay', 'satsPerThDay'],
      ['hashpriceEurPerPhDay', 'perPhDay'],
      ['hashpriceJpyPerThDay', 'perThDay'],
      ['btcPriceEur', 'btcPrice'],
      ['btcPriceJpy', 'btcPrice'],
      ['fxEurPerUsd', 'perUsd'],
      ['fleetShareNegativeLowPct', 'fleetShareNegativePct'],
      ['fleetShareNegativeHighPct', 'fleetShareNegativePct'],
      ['netEur', 'net'],
      ['energyNotBoughtGbp', 'energyNotBought'],
      ['revenueNotMinedChf', 'revenueNotMined'],
    ];
    for (const [newName, oldName] of renamed) expect(precisionOf(newName), newName).toEqual(precisionOf(oldName));
    // And the policy's values themselves (docs/api.md, "Rounding").
    expect(precisionOf('btcPriceEur')).toEqual({ decimals: 2 });
    expect(precisionOf('hashpriceEurPerThDay')).toEqual({ significant: 4 });
    expect(precisionOf('fxJpyPerUsd')).toEqual({ significant: 6 });
  });

  it('serves the renamed JSON keys rounded', async () => {
    const row = (
      JSON.parse((await get({ from: '2025-12-01', to: '2025-12-01', currency: 'EUR' })).body) as {
        rows: Record<string, number>[];
      }
    ).rows[0]!;
    const decimals = (v: number): number => (String(v).split('.')[1] ?? '').length;
    expect(decimals(row.hashpriceUsdPerPhDay!)).toBeLessThanOrEqual(2);
    expect(decimals(row.hashpriceEurPerPhDay!)).toBeLessThanOrEqual(2);
    expect(decimals(row.btcPriceEur!)).toBeLessThanOrEqual(2);
    expect(decimals(row.fleetShareNegativeLowPct!)).toBeLessThanOrEqual(2);
    expect(decimals(row.fleetShareNegativeHighPct!)).toBeLessThanOrEqual(2);
    expect(String(row.fxEurPerUsd).replace(/^0\.0*|\./g, '').length).toBeLessThanOrEqual(6);
  });
});

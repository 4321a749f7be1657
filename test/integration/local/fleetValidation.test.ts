/**
 * The fleet model out of sample: the backtest's share of global hashrate cash-flow negative (each
 * day judged against its own month's fleet) in periods whose outcome was published, none of which
 * the model was fitted to (its parameters were fitted to fleet-efficiency anchors and to CoinShares'
 * Q1 2026 share; see shared/data/fleetHistory.json). Each range is set from the published facts in
 * local/backtest/fleetValidation.ts, never from this code's output.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { VALIDATION_PERIODS, validationRow, type ValidationRow } from '../../../local/backtest/fleetValidation';
import { createProductionEvaluator } from '../../../local/backtest/productionEvaluator';
import { runBacktest, type BacktestResult } from '../../../local/backtest/runBacktest';
import { DEFAULT_COMPUTE_CONFIG } from '../../../shared/config/computeConfig';

let full: BacktestResult;
const rows = new Map<string, ValidationRow>();

beforeAll(() => {
  full = runBacktest({
    from: '2016-01-01',
    to: '2026-06-30',
    createEvaluator: (history) => createProductionEvaluator(history, { config: DEFAULT_COMPUTE_CONFIG }),
  });
  for (const period of VALIDATION_PERIODS) rows.set(period.id, validationRow(period));
});

describe('fleet model against published periods it was not fitted to', () => {
  for (const period of VALIDATION_PERIODS) {
    it(`${period.label}: mean share negative within ${period.expectedMeanPct.min}-${period.expectedMeanPct.max}%${period.fitted ? ' (in sample)' : ''}`, () => {
      const row = rows.get(period.id)!;
      expect(row.meanSharePct).toBeGreaterThanOrEqual(period.expectedMeanPct.min);
      expect(row.meanSharePct).toBeLessThanOrEqual(period.expectedMeanPct.max);
    });
  }

  it('2021 stays near zero while the 2022 and 2024 stress periods do not', () => {
    const share = (id: string) => rows.get(id)!.meanSharePct;
    expect(share('2021')).toBeLessThan(2);
    for (const id of ['2022-jun-jul', '2022-nov-dec', '2024-halving', '2025-nov'])
      expect(share(id), id).toBeGreaterThan(5 * Math.max(share('2021'), 0.5));
    // The FTX winter (hashprice at its all-time low of ~$55) is worse than the June 2022 dip.
    expect(share('2022-nov-dec')).toBeGreaterThan(share('2022-jun-jul'));
  });

  it('fleet-share-negative now raises in the 2022 bear market and after the 2024 halving, never in 2021', () => {
    const raised = full.events.filter((e) => e.signal === 'fleet-share-negative' && e.transition === 'raised');
    const inYear = (year: string) => raised.filter((e) => e.day.startsWith(year));
    expect(inYear('2021')).toEqual([]);
    expect(inYear('2022').length).toBeGreaterThan(0);
    expect(inYear('2024').length).toBeGreaterThan(0);
    expect(rows.get('2022-nov-dec')!.signalActiveDays).toBeGreaterThan(20);
  });

  it('judges 2022 against a fleet near 35 J/TH and 2025 against one near 21 J/TH (each day its own fleet)', () => {
    const eff = (date: string) => full.report.days.find((d) => d.date === date)!.meanFleetEfficiencyJPerTh!;
    expect(eff('2022-06-15')).toBeGreaterThan(30);
    expect(eff('2022-06-15')).toBeLessThan(42);
    expect(eff('2025-11-15')).toBeGreaterThan(17);
    expect(eff('2025-11-15')).toBeLessThan(25);
  });
});

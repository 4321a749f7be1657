/**
 * The backtest's daily series as CSV (`npm run backtest -- --csv FILE`): one row per replayed day,
 * with a header. The first seven columns are a public contract (names and meaning kept exactly):
 * date, hashpriceUsdPerPhDay (the day's realized hashprice), hashrateEhs, difficulty, btcPriceUsd,
 * fleetShareNegativePct (share of global hashrate cash-flow negative on power, from the day's own
 * fleet), hashrateAtRiskEhs. Further columns may be added after them. An unknown value is an empty
 * cell, never 0. fleetShareNegativeLowPct and fleetShareNegativeHighPct are that share's band across
 * the power-price cases (fleetShareBand.ts). The names are the read API's own for the same figures
 * (GET /v1/history's JSON keys and CSV columns): one home, shared/api/dailyFigures.ts.
 */
import type { DailyFigureName } from '../../shared/api/dailyFigures';
import type { ReportDay } from './htmlReport';
import { hpsToEhs } from '../../shared/domain/units';

export const CSV_COLUMNS = [
  'date',
  'hashpriceUsdPerPhDay',
  'hashrateEhs',
  'difficulty',
  'btcPriceUsd',
  'fleetShareNegativePct',
  'hashrateAtRiskEhs',
  'expectedHashpriceUsdPerPhDay',
  'fleetMeanEfficiencyJPerTh',
  'hashRibbonCapitulating',
  'fleetShareNegativeLowPct',
  'fleetShareNegativeHighPct',
] as const satisfies readonly DailyFigureName[];

const cell = (v: number | undefined, digits: number): string =>
  v === undefined || !Number.isFinite(v) ? '' : String(Number(v.toFixed(digits)));

export function dailyCsv(days: readonly ReportDay[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const d of days) {
    lines.push(
      [
        d.date,
        cell(d.realizedHashpriceUsdPerPhDay, 4),
        cell(d.hashrateHps === undefined ? undefined : hpsToEhs(d.hashrateHps), 4),
        cell(d.difficulty, 0),
        cell(d.btcPriceUsd, 2),
        cell(d.fleetShareNegative === undefined ? undefined : d.fleetShareNegative * 100, 4),
        cell(d.hashrateAtRiskEhs, 4),
        cell(d.expectedHashpriceUsdPerPhDay, 4),
        cell(d.meanFleetEfficiencyJPerTh, 2),
        d.capitulating === undefined ? '' : String(d.capitulating),
        cell(d.fleetShareNegativeBand === undefined ? undefined : d.fleetShareNegativeBand.lowFraction * 100, 4),
        cell(d.fleetShareNegativeBand === undefined ? undefined : d.fleetShareNegativeBand.highFraction * 100, 4),
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A projection as rows with the calculator's names (`date`, `difficultyAtStart`,
 * `hashpriceUsdPerPhDay`, ...; new: `hashrateEhs`, `fleetShareNegativePct`), and with Monte Carlo
 * `<name>P10` / `<name>P90` beside each p50 figure. One home for the mapping, so the calculator's
 * answer and the local command print the same columns.
 */
import { isoDateOfMs, MS_PER_DAY } from '../units';
import type { ProjectionOutput } from './closedLoop';
import type { PercentileSeries } from './percentiles';

export const PROJECTED_FIGURES = [
  'btcPriceUsd',
  'difficultyAtStart',
  'hashrateEhs',
  'hashpriceUsdPerPhDay',
  'fleetShareNegativePct',
] as const;
export type ProjectedFigure = (typeof PROJECTED_FIGURES)[number];

export type ProjectionRow = { day: number; date: string; heightAtStart: number } & Record<string, number | string>;

/** One row per day; percentile columns only when the run had more than one path. */
export function projectionRows(output: ProjectionOutput, startDateMs: number): ProjectionRow[] {
  const withBands = output.paths > 1;
  const rows: ProjectionRow[] = [];
  for (let day = 0; day < output.horizonDays; day += 1) {
    const row: ProjectionRow = {
      day,
      date: isoDateOfMs(startDateMs + day * MS_PER_DAY),
      heightAtStart: Math.round(output.figures.heightAtStart[day]!),
    };
    for (const name of PROJECTED_FIGURES) {
      const series: PercentileSeries = output.figures[name];
      row[name] = series.p50[day]!;
      if (withBands) {
        row[`${name}P10`] = series.p10[day]!;
        row[`${name}P90`] = series.p90[day]!;
      }
    }
    rows.push(row);
  }
  return rows;
}

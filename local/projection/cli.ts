/**
 * `npx tsx local/projection/cli.ts START DAYS [PATHS]`: the closed-loop projection from a date of
 * the bundled history, printed as a table every 7 days. With PATHS = 1 (default) the price path
 * is the realized one (what the model would have said, and what happened); with more, prices are
 * bootstrapped from the 365 days before START (seed 1) and each figure shows p10 / p50 / p90.
 */
import { runProjection } from '../../shared/domain/projection/closedLoop';
import { FITTED_RESPONSE } from '../../shared/domain/projection/fittedResponse';
import {
  realizedPrices,
  startFromHistory,
  trailingSupplyGrowthPerDay,
} from '../../shared/domain/projection/historyStart';
import { fixedPricePath } from '../../shared/domain/projection/pricePaths';
import { PROJECTED_FIGURES, projectionRows } from '../../shared/domain/projection/projectionRows';
import { runWhenEntryPoint } from '../runCli';
import { historyMonteCarlo, validationContext } from './validation';

export function projectionTable(start: string, days: number, paths: number): string[] {
  const ctx = validationContext();
  const from = startFromHistory(ctx.history, start);
  if (!from) throw new Error(`${start}: the bundled history lacks the figures a start needs`);
  let output;
  if (paths === 1) {
    const realized = realizedPrices(ctx.history, start, days);
    if (!realized) throw new Error(`${start} + ${days} days runs past the bundled history's prices`);
    output = runProjection({
      start: from,
      horizonDays: days,
      prices: fixedPricePath(realized),
      curve: ctx.curveFor(start),
      response: FITTED_RESPONSE.response,
      supplyGrowthPerDay: trailingSupplyGrowthPerDay(ctx.history, start, FITTED_RESPONSE.supplyWindowDays),
    });
  } else {
    output = historyMonteCarlo(start, days, { paths, seed: 1, ctx })!.output;
  }
  const digits: Record<string, number> = {
    btcPriceUsd: 0,
    difficultyAtStart: 0,
    hashrateEhs: 1,
    hashpriceUsdPerPhDay: 2,
    fleetShareNegativePct: 1,
  };
  const cell = (row: Record<string, number | string>, name: string) => {
    const f = (x: unknown) =>
      typeof x === 'number'
        ? name === 'difficultyAtStart'
          ? `${(x / 1e12).toFixed(2)}T`
          : x.toFixed(digits[name])
        : '';
    return paths > 1 ? `${f(row[`${name}P10`])} / ${f(row[name])} / ${f(row[`${name}P90`])}` : f(row[name]);
  };
  const lines = [['date', ...PROJECTED_FIGURES].join(' | ')];
  for (const row of projectionRows(output, from.dateMs).filter((r) => r.day % 7 === 0 || r.day === days - 1))
    lines.push([row.date, ...PROJECTED_FIGURES.map((n) => cell(row, n))].join(' | '));
  return lines;
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const [start, daysText, pathsText] = argv;
  const days = Number(daysText);
  const paths = pathsText === undefined ? 1 : Number(pathsText);
  if (
    !start ||
    !/^\d{4}-\d{2}-\d{2}$/.test(start) ||
    !Number.isInteger(days) ||
    days < 1 ||
    days > 3652 ||
    !Number.isInteger(paths) ||
    paths < 1 ||
    paths > 10_000
  ) {
    console.error('usage: npx tsx local/projection/cli.ts START(YYYY-MM-DD) DAYS(1..3652) [PATHS(1..10000)]');
    return 2;
  }
  for (const line of projectionTable(start, days, paths)) console.log(line);
  return 0;
}

runWhenEntryPoint(import.meta.url, main);

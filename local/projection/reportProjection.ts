/**
 * The backtest report's projection: from the day after the report's last day (or the last date
 * the history can start from), the closed loop with 1,000 price paths bootstrapped from the year
 * before, seed 1 (as the validation's band), drawn as a fan of the hashprice's p10..p90 with its
 * p50, beside the realized hashprice where the history goes on past the start.
 */
import { startableRange } from '../../shared/domain/projection/historyStart';
import { projectionRows } from '../../shared/domain/projection/projectionRows';
import { historyMonteCarlo, observedHashprice, validationContext } from './validation';

export interface ReportProjection {
  startDate: string;
  paths: number;
  days: { date: string; p10: number; p50: number; p90: number; realized: number | undefined }[];
}

export const REPORT_PROJECTION_DAYS = 180;
export const REPORT_PROJECTION_PATHS = 1_000;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function reportProjection(lastReportDay: string, horizonDays = REPORT_PROJECTION_DAYS): ReportProjection {
  const ctx = validationContext();
  const last = startableRange(ctx.history).last;
  const startDate = [nextDay(lastReportDay), last].sort()[0]!;
  const run = historyMonteCarlo(startDate, horizonDays, { paths: REPORT_PROJECTION_PATHS, seed: 1, ctx });
  if (!run) throw new Error(`${startDate}: the bundled history lacks the figures a projection start needs`);
  return {
    startDate,
    paths: REPORT_PROJECTION_PATHS,
    days: projectionRows(run.output, run.from.dateMs).map((r) => ({
      date: r.date,
      p10: r.hashpriceUsdPerPhDayP10 as number,
      p50: r.hashpriceUsdPerPhDay as number,
      p90: r.hashpriceUsdPerPhDayP90 as number,
      realized: observedHashprice(ctx.history, r.date),
    })),
  };
}

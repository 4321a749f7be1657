/**
 * A row of publicMinersMonthly.json as the measures and the miner signals read it: plain numbers or
 * null, and the day the period was public. No zod here: the compute imports this at every cold
 * start (the schema module is for the tests and the synth-time check; shared/data/bundledData.ts).
 */
import type { HoldingBasis, MinerPeriod } from '../domain/minerTreasury/treasuryPeriod';

/** A figure of a row: its value (null when not found) and the date its source published it. */
interface SourcedFigure {
  value: number | null;
  sourceDate: string;
  asOf?: string | undefined;
}

/**
 * The row shape this reads (publicMinersMonthly.ts's schema produces it; declared here so that this
 * module, imported at cold start, does not import the schema module).
 */
export interface MinerMonthRow {
  ticker: string;
  month: string;
  periodMonths: number;
  btcProduced: SourcedFigure;
  btcSold: SourcedFigure;
  btcBought?: SourcedFigure | undefined;
  btcOtherChange?: SourcedFigure | undefined;
  btcHeldAtEnd: SourcedFigure;
  btcHeldBasis?: HoldingBasis | undefined;
  operatingHashrateEhs?: SourcedFigure | undefined;
  powerCapacityMw?: SourcedFigure | undefined;
  aiHpcContractedMw?: SourcedFigure | undefined;
  interestExpenseUsd?: SourcedFigure | undefined;
}

/** A row's figures as the reconciliation and the measures read them (plain numbers or null). */
export function treasuryPeriodOf(row: MinerMonthRow): MinerPeriod {
  return {
    ticker: row.ticker,
    month: row.month,
    periodMonths: row.periodMonths,
    btcProduced: row.btcProduced.value,
    btcSold: row.btcSold.value,
    // Companies report purchases and other movements when they happen: no figure means none.
    btcBought: row.btcBought ? row.btcBought.value : 0,
    btcOtherChange: row.btcOtherChange ? row.btcOtherChange.value : 0,
    btcHeldAtEnd: row.btcHeldAtEnd.value,
    ...(row.btcHeldAtEnd.asOf !== undefined ? { btcHeldAsOf: row.btcHeldAtEnd.asOf } : {}),
    ...(row.btcHeldBasis !== undefined ? { btcHeldBasis: row.btcHeldBasis } : {}),
    operatingHashrateEhs: row.operatingHashrateEhs?.value ?? null,
    powerCapacityMw: row.powerCapacityMw?.value ?? null,
    aiHpcContractedMw: row.aiHpcContractedMw?.value ?? null,
    interestExpenseUsd: row.interestExpenseUsd?.value ?? null,
    publishedOn: publishedOn(row),
  };
}

/**
 * Days after a period's end by which its figures are public: a monthly production update comes out
 * within the first days of the next month (15 allowed); a quarterly report is a 10-Q, due 40 days
 * after the quarter for large accelerated filers (SEC Form 10-Q General Instructions A.1; 45 allowed
 * for the other filers' 6-Ks and late releases).
 */
export const REPORT_LAG_DAYS = { monthly: 15, quarterly: 45 } as const;

/**
 * The day the whole period was public: the latest source date of its figures, but no later than
 * the period's end plus its reporting lag (a copy read long after, whose own date is unknown, is
 * dated the day it was read; the company published well before).
 */
function publishedOn(row: MinerMonthRow): string {
  let latest = '';
  for (const value of Object.values(row))
    if (value !== null && typeof value === 'object' && 'sourceDate' in value && typeof value.sourceDate === 'string')
      latest = value.sourceDate > latest ? value.sourceDate : latest;
  const [year, month] = row.month.split('-').map(Number) as [number, number];
  const lagDays = row.periodMonths === 1 ? REPORT_LAG_DAYS.monthly : REPORT_LAG_DAYS.quarterly;
  // Date.UTC(year, month, 0) is the period's last day (month is 1-based here, 0-based there).
  const byLag = new Date(Date.UTC(year, month, 0) + lagDays * 86_400_000).toISOString().slice(0, 10);
  return latest !== '' && latest < byLag ? latest : byLag;
}

/**
 * The listed miners' latest published periods as a table (`npm run miners`) and the companies whose
 * newest month is stale (the table and the local run's status view warn after 45 days).
 */
import { treasuryPeriodOf } from '../../shared/data/minerPeriods';
import { loadPublicMinersMonthly } from '../../shared/data/publicMinersMonthly';
import { companyLiquidationsAt } from '../../shared/domain/minerTreasury/treasuryAlerts';
import { addMonths } from '../../shared/domain/minerTreasury/treasuryPeriod';
import { MS_PER_DAY } from '../../shared/domain/units';

/** A company's newest month ended more than this many days ago: the table and the status view warn. */
export const MINER_STALE_AFTER_DAYS = 45;

/** Days from the end of `month` (YYYY-MM) to `date` (YYYY-MM-DD). */
export function daysSinceMonthEnd(month: string, date: string): number {
  return (
    Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${addMonths(month, 1)}-01T00:00:00Z`)) / MS_PER_DAY) + 1
  );
}

const num = (value: number | null, digits = 0): string =>
  value === null
    ? '-'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function minersTable(date: string): string[] {
  const file = loadPublicMinersMonthly();
  const periods = file.rows.map(treasuryPeriodOf);
  const rows = companyLiquidationsAt(periods, date, { quarterDeclinePct: 20 });
  const lines = [
    `Listed miners, latest period public by ${date} (shared/data/publicMinersMonthly.json, as of ${file.asOf})`,
    '',
    'ticker | period   | months | mined BTC | sold BTC | held BTC | sold/mined | treasury 3m | newest month age',
    '-------|----------|--------|-----------|----------|----------|------------|-------------|-----------------',
  ];
  for (const o of rows) {
    const age = daysSinceMonthEnd(o.month, date);
    lines.push(
      [
        o.ticker.padEnd(6),
        o.month.padEnd(8),
        String(o.periodMonths).padStart(6),
        `${num(o.btcProduced)}${o.productionBasis === 'estimated' ? '*' : ''}`.padStart(9),
        num(o.btcSold).padStart(8),
        num(o.btcHeldAtEnd).padStart(8),
        (o.shareOfProductionSoldPct === null ? '-' : `${num(o.shareOfProductionSoldPct)}%`).padStart(10),
        (o.treasuryChangePct === null ? '-' : `${num(o.treasuryChangePct, 1)}%`).padStart(11),
        `${age} days${age > MINER_STALE_AFTER_DAYS ? ' (stale)' : ''}`,
      ].join(' | '),
    );
  }
  lines.push('', '* mined estimated from the latest monthly update (the period reports sales, not production)');
  const stale = rows.filter((o) => daysSinceMonthEnd(o.month, date) > MINER_STALE_AFTER_DAYS).map((o) => o.ticker);
  if (stale.length > 0)
    lines.push(
      `warning: newest month more than ${MINER_STALE_AFTER_DAYS} days old for ${stale.join(', ')}: add the months they published (npm run miners -- check)`,
    );
  return lines;
}

/** The companies whose newest public month ended more than MINER_STALE_AFTER_DAYS before `date`. */
export function staleMiners(date: string): string[] {
  const periods = loadPublicMinersMonthly().rows.map(treasuryPeriodOf);
  return companyLiquidationsAt(periods, date, { quarterDeclinePct: 20 })
    .filter((o) => daysSinceMonthEnd(o.month, date) > MINER_STALE_AFTER_DAYS)
    .map((o) => o.ticker);
}

/**
 * The listed miners' latest published periods as a table (`npm run miners`) and the companies whose
 * newest month is stale (the table and the local run's status view warn): the rows of the read
 * API's latest view (GET /v1/miners), laid out for a terminal.
 */
import { minersLatest } from '../../shared/api/miners';
import { bundledMinerSeries } from '../../shared/data/bundledMinerSeries';
import { MINER_STALE_AFTER_DAYS } from '../../shared/domain/minerTreasury/staleness';

const num = (value: number | null, digits = 0): string =>
  value === null
    ? '-'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function minersTable(date: string): string[] {
  const view = minersLatest(bundledMinerSeries(), date, undefined);
  const lines = [
    `Listed miners, latest period public by ${date} (shared/data/publicMinersMonthly.json, as of ${view.asOf})`,
    '',
    'ticker | period   | months | mined BTC | sold BTC | held BTC | sold/mined | treasury 3m | newest month age',
    '-------|----------|--------|-----------|----------|----------|------------|-------------|-----------------',
  ];
  for (const c of view.companies)
    lines.push(
      [
        c.ticker.padEnd(6),
        c.month.padEnd(8),
        String(c.periodMonths).padStart(6),
        `${num(c.btcProduced)}${c.productionBasis === 'estimated' ? '*' : ''}`.padStart(9),
        num(c.btcSold).padStart(8),
        num(c.btcHeldAtEnd).padStart(8),
        (c.shareOfProductionSoldPct === null ? '-' : `${num(c.shareOfProductionSoldPct)}%`).padStart(10),
        (c.treasuryChangePct === null ? '-' : `${num(c.treasuryChangePct, 1)}%`).padStart(11),
        `${c.newestMonthAgeDays} days${c.stale ? ' (stale)' : ''}`,
      ].join(' | '),
    );
  lines.push('', '* mined estimated from the latest monthly update (the period reports sales, not production)');
  const stale = view.companies.filter((c) => c.stale).map((c) => c.ticker);
  if (stale.length > 0)
    lines.push(
      `warning: newest month more than ${MINER_STALE_AFTER_DAYS} days old for ${stale.join(', ')}: add the months they published (npm run miners -- check)`,
    );
  return lines;
}

/** The companies whose newest public month is stale on `date`. */
export function staleMiners(date: string): string[] {
  return minersLatest(bundledMinerSeries(), date, undefined)
    .companies.filter((c) => c.stale)
    .map((c) => c.ticker);
}

/**
 * The report's "Listed miners" panel: what the listed miners did with their bitcoin over the
 * report's range, as it was public by its end. The sector's share of production sold per month
 * (above 100% the treasuries shrink), each company's treasury at its period ends, and the latest
 * period of each company with its age and what the liquidation signal judges of it: the rows of
 * the read API's latest view (GET /v1/miners), laid out for the page. The miner signals' events
 * themselves are in the report's timeline with every other signal's.
 */
import { minersLatest } from '../../shared/api/miners';
import type { MinersLatestView } from '../../shared/api/responses/minersResponse';
import type { MinerSeries } from '../../shared/data/bundledMinerSeries';
import { sectorMeasures, type SectorMonth } from '../../shared/domain/minerTreasury/sectorMeasures';
import { periodsPublishedBy } from '../../shared/domain/minerTreasury/treasuryAlerts';
import { periodStartDate } from '../../shared/domain/minerTreasury/treasuryPeriod';
import { escapeXml, renderChart, type TimePoint } from './svgChart';

export interface ReportMiners {
  latest: MinersLatestView;
  /** The sector's months inside the report's range, from the periods public by its end. */
  sector: readonly SectorMonth[];
  /** Each company's holding at the end of each of its periods inside the range. */
  treasuries: ReadonlyArray<{ ticker: string; points: ReadonlyArray<{ month: string; heldBtc: number }> }>;
}

/** The miners' part of a report over `from` .. `to` (dates), from what was public by `to`. */
export function reportMiners(series: MinerSeries, from: string, to: string): ReportMiners {
  const fromMonth = from.slice(0, 7);
  const toMonth = to.slice(0, 7);
  const inRange = (month: string): boolean => month >= fromMonth && month <= toMonth;
  const published = periodsPublishedBy(series.periods, to).filter((p) => inRange(p.month));
  return {
    latest: minersLatest(series, to, undefined),
    sector: sectorMeasures(published),
    treasuries: series.companies
      .map((c) => ({
        ticker: c.ticker,
        points: published
          .filter((p) => p.ticker === c.ticker && p.btcHeldAtEnd !== null)
          .map((p) => ({ month: p.month, heldBtc: p.btcHeldAtEnd! })),
      }))
      .filter((t) => t.points.length > 0),
  };
}

/** Twelve colours a reader can tell apart on a white background (Tableau 10 and two more). */
const COMPANY_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#1d232a',
  '#8cd17d',
  '#d37295',
];

const monthMidMs = (month: string): number => Date.parse(`${month}-15T00:00:00Z`);
/** The last day of a month, as epoch ms (a holding is at the period's end). */
const monthEndMs = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m, 0);
};
const btc = (value: number | null): string =>
  value === null ? '-' : value.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pct = (value: number | null, digits = 0): string =>
  value === null
    ? '-'
    : `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}%`;

/** The panel's HTML: two charts on the report's time axis, then the latest-period table. */
export function renderMinersPanel(miners: ReportMiners, axis: { fromT: number; toT: number }): string {
  const shareChart = renderChart({
    id: 'miners-share-sold',
    title: 'Listed miners: share of production sold per month (above 100%, treasuries shrink)',
    unit: '% of BTC mined',
    ...axis,
    bars: miners.sector
      .filter((m) => m.shareOfProductionSold !== null)
      .map((m) => ({
        t: monthMidMs(m.month),
        v: m.shareOfProductionSold! * 100,
        label: `${m.month}: ${m.tickers.length} companies sold ${btc(m.btcSold)} of ${btc(m.btcProduced)} BTC mined (${pct(m.shareOfProductionSold! * 100)})`,
      })),
    lines: [{ value: 100, label: 'sold = mined', color: '#c0392b' }],
    includeZero: true,
    format: (v) => `${v.toFixed(0)}%`,
  });
  const treasuryChart = renderChart({
    id: 'miners-treasuries',
    title: 'Listed miners: bitcoin held at each period end',
    unit: 'BTC',
    ...axis,
    series: miners.treasuries.map((t, i) => ({
      name: t.ticker,
      color: COMPANY_COLORS[i % COMPANY_COLORS.length]!,
      points: t.points.map((p): TimePoint => ({ t: monthEndMs(p.month), v: p.heldBtc })),
    })),
    includeZero: true,
    format: (v) => v.toLocaleString('en-US', { maximumFractionDigits: 0 }),
  });
  const { latest } = miners;
  const rows = latest.companies
    .map((c) => {
      const period = c.periodMonths === 1 ? c.month : `${periodStartDate(c).slice(0, 7)} .. ${c.month}`;
      const mined = `${btc(c.btcProduced)}${c.productionBasis === 'estimated' ? '*' : ''}`;
      const judged = c.liquidationReasons.length > 0 ? c.liquidationReasons.join(', ') : 'none';
      return `<tr data-ticker="${escapeXml(c.ticker)}"${c.stale ? ' class="stale"' : ''}><td>${escapeXml(c.ticker)}</td><td>${escapeXml(c.name)}</td><td>${escapeXml(period)}</td><td class="num">${mined}</td><td class="num">${btc(c.btcSold)}</td><td class="num">${btc(c.btcHeldAtEnd)}</td><td class="num">${pct(c.shareOfProductionSoldPct)}</td><td class="num">${pct(c.treasuryChangePct, 1)}</td><td>${escapeXml(judged)}</td><td class="num">${c.newestMonthAgeDays} days${c.stale ? ' (stale)' : ''}</td></tr>`;
    })
    .join('\n');
  const stale = latest.companies.filter((c) => c.stale).map((c) => c.ticker);
  return `<h2 id="miners">Listed miners</h2>
${shareChart}
${treasuryChart}
<table id="miners-latest"><caption>Latest period public by ${escapeXml(latest.date)} (shared/data/publicMinersMonthly.json, as of ${escapeXml(latest.asOf)}); treasury change over the period (a quarter for a quarterly report)</caption>
<thead><tr><th>ticker</th><th>company</th><th>period</th><th>mined BTC</th><th>sold BTC</th><th>held BTC</th><th>sold / mined</th><th>treasury change</th><th>liquidation signal</th><th>newest month age</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="10">no listed miner had published a period by this date</td></tr>'}
</tbody></table>
<p class="note">* mined estimated from the latest monthly update (the period reports sales, not production).${
    stale.length > 0
      ? ` Newest month more than ${latest.staleAfterDays} days old for ${escapeXml(stale.join(', '))}: their figures may have moved since.`
      : ''
  }</p>`;
}

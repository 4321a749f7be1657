/**
 * The backtest summary as HTML tables for the report (the CLI prints the same figures as text,
 * formatSummary): episodes per signal with their spans and days active, episodes raised per year,
 * and the realized hashprice's low and high per year.
 */
import type { SignalId } from '../../shared/domain/signals/signalIds';
import { escapeXml } from './svgChart';
import { activeDaysInRange, episodesPerYear, type BacktestSummary } from './summary';
import { signalColor } from './reportMarkers';

const usd = (v: number): string => `$${v.toFixed(2)}`;

export function renderSummaryTables(summary: BacktestSummary): string {
  const signals = Object.keys(summary.episodesBySignal).sort() as SignalId[];
  const episodeRows = signals.map((signal) => {
    const list = summary.episodes.filter((e) => e.signal === signal);
    const spans = list.map((e) => `${e.raisedAt} .. ${e.clearedAt ?? 'active'}`).join(', ');
    return `<tr data-signal="${escapeXml(signal)}"><td><i class="swatch" style="background:${signalColor(signal)}"></i>${escapeXml(signal)}</td><td class="num">${summary.episodesBySignal[signal] ?? 0}</td><td class="num">${activeDaysInRange(summary, list)}</td><td class="spans">${escapeXml(spans)}</td></tr>`;
  });
  const perYear = episodesPerYear(summary);
  const yearRows = perYear.rows.map(
    (r) =>
      `<tr data-signal="${escapeXml(r.signal)}"><td>${escapeXml(r.signal)}</td>${r.counts.map((n) => `<td class="num">${n}</td>`).join('')}<td class="num">${r.total}</td></tr>`,
  );
  const hashpriceRows = summary.hashpriceByYear.map(
    (y) =>
      `<tr data-year="${y.year}"><td>${y.year}</td><td class="num">${usd(y.low.usdPerPhDay)}</td><td>${y.low.date}</td><td class="num">${usd(y.high.usdPerPhDay)}</td><td>${y.high.date}</td></tr>`,
  );
  return `<section id="summary">
<p>Backtest ${escapeXml(summary.from)} .. ${escapeXml(summary.to)}: ${summary.snapshots} snapshots, ${summary.events} event${summary.events === 1 ? '' : 's'}.</p>
<table id="summary-episodes"><caption>Episodes per signal (raised .. cleared)</caption>
<thead><tr><th>signal</th><th class="num">episodes</th><th class="num">days active</th><th>raised .. cleared</th></tr></thead>
<tbody>
${episodeRows.join('\n') || '<tr><td colspan="4">(none)</td></tr>'}
</tbody></table>
${
  perYear.rows.length
    ? `<table id="summary-per-year"><caption>Episodes raised per year</caption>
<thead><tr><th>signal</th>${perYear.years.map((y) => `<th class="num">${y}</th>`).join('')}<th class="num">total</th></tr></thead>
<tbody>
${yearRows.join('\n')}
</tbody></table>`
    : ''
}
<table id="summary-hashprice"><caption>Realized hashprice per year (USD/PH/day)</caption>
<thead><tr><th>year</th><th class="num">low</th><th>on</th><th class="num">high</th><th>on</th></tr></thead>
<tbody>
${hashpriceRows.join('\n')}
</tbody></table>
</section>`;
}

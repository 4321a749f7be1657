/**
 * The backtest report: one self-contained HTML file (inline CSS, inline script, no external
 * assets, no network request) with the charts a reader needs to judge the signals against
 * history: hashprice; hashrate 30d/60d; difficulty changes; price with the watched levels; share
 * of the fleet cash-flow negative; every signal's episodes on one time axis; the projection; the
 * listed miners' panel; then what is building up, the summary and the full timeline. The daily
 * charts are interactive (interactiveChart.ts: values on hover, zoom and pan, one shared time
 * axis), shade the episodes of the signals that watch their figure and mark the halvings.
 */
import { hpsToEhs } from '../../shared/domain/units';
import { escapeXml, type Band } from './svgChart';
import type { BacktestSummary, TimelineEvent, TimelineNote } from './summary';
import {
  chartDataScript,
  interactiveAssets,
  renderInteractiveChart,
  type InteractiveBand,
  type InteractiveChartSpec,
} from './interactiveChart';
import {
  signalCharts,
  signalColor,
  signalEpisodeBands,
  type EpisodeBand,
  type EpisodeChartId,
  type HalvingMarker,
} from './reportMarkers';
import { formatFigure } from '../../shared/domain/signals/figure';
import { renderSummaryTables } from './summaryTable';
import { SIGNAL_IDS } from '../../shared/domain/signals/signalIds';
import type { ReportProjection } from '../projection/reportProjection';
import { renderMinersPanel, type ReportMiners } from './minersPanel';
import { renderCurtailmentPanel, type ReportCurtailment } from './curtailmentPanel';
import type { PendingSignal } from '../../shared/domain/signals/pendingCommit';
import type { FleetShareBand } from '../../shared/domain/fleetShareBand';
import { evidenceLine } from '../run/statusView';

export interface ReportDay {
  date: string;
  realizedHashpriceUsdPerPhDay: number | undefined;
  expectedHashpriceUsdPerPhDay: number | undefined;
  sma30Hps: number | undefined;
  sma60Hps: number | undefined;
  capitulating: boolean | undefined;
  btcPriceUsd: number | undefined;
  /** Share of global hashrate cash-flow negative, 0..1 (undefined where it cannot be computed). */
  fleetShareNegative: number | undefined;
  /** That share's band across the power-price cases (low, central, high: fleetShareBand.ts). */
  fleetShareNegativeBand?: FleetShareBand | undefined;
  /** That share as hashrate, EH/s. */
  hashrateAtRiskEhs?: number | undefined;
  /** Mean efficiency of the day's modelled fleet, J/TH. */
  meanFleetEfficiencyJPerTh?: number | undefined;
  hashrateHps?: number | undefined;
  difficulty?: number | undefined;
}

export interface ReportAdjustment {
  date: string;
  epoch: number;
  changePct: number;
}

export interface ReportInput {
  from: string;
  to: string;
  generatedAt: string;
  days: readonly ReportDay[];
  adjustments: readonly ReportAdjustment[];
  priceLevelsUsd: readonly number[];
  /** The hashprice-floor signal's floor, drawn on the hashprice chart. */
  hashpriceFloorUsdPerPhDay?: number | undefined;
  fleetShareThresholds: { warning: number; critical: number } | undefined;
  events: readonly TimelineEvent[];
  /** Context lines (large adjustments, signals already active at the start), merged by day. */
  notes: readonly TimelineNote[];
  summary: BacktestSummary;
  sourceNote: string;
  /** The closed-loop projection from the report's end, drawn as a fan (local/projection/reportProjection.ts). */
  projection?: ReportProjection | undefined;
  /** The listed miners' panel (local/backtest/minersPanel.ts). */
  miners?: ReportMiners | undefined;
  /** The curtailment panel: a reconstructed power price event's backtest (local/backtest/curtailmentPanel.ts). */
  curtailment?: ReportCurtailment | undefined;
  /** What was building up after the last snapshot: changes waiting out their dwell. */
  pendingAtEnd?: readonly PendingSignal[] | undefined;
  /** The halvings inside the range (reportMarkers.ts halvingsIn), marked on the daily charts. */
  halvings?: readonly HalvingMarker[] | undefined;
}

const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Consecutive capitulating days as bands (start day .. day after the last one). */
export function capitulationBands(days: readonly ReportDay[]): Band[] {
  const bands: Band[] = [];
  let start: string | undefined;
  let last: string | undefined;
  const close = (): void => {
    if (start && last)
      bands.push({
        fromT: dayMs(start),
        toT: dayMs(last) + 86_400_000,
        label: `30d SMA below 60d SMA: ${start} .. ${last}`,
      });
    start = undefined;
  };
  for (const d of days) {
    if (d.capitulating === true) {
      start ??= d.date;
      last = d.date;
    } else close();
  }
  close();
  return bands;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1000px;color:#1d232a;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#5a6570;margin:0 0 16px}
svg.chart{width:100%;height:auto;display:block;margin:4px 0 12px;border:1px solid #e3e7eb;border-radius:6px;background:#fcfdfe}
svg .title{font-size:13px;font-weight:600;fill:#1d232a}svg .unit{font-weight:400;fill:#5a6570}
svg .axis{font-size:11px;fill:#5a6570}svg .grid{stroke:#e9edf1;stroke-width:1}
svg .series{stroke-width:1.4}svg .band{fill:#d9534f;fill-opacity:.13}
svg .bar.neg{fill:#d9534f}svg .bar.pos{fill:#5b9bd5}svg .ref{stroke-dasharray:5 4;stroke-width:1.2}svg .reflabel{font-size:11px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
pre{background:#f5f7f9;border:1px solid #e3e7eb;border-radius:6px;padding:10px;overflow-x:auto;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:12.5px}td,th{border-bottom:1px solid #e9edf1;padding:3px 6px;text-align:left;vertical-align:top}
td.raised,td.escalated{color:#b52b27;font-weight:600}td.cleared{color:#2e7d32}tr.note td{color:#5a6570;font-style:italic}td:first-child{white-space:nowrap}
.note{color:#5a6570;font-size:12px}
td.num{text-align:right;white-space:nowrap}
figure.chart{margin:4px 0 14px;padding:8px 8px 4px;border:1px solid #e3e7eb;border-radius:6px;background:#fcfdfe}
.chart-title{font-size:13px;font-weight:600;margin:0 0 4px 4px}.chart-title .unit{font-weight:400;color:#5a6570}
.plot{position:relative;width:100%}.plot .u-legend{font-size:12px}.plot .layer{position:absolute;inset:0;pointer-events:none}
.plot .band{position:absolute;top:0;bottom:0;opacity:.16}.plot .lane-band{bottom:auto;opacity:.75;border-radius:2px}
.plot .lane-label{position:absolute;left:4px;font-size:11px;color:#1d232a;background:rgba(255,255,255,.8);padding:0 3px;border-radius:2px}
.plot .halving{position:absolute;top:0;bottom:0;border-left:1.5px dashed #6c3483}
.plot .halving-label{position:absolute;top:2px;left:3px;font-size:11px;color:#6c3483;white-space:nowrap;background:rgba(255,255,255,.85);padding:0 2px}
.plot .ref{position:absolute;left:0;right:0;border-top:1.2px dashed}
.plot .ref-label{position:absolute;font-size:11px;font-weight:600;white-space:nowrap;background:rgba(255,255,255,.85);padding:0 3px;border-radius:2px}
.chart-tooltip{position:absolute;z-index:10;pointer-events:none;background:#fff;border:1px solid #c9d1d9;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.12);padding:4px 7px;font-size:12px;white-space:nowrap}
.chart-tooltip .tt-date{font-weight:600}.chart-tooltip i{display:inline-block;width:9px;height:9px;margin-right:4px;border-radius:2px}
.chart-tooltip .tt-episode{border-left:4px solid;padding-left:4px;margin-top:2px;color:#5a6570}
.chart-tooltip table.tt-figures{width:auto;font-size:11.5px;margin:1px 0 3px}.chart-tooltip .tt-figures th{font-weight:400;color:#5a6570;padding:0 10px 0 0;border:0}.chart-tooltip .tt-figures td{padding:0;border:0;color:#1d232a;font-weight:600;text-align:right}.chart-tooltip .tt-marker{color:#6c3483;margin-top:2px}
.keys{font-size:12px;color:#5a6570;margin:2px 4px}.keys .key{margin-right:10px;white-space:nowrap}.keys i,i.swatch{display:inline-block;width:12px;height:10px;margin:0 4px 0 6px;vertical-align:middle;opacity:.6;border-radius:2px}
.keys .marker-swatch{width:0;height:12px;border-left:1.5px dashed #6c3483;opacity:1}
#summary td.spans{font-size:11.5px;color:#5a6570}#summary table{margin-bottom:12px}tr.stale td{color:#8a5a00}caption{text-align:left;color:#5a6570;font-size:12px;padding:0 0 4px}
`;

/** What the fleet-share figure means and how far to trust it (also in the docs). */
export const FLEET_SHARE_NOTE =
  "Fleet share negative: the share of network hashrate whose power price is above its break-even at the day's " +
  'expected hashprice (power cost only, 2% pool fee; hosting, staff, depreciation and debt are not counted, so the share ' +
  'losing money on a cash-cost or all-in basis is larger). Each day is judged against the fleet the fleet-over-time model ' +
  "gives for its month (shared/data/fleetHistory.json) and that year's power prices. It is an estimate: it was fitted to " +
  "published fleet-efficiency figures and to CoinShares' Q1 2026 share, and checked against 2021, 2022, the 2024 halving " +
  'and November 2025; read it to a few percentage points, and as a direction more than a level (it overstates the ' +
  "November-December 2022 exit about twofold). The shaded band is the same figure at the year's lowest and highest " +
  'published power price (the model run once per case): power price is its most contested input.';

/** The projected hashprice from the report's end: the p10..p90 fan, the p50 and what happened. */
function projectionChart(projection: ReportProjection): InteractiveChartSpec {
  const days = projection.days;
  const values = (f: (d: ReportProjection['days'][number]) => number | undefined) => days.map((d) => f(d) ?? null);
  const realized = days.some((d) => d.realized !== undefined);
  return {
    id: 'projection',
    title: `Projected hashprice from ${projection.startDate}: ${projection.paths} bootstrapped price paths, the fleet answering (docs/projection.md)`,
    unit: 'USD per PH/s per day',
    fromT: dayMs(days[0]!.date),
    toT: dayMs(days.at(-1)!.date) + 86_400_000,
    x: days.map((d) => dayMs(d.date)),
    series: [
      { name: 'p90', color: '#5dade2', width: 1, decimals: 2, values: values((d) => d.p90) },
      { name: 'p10', color: '#5dade2', width: 1, decimals: 2, values: values((d) => d.p10) },
      { name: 'p50', color: '#1a4f8b', width: 2, decimals: 2, values: values((d) => d.p50) },
      ...(realized
        ? [{ name: 'realized', color: '#1d232a', width: 1, decimals: 2, values: values((d) => d.realized) }]
        : []),
    ],
    fans: [{ name: 'p10 .. p90', color: '#5dade2', upper: 0, lower: 1 }],
    format: { prefix: '$' },
  };
}

/** The changes waiting out their dwell on the report's last day, and when each commits if it holds. */
function pendingSection(pending: readonly PendingSignal[], to: string): string {
  const when = (iso: string) => escapeXml(iso.slice(0, 16).replace('T', ' '));
  const rows = pending
    .map(
      (p) =>
        `<tr><td>${escapeXml(p.signal)}</td><td>${escapeXml(p.subject)}</td><td>${p.commit.change}</td><td>${when(p.commit.since)}</td><td>${when(p.commit.commitsAt)} (${p.commit.dwellHours} h)</td><td>${escapeXml(evidenceLine(p.evidence))}</td></tr>`,
    )
    .join('\n');
  return `<h2 id="pending">Building up on ${escapeXml(to)}</h2>
<table id="pending-signals"><thead><tr><th>signal</th><th>subject</th><th>change</th><th>holds since</th><th>commits if it keeps holding</th><th>figures</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="6">nothing waiting out its dwell</td></tr>'}
</tbody></table>`;
}

/** An episode as a shaded range in its signal's colour, with its raise's figures laid out from the figures themselves. */
function episodeBand(e: EpisodeBand): InteractiveBand {
  return {
    key: e.signal,
    color: signalColor(e.signal),
    fromT: e.fromT,
    toT: e.toT,
    label: e.label,
    figures: e.figures.map((f) => ({ name: f.name, value: formatFigure(f) })),
  };
}

/** The episodes of the signals that watch a chart's figure, one colour per signal. */
function bandsFor(chartId: EpisodeChartId, episodes: readonly EpisodeBand[]): InteractiveBand[] {
  return episodes.filter((e) => signalCharts(e.signal).includes(chartId)).map(episodeBand);
}

/** The daily charts of the report, on one time axis (the group "history"). */
export function reportCharts(input: ReportInput): InteractiveChartSpec[] {
  const fromT = dayMs(input.from);
  const toT = dayMs(input.to) + 86_400_000;
  const x = input.days.map((d) => dayMs(d.date));
  const values = (f: (d: ReportDay) => number | undefined): (number | null)[] => input.days.map((d) => f(d) ?? null);
  const episodes = signalEpisodeBands(input.summary);
  const markers = (input.halvings ?? []).map((h) => ({
    t: dayMs(h.date),
    label: `halving ${h.n} (block ${h.height.toLocaleString('en-US')}) ${h.date}`,
  }));
  const usd = (v: number): string => `$${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  const common = { group: 'history', fromT, toT, markers };
  const adjustmentX = input.adjustments.map((a) => dayMs(a.date));
  const charts: InteractiveChartSpec[] = [
    {
      ...common,
      id: 'hashprice',
      title: 'Hashprice, log scale',
      unit: 'USD per PH/s per day',
      scale: 'log',
      x,
      // Expected first, wide and light; realized on top, thin and dark: where the two agree the
      // realized line runs inside the expected band, and where block luck parts them both show.
      series: [
        {
          name: 'expected (difficulty based, wide)',
          color: '#f5b041',
          width: 4,
          decimals: 2,
          values: values((d) => d.expectedHashpriceUsdPerPhDay),
        },
        {
          name: 'realized (each day, thin)',
          color: '#1a4f8b',
          width: 1,
          decimals: 2,
          values: values((d) => d.realizedHashpriceUsdPerPhDay),
        },
      ],
      bands: bandsFor('hashprice', episodes),
      lines:
        input.hashpriceFloorUsdPerPhDay !== undefined
          ? [
              {
                value: input.hashpriceFloorUsdPerPhDay,
                label: `floor $${input.hashpriceFloorUsdPerPhDay}/PH/day`,
                color: '#c0392b',
              },
            ]
          : [],
      format: { prefix: '$' },
    },
    {
      ...common,
      id: 'hashrate',
      title: 'Hashrate 30d / 60d SMA',
      unit: 'EH/s',
      x,
      series: [
        {
          name: '30-day SMA',
          color: '#1f6fb2',
          decimals: 1,
          values: values((d) => (d.sma30Hps === undefined ? undefined : hpsToEhs(d.sma30Hps))),
        },
        {
          name: '60-day SMA',
          color: '#d9534f',
          decimals: 1,
          values: values((d) => (d.sma60Hps === undefined ? undefined : hpsToEhs(d.sma60Hps))),
        },
      ],
      bands: bandsFor('hashrate', episodes),
      format: { suffix: ' EH/s' },
    },
    {
      ...common,
      id: 'difficulty',
      title: 'Difficulty adjustments',
      unit: '% change per epoch',
      x: adjustmentX,
      series: [
        {
          name: 'decrease',
          color: '#d9534f',
          bars: true,
          decimals: 2,
          values: input.adjustments.map((a) => (a.changePct < 0 ? a.changePct : null)),
        },
        {
          name: 'increase',
          color: '#5b9bd5',
          bars: true,
          decimals: 2,
          values: input.adjustments.map((a) => (a.changePct >= 0 ? a.changePct : null)),
        },
      ],
      bands: bandsFor('difficulty', episodes),
      includeZero: true,
      format: { suffix: '%' },
    },
    {
      ...common,
      id: 'price',
      title: 'BTC price and watched levels',
      unit: 'USD',
      x,
      series: [{ name: 'BTC/USD', color: '#1d232a', decimals: 0, values: values((d) => d.btcPriceUsd) }],
      bands: bandsFor('price', episodes),
      lines: input.priceLevelsUsd.map((level) => ({ value: level, label: `watched ${usd(level)}`, color: '#8e44ad' })),
      format: { prefix: '$' },
    },
    {
      ...common,
      id: 'fleet-share-negative',
      title: 'Share of global hashrate cash-flow negative on power (each day its own modelled fleet)',
      unit: '%',
      x,
      // The band first (thin, light: the high and low power-price cases), the central case on top.
      series: [
        {
          name: 'high power-price case',
          color: '#f1948a',
          width: 1,
          decimals: 1,
          values: values((d) => (d.fleetShareNegativeBand ? d.fleetShareNegativeBand.highFraction * 100 : undefined)),
        },
        {
          name: 'low power-price case',
          color: '#f1948a',
          width: 1,
          decimals: 1,
          values: values((d) => (d.fleetShareNegativeBand ? d.fleetShareNegativeBand.lowFraction * 100 : undefined)),
        },
        {
          name: 'fleet negative (central)',
          color: '#c0392b',
          decimals: 1,
          values: values((d) => (d.fleetShareNegative === undefined ? undefined : d.fleetShareNegative * 100)),
        },
      ],
      fans: [{ name: 'band: low .. high power price', color: '#f1948a', upper: 0, lower: 1 }],
      bands: bandsFor('fleet-share-negative', episodes),
      lines: input.fleetShareThresholds
        ? [
            {
              value: input.fleetShareThresholds.warning * 100,
              label: `warning ${(input.fleetShareThresholds.warning * 100).toFixed(0)}%`,
              color: '#e67e22',
            },
            {
              value: input.fleetShareThresholds.critical * 100,
              label: `critical ${(input.fleetShareThresholds.critical * 100).toFixed(0)}%`,
              color: '#c0392b',
            },
          ]
        : [],
      includeZero: true,
      format: { suffix: '%' },
    },
    {
      ...common,
      id: 'signals',
      title: 'Signal episodes (raised .. cleared), every signal the production engine evaluates',
      unit: 'one row per signal',
      x: [],
      series: [],
      bands: episodes.map(episodeBand),
      lanes: SIGNAL_IDS.map((signal) => {
        const n = input.summary.episodesBySignal[signal] ?? 0;
        return { key: signal, label: `${signal} (${n})`, color: signalColor(signal) };
      }),
    },
  ];
  if (input.projection) charts.push(projectionChart(input.projection));
  return charts;
}

export function renderReport(input: ReportInput): string {
  const fromT = dayMs(input.from);
  const toT = dayMs(input.to) + 86_400_000;
  const charts = reportCharts(input);
  const assets = interactiveAssets();
  const eventRows = input.events.map((e, i) => ({
    day: e.day,
    order: i,
    html: `<tr class="event"><td>${escapeXml(e.day)}</td><td class="${e.transition}">${e.transition}</td><td>${e.transition === 'cleared' ? '' : e.severity}</td><td>${escapeXml(e.signal)}</td><td>${escapeXml(e.headline)}</td></tr>`,
  }));
  const noteRows = input.notes.map((n, i) => ({
    day: n.day,
    order: i - input.notes.length,
    html: `<tr class="note"><td>${escapeXml(n.day)}</td><td colspan="3">history</td><td>${escapeXml(n.text)}</td></tr>`,
  }));
  const rows = [...noteRows, ...eventRows]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.order - b.order))
    .map((r) => r.html)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hashwatch backtest ${escapeXml(input.from)} .. ${escapeXml(input.to)}</title>
<style>${CSS}</style>
<style>${assets.css}</style></head>
<body>
<h1>Hashwatch backtest ${escapeXml(input.from)} .. ${escapeXml(input.to)}</h1>
<p class="meta">${input.summary.snapshots} snapshots replayed through the production detectors, ${input.summary.events} events. Generated ${escapeXml(input.generatedAt)}.</p>
<h2>Charts</h2>
<p class="note" id="chart-help">Hover a chart for the day's values and the episodes active that day, each with the figures of the event that raised it. Drag across a chart to zoom into a range, ctrl/&#8984; + wheel to zoom around the cursor, shift + drag to pan, double-click or <button type="button" id="reset-zoom">Reset zoom</button> for the whole range; the charts of the range share their time axis. Click a legend entry to hide its line.</p>
${charts.map(renderInteractiveChart).join('\n')}
<p class="note" id="fleet-note">${escapeXml(FLEET_SHARE_NOTE)}</p>
${input.miners ? renderMinersPanel(input.miners, { fromT, toT }) : ''}
${input.curtailment ? renderCurtailmentPanel(input.curtailment) : ''}
${input.pendingAtEnd ? pendingSection(input.pendingAtEnd, input.to) : ''}
<h2>Summary</h2>
${renderSummaryTables(input.summary)}
<h2>Timeline</h2>
<table id="timeline"><thead><tr><th>date</th><th>transition</th><th>severity</th><th>signal</th><th>what</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">no events in this range</td></tr>'}
</tbody></table>
<p class="note">${escapeXml(input.sourceNote)}</p>
${chartDataScript(charts)}
<script>${assets.js}</script>
</body></html>
`;
}

/**
 * The report's interactive charts: each chart is a <figure> the page's inline script fills with a
 * uPlot chart (https://github.com/leeoniya/uPlot, MIT, a dev dependency pinned to an exact version)
 * from the figures embedded as JSON beside it. Values show on hover, a drag selects a range to
 * zoom into, the wheel zooms, shift+drag pans, a double click resets; charts of one group share
 * their time axis (zoom one, the others follow) and their cursor. uPlot's JS and CSS are read from
 * node_modules and inlined when the report is built, so the file still opens offline and asks the
 * network for nothing.
 */
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { escapeXml } from './svgChart';

/** How a chart's values read: `$1,234`, `12.5%`, `640.1 EH/s`. */
export interface ValueFormat {
  prefix?: string;
  suffix?: string;
}

export interface InteractiveSeries {
  name: string;
  color: string;
  /** One value per x; null where there is none (the line breaks there). */
  values: readonly (number | null)[];
  /** Decimals kept in the page and shown on hover (the figures are rounded to them). */
  decimals: number;
  /** Line width in CSS px (default 1.5). */
  width?: number;
  /** Drawn as bars from zero (difficulty adjustments) instead of a line. */
  bars?: boolean;
}

/** A shaded range between two of the chart's series (a projection's p10 .. p90 fan). */
export interface InteractiveFan {
  name: string;
  color: string;
  /** Indexes into `series`. */
  upper: number;
  lower: number;
}

/** One figure as people read it (figure.ts formatFigure): "Hashprice" / "$38.10/PH/day". */
export interface ShownFigure {
  name: string;
  value: string;
}

/** A shaded time range (a signal's episode), with the key its legend entry groups it by. */
export interface InteractiveBand {
  key: string;
  color: string;
  fromT: number;
  toT: number;
  label: string;
  /** What raised it, laid out as a table in the hover tooltip. */
  figures?: readonly ShownFigure[];
}

export interface InteractiveMarker {
  /** Epoch ms. */
  t: number;
  label: string;
}

export interface InteractiveReferenceLine {
  value: number;
  label: string;
  color: string;
}

export interface InteractiveChartSpec {
  id: string;
  title: string;
  unit: string;
  /** Charts of one group share their x range (zoom and pan) and their cursor. */
  group?: string;
  /** Epoch ms: the x range shown before any zoom. */
  fromT: number;
  toT: number;
  /** Epoch ms of each value, ascending. */
  x: readonly number[];
  series: readonly InteractiveSeries[];
  fans?: readonly InteractiveFan[];
  bands?: readonly InteractiveBand[];
  markers?: readonly InteractiveMarker[];
  lines?: readonly InteractiveReferenceLine[];
  format?: ValueFormat;
  scale?: 'linear' | 'log';
  includeZero?: boolean;
  /**
   * Lanes instead of values: one row per key, each band drawn in its key's row (the episodes of
   * every signal on one time axis). `series` is then empty.
   */
  lanes?: readonly { key: string; label: string; color: string }[];
}

/** What the page script receives for one chart (compact: x in days from `x0`, values rounded). */
export interface ClientChart {
  id: string;
  group: string | null;
  fromS: number;
  toS: number;
  x0S: number;
  xDays: number[];
  series: { name: string; color: string; values: (number | null)[]; decimals: number; width: number; bars: boolean }[];
  fans: { name: string; color: string; upper: number; lower: number }[];
  bands: { key: string; color: string; fromS: number; toS: number; label: string; figures: ShownFigure[] }[];
  markers: { tS: number; label: string }[];
  lines: { value: number; label: string; color: string }[];
  prefix: string;
  suffix: string;
  log: boolean;
  includeZero: boolean;
  lanes: { key: string; label: string; color: string }[] | null;
}

const DAY_S = 86_400;
const s = (ms: number): number => Math.round(ms / 1000);
const round = (v: number | null, decimals: number): number | null =>
  v === null || !Number.isFinite(v) ? null : Number(v.toFixed(decimals));

export function clientChart(spec: InteractiveChartSpec): ClientChart {
  const x0S = s(spec.x[0] ?? spec.fromT);
  return {
    id: spec.id,
    group: spec.group ?? null,
    fromS: s(spec.fromT),
    toS: s(spec.toT),
    x0S,
    // Days from the first x (whole days for daily series: a few characters a value instead of ten).
    xDays: spec.x.map((t) => Number(((s(t) - x0S) / DAY_S).toFixed(4))),
    series: spec.series.map((se) => {
      if (se.values.length !== spec.x.length)
        throw new RangeError(
          `chart ${spec.id}: series ${se.name} has ${se.values.length} values for ${spec.x.length} x`,
        );
      return {
        name: se.name,
        color: se.color,
        values: se.values.map((v) => round(v, se.decimals)),
        decimals: se.decimals,
        width: se.width ?? 1.5,
        bars: se.bars ?? false,
      };
    }),
    fans: (spec.fans ?? []).map((f) => ({ ...f })),
    bands: (spec.bands ?? []).map((b) => ({
      key: b.key,
      color: b.color,
      fromS: s(b.fromT),
      toS: s(b.toT),
      label: b.label,
      figures: (b.figures ?? []).map((f) => ({ name: f.name, value: f.value })),
    })),
    markers: (spec.markers ?? []).map((m) => ({ tS: s(m.t), label: m.label })),
    lines: (spec.lines ?? []).filter((l) => Number.isFinite(l.value)).map((l) => ({ ...l })),
    prefix: spec.format?.prefix ?? '',
    suffix: spec.format?.suffix ?? '',
    log: spec.scale === 'log',
    includeZero: spec.includeZero ?? false,
    lanes: spec.lanes ? spec.lanes.map((l) => ({ ...l })) : null,
  };
}

/**
 * The chart's place in the page: its title, an empty plot the script fills, and a legend of what
 * is shaded and marked. `data-points` counts the values drawn (tests read it).
 */
export function renderInteractiveChart(spec: InteractiveChartSpec): string {
  const points = spec.series.reduce((n, se) => n + se.values.filter((v) => v !== null && Number.isFinite(v)).length, 0);
  const keys = new Map<string, { color: string; count: number }>();
  for (const b of spec.bands ?? []) {
    const k = keys.get(b.key) ?? { color: b.color, count: 0 };
    k.count += 1;
    keys.set(b.key, k);
  }
  const shaded = spec.lanes
    ? []
    : [...keys].map(
        ([key, k]) =>
          `<span class="key" data-band-key="${escapeXml(key)}"><i style="background:${k.color}"></i>${escapeXml(key)} (${k.count})</span>`,
      );
  const markers = (spec.markers ?? []).length
    ? `<span class="key marker-key"><i class="marker-swatch"></i>halving</span>`
    : '';
  const legend =
    spec.lanes || (shaded.length === 0 && !markers)
      ? ''
      : `<figcaption class="keys">${shaded.length ? `shaded: ${shaded.join('')}` : ''}${markers}</figcaption>`;
  return `<figure class="chart" id="chart-${escapeXml(spec.id)}" data-chart="${escapeXml(spec.id)}" data-points="${points}">
<div class="chart-title">${escapeXml(spec.title)} <span class="unit">(${escapeXml(spec.unit)})</span></div>
<div class="plot"></div>
${legend}
</figure>`;
}

const require = createRequire(import.meta.url);
let assets: { css: string; js: string } | undefined;

/**
 * uPlot's CSS and the page script (uPlot with this project's glue, bundled by esbuild from
 * node_modules), built once per process. uPlot's licence travels with it, as MIT asks.
 */
export function interactiveAssets(): { css: string; js: string } {
  if (assets) return assets;
  const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const licence = readFileSync(require.resolve('uplot/LICENSE'), 'utf8');
  const version = (JSON.parse(readFileSync(require.resolve('uplot/package.json'), 'utf8')) as { version: string })
    .version;
  const built = buildSync({
    entryPoints: [fileURLToPath(new URL('./browser/reportCharts.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = built.outputFiles[0]!.text;
  // Inline in <script>: a "</script" inside would end the element early.
  if (/<\/script/i.test(code)) throw new Error('the report script contains "</script" and cannot be inlined');
  assets = {
    css,
    js: `/*! uPlot ${version} https://github.com/leeoniya/uPlot\n${licence.replace(/\*\//g, '* /')}*/\n${code}`,
  };
  return assets;
}

/** The charts' figures as JSON inside a <script> (every "<" escaped so no text can close it). */
export function chartDataScript(specs: readonly InteractiveChartSpec[]): string {
  const json = JSON.stringify(specs.map(clientChart)).replace(/</g, '\\u003c');
  return `<script type="application/json" id="chart-data">${json}</script>`;
}

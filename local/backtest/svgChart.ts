/**
 * Small server-side SVG charts for the self-contained backtest report: time on x, one or more
 * line series (gaps break the line), optional shaded bands, horizontal reference lines and bars.
 * No scripts and no external assets, so the report opens anywhere, offline.
 */
import { timeTicks, valueTicks } from './chartTicks';

export { logTicks, timeTicks } from './chartTicks';

export interface TimePoint {
  /** Epoch milliseconds. */
  t: number;
  v: number | undefined;
}

export interface LineSeries {
  name: string;
  color: string;
  points: readonly TimePoint[];
  /** Stroke width (default 1.4): a thin line for a noisy daily series, a bold one for its model. */
  width?: number;
  /** SVG dash pattern, e.g. "6 3"; solid when absent. */
  dash?: string;
}

export interface Band {
  fromT: number;
  toT: number;
  label: string;
}

export interface ReferenceLine {
  value: number;
  label: string;
  color: string;
}

export interface Bar {
  t: number;
  v: number;
  label: string;
}

/** A shaded range between two series (a fan: p10..p90 of a projection). */
export interface Fan {
  name: string;
  color: string;
  lower: readonly TimePoint[];
  upper: readonly TimePoint[];
}

export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  series?: readonly LineSeries[];
  bands?: readonly Band[];
  lines?: readonly ReferenceLine[];
  bars?: readonly Bar[];
  /** Drawn under the series, in the legend like them. */
  fans?: readonly Fan[];
  /** Time range shown (so charts of one report share an x axis). */
  fromT: number;
  toT: number;
  format?: (v: number) => string;
  /** Force zero into the y range (bars, shares). Ignored on a log scale. */
  includeZero?: boolean;
  /**
   * 'log' spreads a series that spans decades (hashprice: $3,000 in 2017, $30 in 2026) so every
   * period stays readable; values <= 0 are not plotted on it.
   */
  scale?: 'linear' | 'log';
}

const WIDTH = 960;
const HEIGHT = 260;
/** The top pad holds two rows: the title, then the legend, both above the plot area. */
const PAD = { left: 70, right: 16, top: 44, bottom: 28 };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Renders one chart as an <svg> element; `data-points` counts the plotted values (tests read it). */
export function renderChart(spec: ChartSpec): string {
  const fmt = spec.format ?? ((v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  const log = spec.scale === 'log';
  const usable = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && (!log || v > 0);
  const values: number[] = [];
  for (const s of spec.series ?? []) for (const p of s.points) if (usable(p.v)) values.push(p.v);
  for (const b of spec.bars ?? []) values.push(b.v);
  for (const f of spec.fans ?? []) for (const p of [...f.lower, ...f.upper]) if (usable(p.v)) values.push(p.v);
  const lineValues = (spec.lines ?? []).map((l) => l.value).filter(usable);
  const plotted = values.length;
  values.push(...lineValues);
  // On a log scale the axis works in log10 of the value; everything below is the same arithmetic.
  const tv = (v: number): number => (log ? Math.log10(v) : v);
  let yMin = values.length > 0 ? tv(Math.min(...values)) : 0;
  let yMax = values.length > 0 ? tv(Math.max(...values)) : 1;
  if (spec.includeZero && !log) {
    yMin = Math.min(0, yMin);
    yMax = Math.max(0, yMax);
  }
  if (yMin === yMax) {
    yMin -= 1;
    yMax += 1;
  }
  const margin = (yMax - yMin) * 0.05;
  yMin -= spec.includeZero && !log && yMin === 0 ? 0 : margin;
  yMax += margin;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const span = Math.max(1, spec.toT - spec.fromT);
  const x = (t: number): number => PAD.left + ((t - spec.fromT) / span) * innerW;
  const y = (v: number): number => PAD.top + (1 - (tv(v) - yMin) / (yMax - yMin)) * innerH;
  const r = (n: number): string => n.toFixed(1);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${escapeXml(spec.id)}" data-points="${plotted}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(spec.title)}">`,
  );
  parts.push(
    `<text x="${PAD.left}" y="18" class="title">${escapeXml(spec.title)} <tspan class="unit">(${escapeXml(spec.unit)})</tspan></text>`,
  );
  for (const band of spec.bands ?? []) {
    const x0 = x(Math.max(band.fromT, spec.fromT));
    const x1 = x(Math.min(band.toT, spec.toT));
    parts.push(
      `<rect class="band" x="${r(x0)}" y="${PAD.top}" width="${r(Math.max(1, x1 - x0))}" height="${innerH}"><title>${escapeXml(band.label)}</title></rect>`,
    );
  }
  const yTicks = log ? valueTicks(10 ** yMin, 10 ** yMax, 'log') : valueTicks(yMin, yMax);
  for (const tick of yTicks) {
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(tick))}" y2="${r(y(tick))}"/>`);
    parts.push(
      `<text class="axis" x="${PAD.left - 6}" y="${r(y(tick) + 4)}" text-anchor="end">${escapeXml(fmt(tick))}</text>`,
    );
  }
  for (const tick of timeTicks(spec.fromT, spec.toT)) {
    parts.push(
      `<line class="grid" x1="${r(x(tick.t))}" x2="${r(x(tick.t))}" y1="${PAD.top}" y2="${PAD.top + innerH}"/>`,
    );
    parts.push(
      `<text class="axis xtick" x="${r(x(tick.t))}" y="${HEIGHT - 8}" text-anchor="middle">${tick.label}</text>`,
    );
  }
  if (spec.bars && spec.bars.length > 0) {
    const barWidth = Math.max(1.5, innerW / Math.max(1, span / (14 * 86_400_000)) - 1);
    const zeroY = y(Math.max(yMin, Math.min(yMax, 0)));
    for (const bar of spec.bars) {
      const top = Math.min(zeroY, y(bar.v));
      const h = Math.max(0.5, Math.abs(y(bar.v) - zeroY));
      parts.push(
        `<rect class="${bar.v < 0 ? 'bar neg' : 'bar pos'}" x="${r(x(bar.t) - barWidth / 2)}" y="${r(top)}" width="${r(barWidth)}" height="${r(h)}"><title>${escapeXml(bar.label)}</title></rect>`,
      );
    }
  }
  const shownLines = (spec.lines ?? []).filter((l) => usable(l.value));
  for (const line of shownLines) {
    parts.push(
      `<line class="ref" stroke="${line.color}" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(line.value))}" y2="${r(y(line.value))}"><title>${escapeXml(line.label)}</title></line>`,
    );
  }
  for (const fan of spec.fans ?? []) {
    // The upper edge left to right, then the lower edge back: one closed shape (days missing a bound are skipped).
    const edge = (points: readonly TimePoint[]) =>
      points
        .filter((p) => usable(p.v) && p.t >= spec.fromT && p.t <= spec.toT)
        .map((p) => `${r(x(p.t))} ${r(y(p.v!))}`);
    const outline = [...edge(fan.upper), ...edge(fan.lower).reverse()];
    if (outline.length > 0)
      parts.push(
        `<path class="fan" data-fan="${escapeXml(fan.name)}" fill="${fan.color}" fill-opacity="0.3" stroke="none" d="M${outline.join('L')}Z"/>`,
      );
  }
  for (const series of spec.series ?? []) {
    let d = '';
    let pen = false;
    for (const p of series.points) {
      if (!usable(p.v) || p.t < spec.fromT || p.t > spec.toT) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${r(x(p.t))} ${r(y(p.v))}`;
      pen = true;
    }
    const style = `${series.width !== undefined ? ` stroke-width="${series.width}"` : ''}${series.dash ? ` stroke-dasharray="${series.dash}"` : ''}`;
    parts.push(
      `<path class="series" data-series="${escapeXml(series.name)}" fill="none" stroke="${series.color}"${style} d="${d}"/>`,
    );
  }
  // Reference-line labels go on top of the series, in a white halo (paint-order), at the end of
  // the line (left or right) where the data keeps farthest from it; two labels closer than a line
  // of text are pushed apart. So no label sits on the data, on a line or on another label.
  const clearance = (fromX: number, toX: number, atY: number): number => {
    let best = Number.POSITIVE_INFINITY;
    for (const series of spec.series ?? [])
      for (const p of series.points) {
        if (!usable(p.v) || p.t < spec.fromT || p.t > spec.toT) continue;
        const px = x(p.t);
        if (px >= fromX && px <= toX) best = Math.min(best, Math.abs(y(p.v) - atY));
      }
    return best;
  };
  const labelWidth = 150;
  let lastLabelY = Number.NEGATIVE_INFINITY;
  for (const line of [...shownLines].sort((a, b) => b.value - a.value)) {
    const labelY = Math.max(y(line.value) - 4, lastLabelY + 13);
    lastLabelY = labelY;
    const left = clearance(PAD.left, PAD.left + labelWidth, labelY - 5);
    const right = clearance(WIDTH - PAD.right - labelWidth, WIDTH - PAD.right, labelY - 5);
    const atLeft = left > right;
    parts.push(
      `<text class="reflabel" x="${atLeft ? PAD.left + 4 : WIDTH - PAD.right - 4}" y="${r(labelY)}" text-anchor="${atLeft ? 'start' : 'end'}" fill="${line.color}">${escapeXml(line.label)}</text>`,
    );
  }
  // The legend has its own row under the title, above the plot area, so it never covers a line;
  // many short names (a dozen companies) share the row's width instead of running off its end.
  const entries = [
    ...(spec.fans ?? []).map((f) => ({ name: f.name, color: f.color, width: 8, dash: undefined, opacity: 0.3 })),
    ...(spec.series ?? []).map((s) => ({ ...s, width: Math.max(2, s.width ?? 2), opacity: 1 })),
  ];
  const legendStep = Math.min(230, Math.floor((WIDTH - PAD.left - PAD.right) / Math.max(1, entries.length)));
  const legend = entries.map(
    (s, i) =>
      `<g class="legend" transform="translate(${PAD.left + legendStep * i},34)"><line x1="0" x2="16" y1="0" y2="0" stroke="${s.color}" stroke-opacity="${s.opacity}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text class="axis" x="20" y="4">${escapeXml(s.name)}</text></g>`,
  );
  parts.push(...legend);
  parts.push('</svg>');
  return parts.join('');
}

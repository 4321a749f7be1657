/**
 * Small server-side SVG charts for the self-contained backtest report: time on x, one or more
 * line series (gaps break the line), optional shaded bands, horizontal reference lines and bars.
 * No scripts and no external assets, so the report opens anywhere, offline.
 */

export interface TimePoint {
  /** Epoch milliseconds. */
  t: number;
  v: number | undefined;
}

export interface LineSeries {
  name: string;
  color: string;
  points: readonly TimePoint[];
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

export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  series?: readonly LineSeries[];
  bands?: readonly Band[];
  lines?: readonly ReferenceLine[];
  bars?: readonly Bar[];
  /** Time range shown (so charts of one report share an x axis). */
  fromT: number;
  toT: number;
  format?: (v: number) => string;
  /** Force zero into the y range (bars, shares). */
  includeZero?: boolean;
}

const WIDTH = 960;
const HEIGHT = 260;
const PAD = { left: 70, right: 16, top: 28, bottom: 28 };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function yearTicks(fromT: number, toT: number): number[] {
  const ticks: number[] = [];
  const firstYear = new Date(fromT).getUTCFullYear();
  const lastYear = new Date(toT).getUTCFullYear();
  const spanYears = lastYear - firstYear;
  if (spanYears >= 1) {
    for (let y = firstYear; y <= lastYear + 1; y += 1) ticks.push(Date.UTC(y, 0, 1));
  } else {
    const first = new Date(fromT);
    for (let m = first.getUTCMonth(), y = first.getUTCFullYear(); Date.UTC(y, m, 1) <= toT; m += 1) {
      ticks.push(Date.UTC(y + Math.floor(m / 12), m % 12, 1));
      if (m > 200) break;
    }
  }
  return ticks.filter((t) => t >= fromT && t <= toT);
}

/** Renders one chart as an <svg> element; `data-points` counts the plotted values (tests read it). */
export function renderChart(spec: ChartSpec): string {
  const fmt = spec.format ?? ((v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
  const values: number[] = [];
  for (const s of spec.series ?? [])
    for (const p of s.points) if (p.v !== undefined && Number.isFinite(p.v)) values.push(p.v);
  for (const b of spec.bars ?? []) values.push(b.v);
  for (const l of spec.lines ?? []) values.push(l.value);
  const plotted = values.length - (spec.lines?.length ?? 0);
  let yMin = values.length > 0 ? Math.min(...values) : 0;
  let yMax = values.length > 0 ? Math.max(...values) : 1;
  if (spec.includeZero) {
    yMin = Math.min(0, yMin);
    yMax = Math.max(0, yMax);
  }
  if (yMin === yMax) {
    yMin -= 1;
    yMax += 1;
  }
  const margin = (yMax - yMin) * 0.05;
  yMin -= spec.includeZero && yMin === 0 ? 0 : margin;
  yMax += margin;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const span = Math.max(1, spec.toT - spec.fromT);
  const x = (t: number): number => PAD.left + ((t - spec.fromT) / span) * innerW;
  const y = (v: number): number => PAD.top + (1 - (v - yMin) / (yMax - yMin)) * innerH;
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
  for (const tick of niceTicks(yMin, yMax, 5)) {
    if (tick < yMin || tick > yMax) continue;
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(tick))}" y2="${r(y(tick))}"/>`);
    parts.push(
      `<text class="axis" x="${PAD.left - 6}" y="${r(y(tick) + 4)}" text-anchor="end">${escapeXml(fmt(tick))}</text>`,
    );
  }
  for (const tick of yearTicks(spec.fromT, spec.toT)) {
    const d = new Date(tick);
    const label = d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : d.toISOString().slice(0, 7);
    parts.push(`<line class="grid" x1="${r(x(tick))}" x2="${r(x(tick))}" y1="${PAD.top}" y2="${PAD.top + innerH}"/>`);
    parts.push(`<text class="axis" x="${r(x(tick))}" y="${HEIGHT - 8}" text-anchor="middle">${label}</text>`);
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
  for (const line of spec.lines ?? []) {
    parts.push(
      `<line class="ref" stroke="${line.color}" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${r(y(line.value))}" y2="${r(y(line.value))}"><title>${escapeXml(line.label)}</title></line>`,
    );
    parts.push(
      `<text class="reflabel" x="${WIDTH - PAD.right - 4}" y="${r(y(line.value) - 4)}" text-anchor="end" fill="${line.color}">${escapeXml(line.label)}</text>`,
    );
  }
  for (const series of spec.series ?? []) {
    let d = '';
    let pen = false;
    for (const p of series.points) {
      if (p.v === undefined || !Number.isFinite(p.v) || p.t < spec.fromT || p.t > spec.toT) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${r(x(p.t))} ${r(y(p.v))}`;
      pen = true;
    }
    parts.push(
      `<path class="series" data-series="${escapeXml(series.name)}" fill="none" stroke="${series.color}" d="${d}"/>`,
    );
  }
  const legend = (spec.series ?? []).map(
    (s, i) =>
      `<g transform="translate(${WIDTH - PAD.right - 180 * ((spec.series?.length ?? 1) - i)},12)"><rect width="12" height="4" y="-2" fill="${s.color}"/><text class="axis" x="16" y="4">${escapeXml(s.name)}</text></g>`,
  );
  parts.push(...legend);
  parts.push('</svg>');
  return parts.join('');
}

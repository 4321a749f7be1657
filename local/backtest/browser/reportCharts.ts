/**
 * The report page's script (bundled with uPlot by esbuild when the report is built, never loaded
 * from anywhere): turns each <figure data-chart> into a uPlot chart from the JSON in
 * #chart-data. Hover shows the day's values, the episodes active that day (each with the figures
 * of the event that raised it, laid out from the figures, never from the event's words) and any halving; a
 * drag zooms into a range, ctrl/cmd + wheel zooms around the cursor, shift + drag pans, a double
 * click or "Reset zoom" shows the whole range again; charts of one group follow each other's
 * time range and cursor. Shaded episodes, halving markers and reference lines are positioned
 * elements over the plot (not canvas drawings), so they can carry a text and be found in the DOM.
 */
import uPlot from 'uplot';
import { tickDecimals, timeTicks, valueTicks, type TimeTick } from '../chartTicks';
import type { ClientChart } from '../interactiveChart';

const DAY_S = 86_400;
const HEIGHT_PX = 260;
const LANE_PX = 22;
/** Every chart's y axis has this width, so the plots of the page line up on one time axis. */
const Y_AXIS_PX = 84;

const charts: Record<string, uPlot> = {};
const groups = new Map<string, { u: uPlot; c: ClientChart }[]>();
let syncing = false;

const isoDay = (sec: number): string => new Date(sec * 1000).toISOString().slice(0, 10);

function formatValue(c: ClientChart, v: number, decimals: number): string {
  const body = Math.abs(v).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${v < 0 ? '-' : ''}${c.prefix}${body}${c.suffix}`;
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The figures of the event that raised an episode, one row each: its name, its value as written. */
function figuresTable(figures: ClientChart['bands'][number]['figures']): HTMLElement {
  const table = el('table', 'tt-figures');
  for (const f of figures) {
    const tr = el('tr', '');
    tr.dataset.figure = f.name;
    tr.append(el('th', '', f.name), el('td', '', f.value));
    table.append(tr);
  }
  return table;
}

/** Shows [minS, maxS] on a chart and on every chart of its group, within the report's range. */
function setRange(u: uPlot, c: ClientChart, minS: number, maxS: number): void {
  const width = Math.min(maxS - minS, c.toS - c.fromS);
  let min = Math.max(c.fromS, minS);
  let max = min + width;
  if (max > c.toS) {
    max = c.toS;
    min = max - width;
  }
  u.setScale('x', { min, max });
}

function resetRange(u: uPlot, c: ClientChart): void {
  u.setScale('x', { min: c.fromS, max: c.toS });
}

function build(c: ClientChart, fig: HTMLElement): uPlot {
  const plot = fig.querySelector<HTMLElement>('.plot')!;
  const lanes = c.lanes;
  const x = c.xDays.map((d) => c.x0S + Math.round(d * DAY_S));
  // uPlot needs an x array and a series; a lanes chart has only bands, so two empty points span it.
  const data: uPlot.AlignedData = lanes
    ? [
        [c.fromS, c.toS],
        [null, null],
      ]
    : [x, ...c.series.map((s) => s.values)];
  const series: uPlot.Series[] = [
    {},
    ...(lanes
      ? [{ label: 'episodes', stroke: 'transparent', points: { show: false } }]
      : c.series.map((s): uPlot.Series => ({
          label: s.name,
          stroke: s.color,
          width: s.width,
          spanGaps: false,
          points: { show: false },
          ...(s.bars ? { paths: uPlot.paths.bars!({ size: [0.7, 24, 2] }), fill: s.color } : {}),
          value: (_u, v) => (v === null || v === undefined ? '–' : formatValue(c, v, s.decimals)),
        }))),
  ];
  const yRange = (_u: uPlot, dataMin: number | null, dataMax: number | null): uPlot.Range.MinMax => {
    if (lanes) return [0, lanes.length];
    const values = [dataMin, dataMax, ...c.lines.map((l) => l.value)].filter(
      (v): v is number => v !== null && Number.isFinite(v) && (!c.log || v > 0),
    );
    if (c.includeZero && !c.log) values.push(0);
    let lo = values.length ? Math.min(...values) : c.log ? 1 : 0;
    let hi = values.length ? Math.max(...values) : c.log ? 10 : 1;
    if (c.log) return [lo / 1.08, hi * 1.08];
    if (lo === hi) {
      lo -= 1;
      hi += 1;
    }
    const margin = (hi - lo) * 0.05;
    return [c.includeZero && lo === 0 ? 0 : lo - margin, hi + margin];
  };

  const tooltip = el('div', 'chart-tooltip');
  const layers = { under: el('div', 'layer'), over: el('div', 'layer') };
  const bandEls = c.bands.map((b) => {
    const e = el('div', lanes ? 'band lane-band' : 'band');
    e.dataset.key = b.key;
    e.title = [b.label, ...b.figures.map((f) => `${f.name}: ${f.value}`)].join('\n');
    e.style.background = b.color;
    layers.under.append(e);
    return e;
  });
  const laneLabels = (lanes ?? []).map((l) => {
    const e = el('div', 'lane-label', l.label);
    layers.over.append(e);
    return e;
  });
  const markerEls = c.markers.map((m) => {
    const line = el('div', 'halving');
    line.title = m.label;
    line.append(el('span', 'halving-label', m.label));
    layers.under.append(line);
    return line;
  });
  const refEls = c.lines.map((l) => {
    const line = el('div', 'ref');
    line.style.borderTopColor = l.color;
    line.title = l.label;
    const label = el('div', 'ref-label', l.label);
    label.style.color = l.color;
    layers.under.append(line);
    layers.over.append(label);
    return { line, label, l };
  });

  /** Places the shaded episodes, halvings and reference lines for the current scales. */
  const place = (u: uPlot): void => {
    const w = u.over.clientWidth;
    const h = u.over.clientHeight;
    c.bands.forEach((b, i) => {
      const left = Math.max(0, u.valToPos(b.fromS, 'x'));
      const right = Math.min(w, u.valToPos(b.toS, 'x'));
      const e = bandEls[i]!;
      e.style.display = right <= left ? 'none' : '';
      e.style.left = `${left}px`;
      e.style.width = `${Math.max(1, right - left)}px`;
      if (lanes) {
        const lane = lanes.findIndex((l) => l.key === b.key);
        const laneH = h / lanes.length;
        e.style.top = `${lane * laneH + 2}px`;
        e.style.height = `${laneH - 4}px`;
      }
    });
    laneLabels.forEach((e, i) => {
      e.style.top = `${(i * h) / laneLabels.length + 3}px`;
    });
    c.markers.forEach((m, i) => {
      const left = u.valToPos(m.tS, 'x');
      markerEls[i]!.style.display = left < 0 || left > w ? 'none' : '';
      markerEls[i]!.style.left = `${left}px`;
    });
    // Reference labels: at the end of the line where the data keeps farthest from them, pushed
    // apart when two lines are closer than a line of text.
    const clearance = (fromPx: number, toPx: number, atPx: number): number => {
      let best = Number.POSITIVE_INFINITY;
      const xs = u.data[0];
      for (let s = 1; s < u.data.length; s += 1)
        for (let i = 0; i < xs.length; i += 1) {
          const v = u.data[s]![i];
          if (v === null || v === undefined) continue;
          const px = u.valToPos(xs[i]!, 'x');
          if (px >= fromPx && px <= toPx) best = Math.min(best, Math.abs(u.valToPos(v, 'y') - atPx));
        }
      return best;
    };
    let lastBottom = Number.NEGATIVE_INFINITY;
    for (const r of [...refEls].sort((a, b) => b.l.value - a.l.value)) {
      const y = u.valToPos(r.l.value, 'y');
      r.line.style.top = `${y}px`;
      // Under the previous label by its own rendered height (the font decides it, not a constant).
      const top = Math.max(y - 17, lastBottom + 1);
      lastBottom = top + Math.max(16, r.label.offsetHeight);
      const atLeft = clearance(0, 160, top + 8) > clearance(w - 160, w, top + 8);
      r.label.style.top = `${top}px`;
      r.label.style.left = atLeft ? '4px' : '';
      r.label.style.right = atLeft ? '' : '4px';
    }
    fig.dataset.xMin = new Date(u.scales.x!.min! * 1000).toISOString();
    fig.dataset.xMax = new Date(u.scales.x!.max! * 1000).toISOString();
  };

  const showTooltip = (u: uPlot): void => {
    const { left, idx } = u.cursor;
    if (left === undefined || left < 0 || (idx === null && !lanes)) {
      tooltip.style.display = 'none';
      return;
    }
    // A value chart names the day of the value under the cursor; the lanes chart the day under it.
    const atS = lanes || idx === null || idx === undefined ? u.posToVal(left, 'x') : u.data[0][idx]!;
    const day = isoDay(Math.floor(atS / DAY_S) * DAY_S);
    tooltip.replaceChildren(el('div', 'tt-date', day));
    if (!lanes && idx !== null && idx !== undefined)
      c.series.forEach((s, i) => {
        const v = u.data[i + 1]![idx];
        if (v === null || v === undefined || !u.series[i + 1]!.show) return;
        const row = el('div', 'tt-row');
        row.dataset.series = s.name;
        const swatch = el('i', '');
        swatch.style.background = s.color;
        row.append(swatch, el('span', 'tt-name', `${s.name}: `), el('b', 'tt-value', formatValue(c, v, s.decimals)));
        tooltip.append(row);
      });
    const dayS = Math.floor(atS / DAY_S) * DAY_S;
    for (const b of c.bands)
      if (b.fromS <= dayS && dayS < b.toS) {
        const row = el('div', 'tt-episode', b.label);
        row.style.borderLeftColor = b.color;
        row.dataset.key = b.key;
        if (b.figures.length) row.append(figuresTable(b.figures));
        tooltip.append(row);
      }
    for (const m of c.markers) if (m.tS === dayS) tooltip.append(el('div', 'tt-marker', m.label));
    tooltip.style.display = 'block';
    const w = u.over.clientWidth;
    const tw = tooltip.offsetWidth;
    tooltip.style.left = `${left + 14 + tw > w ? Math.max(0, left - 14 - tw) : left + 14}px`;
    tooltip.style.top = '6px';
  };

  let xTicks: TimeTick[] = [];
  const record = (key: 'xTicks' | 'yTicks', labels: string[]): void => {
    fig.dataset[key] = labels.join('|');
  };

  const opts: uPlot.Options = {
    width: Math.max(320, plot.clientWidth),
    height: lanes ? lanes.length * LANE_PX + 34 : HEIGHT_PX,
    series,
    bands: c.fans.map((f) => ({ series: [f.upper + 1, f.lower + 1], fill: `${f.color}4d` })),
    legend: { show: !lanes, live: false },
    scales: {
      x: { time: true },
      y: c.log ? { distr: 3, log: 10, range: yRange } : { range: yRange },
    },
    axes: [
      {
        font: '11px system-ui, sans-serif',
        splits: (u, _axis, min, max) => {
          // The plot's width in CSS px (u.over is not sized yet on the first draw): a label per 70 px.
          const widthPx = u.bbox.width / (window.devicePixelRatio || 1) || plot.clientWidth - Y_AXIS_PX;
          xTicks = timeTicks(min * 1000, max * 1000, Math.max(2, Math.floor(widthPx / 70)));
          return xTicks.map((t) => t.t / 1000);
        },
        // Keep every split (uPlot would thin them by its own spacing rules).
        filter: (_u, splits) => splits,
        values: (_u, splits) => {
          const labels = new Map(xTicks.map((t) => [t.t / 1000, t.label]));
          const out = splits.map((s) => (s === null ? '' : (labels.get(s) ?? '')));
          record('xTicks', out);
          return out;
        },
      },
      {
        size: Y_AXIS_PX,
        font: '11px system-ui, sans-serif',
        splits: (_u, _axis, min, max) => (lanes ? [] : valueTicks(min, max, c.log ? 'log' : 'linear')),
        // Keep every split: on a log axis uPlot would otherwise blank all but the powers of ten.
        filter: (_u, splits) => splits,
        values: (_u, splits) => {
          const d = tickDecimals(splits);
          const out = splits.map((v) => (v === null ? '' : formatValue(c, v, d)));
          if (!lanes) record('yTicks', out);
          return out;
        },
      },
    ],
    cursor: {
      ...(c.group ? { sync: { key: c.group, setSeries: false } } : {}),
      drag: { x: true, y: false, setScale: true },
      bind: {
        dblclick: (u) => () => {
          resetRange(u, c);
          return null;
        },
      },
    },
    hooks: {
      ready: [
        (u) => {
          u.under.append(layers.under);
          u.over.append(layers.over, tooltip);
          tooltip.style.display = 'none';
        },
      ],
      draw: [place],
      setCursor: [showTooltip],
      setScale: [
        (u, key) => {
          if (key !== 'x' || syncing || !c.group) return;
          syncing = true;
          for (const other of groups.get(c.group) ?? [])
            if (other.u !== u) other.u.setScale('x', { min: u.scales.x!.min!, max: u.scales.x!.max! });
          syncing = false;
        },
      ],
    },
  };
  const u = new uPlot(opts, data, plot);
  resetRange(u, c);
  // ctrl/cmd + wheel (a trackpad pinch) zooms around the cursor; a plain wheel scrolls the page.
  u.over.addEventListener(
    'wheel',
    (e) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const min = u.scales.x!.min!;
      const max = u.scales.x!.max!;
      const at = u.posToVal(e.offsetX, 'x');
      const factor = e.deltaY < 0 ? 0.8 : 1.25;
      setRange(u, c, at - (at - min) * factor, at + (max - at) * factor);
    },
    { passive: false },
  );
  // shift + drag pans (caught before uPlot's own drag, which would select a range to zoom).
  plot.addEventListener(
    'mousedown',
    (e) => {
      if (!e.shiftKey || e.button !== 0) return;
      e.stopPropagation();
      e.preventDefault();
      const startX = e.clientX;
      const min = u.scales.x!.min!;
      const max = u.scales.x!.max!;
      const perPx = (max - min) / u.over.clientWidth;
      const move = (m: MouseEvent): void => {
        const shift = (m.clientX - startX) * perPx;
        setRange(u, c, min - shift, max - shift);
      };
      const up = (): void => {
        document.removeEventListener('mousemove', move);
        document.removeEventListener('mouseup', up);
      };
      document.addEventListener('mousemove', move);
      document.addEventListener('mouseup', up);
    },
    { capture: true },
  );
  return u;
}

function main(): void {
  const source = document.getElementById('chart-data');
  if (!source) return;
  const specs = JSON.parse(source.textContent ?? '[]') as ClientChart[];
  for (const c of specs) {
    const fig = document.querySelector<HTMLElement>(`figure[data-chart="${c.id}"]`);
    if (!fig) continue;
    const u = build(c, fig);
    charts[c.id] = u;
    if (c.group) groups.set(c.group, [...(groups.get(c.group) ?? []), { u, c }]);
  }
  document.getElementById('reset-zoom')?.addEventListener('click', () => {
    for (const members of groups.values()) for (const { u, c } of members) resetRange(u, c);
  });
  window.addEventListener('resize', () => {
    for (const u of Object.values(charts)) {
      const plot = u.root.parentElement!;
      u.setSize({ width: Math.max(320, plot.clientWidth), height: u.height });
    }
  });
  // For a reader's console (and the browser test): the uPlot instances by chart id.
  (window as unknown as { hashwatchCharts: Record<string, uPlot> }).hashwatchCharts = charts;
}

main();

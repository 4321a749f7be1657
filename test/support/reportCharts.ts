/**
 * What the report's charts hold, read in the real browser: each chart's uPlot instance is
 * `hashwatchCharts[id]` in the page (local/backtest/browser), and its data and series labels come
 * back here as plain values, so the tests check what was drawn, not what was meant to be.
 */
import type { Page } from 'playwright-core';

export interface DrawnChart {
  /** uPlot's columns: [0] the x values (epoch s), then one column per series (null: no point). */
  data: (number | null)[][];
  /** The series' labels, in column order after x. */
  names: (string | undefined)[];
  /** How many shaded fans (bands between two series) the chart draws. */
  fans: number;
}

/** Every chart of the page, by id. */
export async function drawnCharts(page: Page): Promise<Record<string, DrawnChart>> {
  return page.evaluate(() => {
    const charts = (
      globalThis as unknown as {
        hashwatchCharts: Record<string, { data: (number | null)[][]; series: { label?: string }[]; bands?: unknown[] }>;
      }
    ).hashwatchCharts;
    return Object.fromEntries(
      Object.entries(charts).map(([id, u]) => [
        id,
        { data: u.data, names: u.series.slice(1).map((s) => s.label), fans: u.bands?.length ?? 0 },
      ]),
    );
  });
}

/** One chart of the page; fails naming it when the page drew no such chart. */
export async function chartData(page: Page, id: string): Promise<DrawnChart> {
  const charts = await drawnCharts(page);
  const chart = charts[id];
  if (!chart) throw new Error(`the report drew no chart "${id}" (it drew: ${Object.keys(charts).join(', ')})`);
  return chart;
}

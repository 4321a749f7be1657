/**
 * The backtest's HTML report, opened in a real browser (Debian's headless Chromium driven by
 * playwright-core): it renders, every chart has data drawn inside its plot, and the console stays
 * free of errors. The report is the one `npm run backtest` writes for 2021-2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProductionEvaluator, productionReportSettings } from '../../local/backtest/productionEvaluator';
import { renderReport } from '../../local/backtest/htmlReport';
import { runBacktest } from '../../local/backtest/runBacktest';
import { DEFAULT_COMPUTE_CONFIG } from '../../shared/config/computeConfig';
import { launchChromium, type HeadlessBrowser } from '../support/browser';

const CHARTS = ['hashprice', 'hashrate', 'difficulty', 'price', 'fleet-share-negative'];

describe('backtest HTML report in Chromium', () => {
  let browser: HeadlessBrowser;
  let dir: string;
  let reportUrl: string;
  let eventCount: number;

  beforeAll(async () => {
    const settings = productionReportSettings(DEFAULT_COMPUTE_CONFIG);
    const result = runBacktest({
      from: '2021-01-01',
      to: '2026-06-30',
      createEvaluator: (history) => createProductionEvaluator(history, { config: DEFAULT_COMPUTE_CONFIG }),
      priceLevelsUsd: settings.priceLevelsUsd,
      fleetShareThresholds: settings.fleetShareThresholds,
    });
    eventCount = result.events.length;
    dir = await mkdtemp(join(tmpdir(), 'hashwatch-report-'));
    const file = join(dir, 'report.html');
    await writeFile(file, renderReport(result.report));
    reportUrl = pathToFileURL(file).href;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders every chart with data inside its plot, the summary and the whole timeline, with no console error and no request', async () => {
    const page = await browser.context.newPage();
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('request', (r) => {
      if (r.url() !== reportUrl) requests.push(r.url());
    });

    await page.goto(reportUrl, { waitUntil: 'load' });

    expect(await page.title()).toBe('Hashwatch backtest 2021-01-01 .. 2026-06-26');
    const charts = await page.$$eval('svg[data-chart]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const drawn = [...svg.querySelectorAll('path.series, rect.bar')].map((el) => {
          const b = (el as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return { d: el.getAttribute('d') ?? 'bar', w: b.width, h: b.height };
        });
        return {
          id: svg.getAttribute('data-chart'),
          points: Number(svg.getAttribute('data-points')),
          width: box.width,
          height: box.height,
          drawn,
          bands: svg.querySelectorAll('rect.band').length,
          refs: svg.querySelectorAll('line.ref').length,
        };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(CHARTS);
    for (const chart of charts) {
      expect(chart.width, chart.id!).toBeGreaterThan(300);
      expect(chart.height, chart.id!).toBeGreaterThan(80);
      expect(chart.points, chart.id!).toBeGreaterThan(50);
      // something visibly drawn: a series path spanning the plot, or bars
      expect(
        chart.drawn.some((d) => d.w > 100 || (d.d === 'bar' && d.h > 0)),
        chart.id!,
      ).toBe(true);
    }
    // capitulation bands on the hashrate chart (2021, 2022, 2024, 2025-26 at least), the watched price level
    expect(charts.find((c) => c.id === 'hashrate')!.bands).toBeGreaterThanOrEqual(4);
    expect(charts.find((c) => c.id === 'price')!.refs).toBe(
      DEFAULT_COMPUTE_CONFIG.signals['price-level'].levelsUsd.length,
    );
    expect(charts.find((c) => c.id === 'fleet-share-negative')!.refs).toBe(2);

    const summary = await page.textContent('#summary');
    expect(summary).toContain('Episodes per signal');
    expect(summary).toContain('2026  low');
    expect(await page.locator('#timeline tbody tr.event').count()).toBe(eventCount);
    expect(
      await page.locator('#timeline tbody tr.note', { hasText: 'difficulty adjustment -27.94% (epoch 342)' }).count(),
    ).toBe(1);

    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    await page.close();
  });
});

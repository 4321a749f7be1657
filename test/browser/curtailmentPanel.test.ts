/**
 * The backtest report's curtailment panel in Chromium, as `npm run backtest` writes it: Winter
 * Storm Uri, marked RECONSTRUCTED with its sources, the price against the strikes with the
 * curtailed spans shaded, and the savings of the strike moving with hashprice beside the fixed
 * strike, the figures the backtest computed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProductionEvaluator, productionReportSettings } from '../../local/backtest/productionEvaluator';
import { renderReport } from '../../local/backtest/htmlReport';
import { runBacktest } from '../../local/backtest/runBacktest';
import { curtailedSpans, reportCurtailment, type ReportCurtailment } from '../../local/backtest/curtailmentPanel';
import { DEFAULT_COMPUTE_CONFIG } from '../../shared/config/computeConfig';
import { launchChromium, type HeadlessBrowser } from '../support/browser';

describe('backtest report: curtailment panel in Chromium', () => {
  let browser: HeadlessBrowser;
  let dir: string;
  let url: string;
  let curtailment: ReportCurtailment;

  beforeAll(async () => {
    const settings = productionReportSettings(DEFAULT_COMPUTE_CONFIG);
    const result = runBacktest({
      from: '2021-02-01',
      to: '2021-03-31',
      createEvaluator: (history) => createProductionEvaluator(history, { config: DEFAULT_COMPUTE_CONFIG }),
      priceLevelsUsd: settings.priceLevelsUsd,
      fleetShareThresholds: settings.fleetShareThresholds,
      hashpriceFloorUsdPerPhDay: settings.hashpriceFloorUsdPerPhDay,
    });
    curtailment = reportCurtailment();
    dir = await mkdtemp(join(tmpdir(), 'hashwatch-curtailment-'));
    const file = join(dir, 'report.html');
    await writeFile(file, renderReport({ ...result.report, curtailment }));
    url = pathToFileURL(file).href;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows Uri, reconstructed, with its sources, the timeline against the strikes and both policies’ savings', async () => {
    const page = await browser.context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });

    const section = page.locator('section#curtailment[data-event="uri-2021"]');
    expect(await section.count()).toBe(1);
    expect(await section.locator('h2').textContent()).toBe('Curtailment backtest: Winter Storm Uri, February 2021');
    expect(await section.locator('p.note').textContent()).toContain('RECONSTRUCTED price path');
    const sources = await page.$$eval('#curtailment-sources li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(sources).toHaveLength(curtailment.event.segments.length);
    for (const [i, s] of curtailment.event.segments.entries()) expect(sources[i]).toContain(s.source);

    const chart = await page.$eval('svg[data-chart="curtailment-uri-2021"]', (svg) => ({
      series: [...svg.querySelectorAll('path.series')].map((p) => ({
        name: p.getAttribute('data-series'),
        w: (p as unknown as { getBBox(): { width: number } }).getBBox().width,
      })),
      bands: svg.querySelectorAll('rect.band').length,
      refs: [...svg.querySelectorAll('line.ref title')].map((t) => t.textContent),
    }));
    expect(chart.series.map((s) => s.name)).toEqual([
      'power price',
      ...curtailment.classes.map((c) => `${c.name} strike`),
    ]);
    // The price spans the plot (the series has no gap).
    expect(chart.series[0]!.w).toBeGreaterThan(500);
    expect(chart.bands).toBe(curtailedSpans(curtailment, 'dynamic').length);
    expect(chart.bands).toBeGreaterThanOrEqual(curtailment.classes.length);
    expect(chart.refs).toHaveLength(curtailment.classes.length);
    for (const ref of chart.refs) expect(ref).toMatch(/fixed strike \$\d+\.\d\d$/);

    const policies = await page.$$eval('#curtailment-policies tbody tr', (trs) =>
      trs.map((tr) => ({
        policy: tr.getAttribute('data-policy'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      })),
    );
    const dollars = (v: number) =>
      `${v < 0 ? '-' : ''}$${Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
    for (const [policy, run] of [
      ['dynamic', curtailment.run.dynamic],
      ['fixed', curtailment.run.fixed],
    ] as const) {
      const row = policies.find((p) => p.policy === policy)!;
      expect(row.cells[1]).toBe(String(run.transitions.length));
      expect(row.cells[2]).toBe(run.total.curtailedClassHours.toFixed(2));
      expect(row.cells[4]).toBe(dollars(run.total.energyNotBoughtUsd));
      expect(row.cells[5]).toBe(dollars(run.total.revenueNotMinedUsd));
      expect(row.cells[6]).toBe(dollars(run.total.netUsd));
    }
    // At $9,000/MWh for days, curtailing saves far more power than the hashing it gives up.
    expect(curtailment.run.dynamic.total.netUsd).toBeGreaterThan(0);
    const dayRows = await page.locator('#curtailment-days tbody tr').count();
    expect(dayRows).toBe(curtailment.run.dynamic.daily.length);

    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

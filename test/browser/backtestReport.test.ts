/**
 * The backtest's HTML report, opened from file:// in a real browser (headless Chromium driven by
 * playwright-core): it renders, every chart has data drawn inside its plot, hovering shows the
 * day's values, a zoom on one chart moves the others, episodes and halvings are marked (an
 * episode's tooltip lays out the figures of the event that raised it), nothing
 * is requested from the network and the console stays free of errors. The report is the one
 * `npm run backtest` writes for 2021-2026 (and shorter and longer ones for the axis labels). Set
 * HASHWATCH_SCREENSHOT_DIR to keep the screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProductionEvaluator, productionReportSettings } from '../../local/backtest/productionEvaluator';
import { renderReport } from '../../local/backtest/htmlReport';
import { reportProjection, type ReportProjection } from '../../local/projection/reportProjection';
import { runBacktest } from '../../local/backtest/runBacktest';
import type { ReportMiners } from '../../local/backtest/minersPanel';
import type { PendingSignal } from '../../shared/domain/signals/pendingCommit';
import { bundledMinerSeries } from '../../shared/data/bundledMinerSeries';
import { daysSinceMonthEnd, MINER_STALE_AFTER_DAYS } from '../../shared/domain/minerTreasury/staleness';
import { DEFAULT_COMPUTE_CONFIG } from '../../shared/config/computeConfig';
import { launchChromium, type HeadlessBrowser } from '../support/browser';
import { chartData, drawnCharts } from '../support/reportCharts';
import type { ReportInput } from '../../local/backtest/htmlReport';
import { halvingHeight } from '../../shared/domain/subsidy';
import { SIGNAL_IDS } from '../../shared/domain/signals/signalIds';
import type { Page } from 'playwright-core';
import type { Episode } from '../../local/backtest/summary';
import { signalEpisodeBands } from '../../local/backtest/reportMarkers';
import { formatFigure, type Figure } from '../../shared/domain/signals/figure';

/** The daily charts that share one time axis (the projection has its own dates). */
const LINKED = ['hashprice', 'hashrate', 'difficulty', 'price', 'fleet-share-negative', 'signals'];

/** A tooltip figure as the report shows it: rounded to the series' decimals, thousands grouped. */
const shown = (prefix: string, value: number, decimals: number, suffix = ''): string =>
  `${prefix}${Number(value.toFixed(decimals)).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}${suffix}`;

async function xRange(page: Page, id: string): Promise<[number, number]> {
  return page.$eval(`figure[data-chart="${id}"]`, (f) => [
    Date.parse(f.getAttribute('data-x-min')!),
    Date.parse(f.getAttribute('data-x-max')!),
  ]);
}

const CHARTS = ['hashprice', 'hashrate', 'difficulty', 'price', 'fleet-share-negative', 'signals', 'projection'];
/** The listed miners' panel: monthly figures, fewer points than the daily charts. */
const MINER_CHARTS = ['miners-share-sold', 'miners-treasuries'];

describe('backtest HTML report in Chromium', () => {
  let browser: HeadlessBrowser;
  let dir: string;
  let reportUrl: string;
  let eventCount: number;
  let ribbonEpisodes: number;
  let shortUrl: string;
  let projection: ReportProjection;
  let miners: ReportMiners;
  let buildingUrl: string;
  let pendingAtEnd: readonly PendingSignal[];
  let report: ReportInput;
  let twoWeeksUrl: string;
  let tenYearsUrl: string;
  let tenYears: ReportInput;
  const screenshotDir = process.env.HASHWATCH_SCREENSHOT_DIR;

  beforeAll(async () => {
    const settings = productionReportSettings(DEFAULT_COMPUTE_CONFIG);
    // The production evaluator with the report settings the CLI uses, over a stretch of history.
    const backtestOver = (from: string, to: string) =>
      runBacktest({
        from,
        to,
        createEvaluator: (history) => createProductionEvaluator(history, { config: DEFAULT_COMPUTE_CONFIG }),
        priceLevelsUsd: settings.priceLevelsUsd,
        fleetShareThresholds: settings.fleetShareThresholds,
        hashpriceFloorUsdPerPhDay: settings.hashpriceFloorUsdPerPhDay,
      });
    const result = backtestOver('2021-01-01', '2026-06-30');
    eventCount = result.events.length;
    ribbonEpisodes = result.summary.episodes.filter((e) => e.signal === 'hash-ribbon-capitulation').length;
    miners = result.report.miners!;
    report = result.report;
    dir = await mkdtemp(join(tmpdir(), 'hashwatch-report-'));
    const file = join(dir, 'report.html');
    // As the CLI writes it: with the projection from the report's end (a p10..p90 fan).
    projection = reportProjection(result.to);
    await writeFile(file, renderReport({ ...result.report, projection }));
    reportUrl = pathToFileURL(file).href;
    // Ends while a BTDR escalation and two raises wait out their dwell (2026-02-20's close).
    const building = backtestOver('2026-01-15', '2026-02-20');
    pendingAtEnd = building.report.pendingAtEnd!;
    const buildingFile = join(dir, 'building.html');
    await writeFile(buildingFile, renderReport(building.report));
    buildingUrl = pathToFileURL(buildingFile).href;
    const short = backtestOver('2022-11-01', '2023-01-31');
    const shortFile = join(dir, 'short.html');
    await writeFile(shortFile, renderReport(short.report));
    shortUrl = pathToFileURL(shortFile).href;
    // Axis labels at both ends of the scale: two weeks, and ten years with three halvings.
    const twoWeeksFile = join(dir, 'two-weeks.html');
    await writeFile(twoWeeksFile, renderReport(backtestOver('2026-02-01', '2026-02-14').report));
    twoWeeksUrl = pathToFileURL(twoWeeksFile).href;
    tenYears = backtestOver('2016-01-01', '2025-12-31').report;
    const tenYearsFile = join(dir, 'ten-years.html');
    await writeFile(tenYearsFile, renderReport(tenYears));
    tenYearsUrl = pathToFileURL(tenYearsFile).href;
    if (screenshotDir) await mkdir(screenshotDir, { recursive: true });
    browser = await launchChromium();
  }, 180_000);

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

    expect(await page.title()).toBe('Hashwatch backtest 2021-01-01 .. 2026-06-30');
    // The interactive charts are <figure>s uPlot fills (a canvas), the miners' panel stays SVG.
    const ids = await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')));
    expect(ids).toEqual([...CHARTS, ...MINER_CHARTS]);
    const charts = await page.$$eval('figure[data-chart]', (figs) =>
      figs.map((fig) => {
        const canvas = fig.querySelector('canvas')!.getBoundingClientRect();
        return {
          id: fig.getAttribute('data-chart')!,
          points: Number(fig.getAttribute('data-points')),
          width: canvas.width,
          height: canvas.height,
          bands: [...fig.querySelectorAll('.band')].map((b) => b.getAttribute('data-key')),
          refs: fig.querySelectorAll('.ref').length,
        };
      }),
    );
    const drawn = Object.fromEntries(
      Object.entries(await drawnCharts(page)).map(([id, chart]) => [
        id,
        chart.data.slice(1).map((values) => values.filter((v) => v !== null).length),
      ]),
    );
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(80);
      if (chart.id === 'signals') continue; // lanes of episodes, no values
      expect(chart.points, chart.id).toBeGreaterThan(50);
      // something drawn: the page's chart holds the values the figure counts
      expect(
        drawn[chart.id]!.reduce((a, b) => a + b, 0),
        chart.id,
      ).toBe(chart.points);
    }
    // The capitulation episodes the summary lists (2021, 2022, 2024, 2025-26 at least) shade the
    // hashrate and hashprice charts: one band per episode, not one per raw 30d/60d crossing.
    const ribbon = (id: string) =>
      charts.find((c) => c.id === id)!.bands.filter((k) => k === 'hash-ribbon-capitulation').length;
    expect(ribbonEpisodes).toBeGreaterThanOrEqual(4);
    expect(ribbon('hashrate')).toBe(ribbonEpisodes);
    expect(ribbon('hashprice')).toBe(ribbonEpisodes);
    // The hashprice floor is drawn on the hashprice chart.
    expect(charts.find((c) => c.id === 'hashprice')!.refs).toBe(1);
    expect(charts.find((c) => c.id === 'price')!.refs).toBe(
      DEFAULT_COMPUTE_CONFIG.signals['price-level'].levelsUsd.length,
    );
    expect(charts.find((c) => c.id === 'fleet-share-negative')!.refs).toBe(2);

    // The summary is HTML tables, not a markdown table in a <pre>.
    const summary = await page.textContent('#summary');
    expect(summary).toContain('Episodes per signal');
    expect(summary).not.toContain('|---');
    expect(await page.locator('pre#summary').count()).toBe(0);
    const y2026 = report.summary.hashpriceByYear.find((y) => y.year === 2026)!;
    expect(
      await page.$$eval('#summary-hashprice tr[data-year="2026"] td', (tds) => tds.map((td) => td.textContent)),
    ).toEqual([
      '2026',
      `$${y2026.low.usdPerPhDay.toFixed(2)}`,
      y2026.low.date,
      `$${y2026.high.usdPerPhDay.toFixed(2)}`,
      y2026.high.date,
    ]);
    const episodeCounts = await page.$$eval('#summary-episodes tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-signal'), Number(tr.querySelectorAll('td')[1]!.textContent)]),
    );
    expect(Object.fromEntries(episodeCounts)).toEqual(report.summary.episodesBySignal);
    expect(await page.locator('#summary-per-year tbody tr').count()).toBe(
      Object.keys(report.summary.episodesBySignal).length,
    );
    expect(await page.locator('#timeline tbody tr.event').count()).toBe(eventCount);
    expect(
      await page.locator('#timeline tbody tr.note', { hasText: 'difficulty adjustment -27.94% (epoch 342)' }).count(),
    ).toBe(1);

    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(screenshotDir ?? dir, 'report.png'), fullPage: true });
    await page.close();
  });

  it('requests nothing from the network: the chart library and its styles are inside the file', async () => {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    // Every request of the page is seen (and refused) here: only the file itself may load.
    page.on('request', (r) => {
      if (r.url() !== reportUrl) requests.push(r.url());
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === reportUrl) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(reportUrl, { waitUntil: 'networkidle' });
    expect(requests).toEqual([]);
    expect(await page.locator('script[src], link[href], img[src]').count()).toBe(0);
    // The charts were built: uPlot ran from the inlined script.
    expect(await page.locator('figure[data-chart] .uplot').count()).toBe(CHARTS.length);
    await page.close();
  });

  it('shows the values of the day under the cursor, the same on every linked chart', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const over = (await page.locator('#chart-hashprice .u-over').boundingBox())!;
    await page.mouse.move(over.x + over.width * 0.37, over.y + over.height / 2);
    const tooltip = page.locator('#chart-hashprice .chart-tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    const date = (await tooltip.locator('.tt-date').textContent())!;
    const day = report.days.find((d) => d.date === date)!;
    expect(day, date).toBeDefined();
    // About 37% into 2021-01-01 .. 2026-07-01: early in 2023.
    expect(date.slice(0, 4)).toBe('2023');
    expect(await tooltip.locator('.tt-row[data-series="realized (each day, thin)"] .tt-value').textContent()).toBe(
      shown('$', day.realizedHashpriceUsdPerPhDay!, 2),
    );
    expect(
      await tooltip.locator('.tt-row[data-series="expected (difficulty based, wide)"] .tt-value').textContent(),
    ).toBe(shown('$', day.expectedHashpriceUsdPerPhDay!, 2));
    // The cursor is shared: the BTC price chart shows the same day and that day's close.
    const price = page.locator('#chart-price .chart-tooltip');
    await expect.poll(() => price.locator('.tt-date').textContent()).toBe(date);
    expect(await price.locator('.tt-row[data-series="BTC/USD"] .tt-value').textContent()).toBe(
      shown('$', day.btcPriceUsd!, 0),
    );
    // An episode active that day is named in the tooltip.
    const active = report.summary.episodes.filter(
      (e) => e.signal === 'hash-ribbon-capitulation' && e.raisedAt <= date && (e.clearedAt ?? '9999') >= date,
    );
    expect(await tooltip.locator('.tt-episode').count()).toBeGreaterThanOrEqual(active.length);
    await page.close();
  });

  it("lays out the figures of the event that raised an episode in its tooltip, from the event's figures", async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    // The longest fleet-share-negative episode raised inside the range.
    const days = (e: Episode) => Date.parse(e.clearedAt ?? report.to) - Date.parse(e.raisedAt);
    const episode = report.summary.episodes
      .filter((e) => e.signal === 'fleet-share-negative' && e.raisedAt >= report.from)
      .sort((a, b) => days(b) - days(a))[0]!;
    expect(episode, 'a fleet-share-negative episode in 2021-2026').toBeDefined();
    // Its figures are those the raising event carries as data (its document's `figures`).
    const raise = report.events.find(
      (e) => e.signal === episode.signal && e.subject === episode.subject && e.day === episode.raisedAt,
    )!;
    expect(raise.transition).toBe('raised');
    expect(episode.figures).toEqual((raise.document as { figures: Figure[] }).figures);
    expect(episode.figures.map((f) => f.name)).toContain('Share of global hashrate cash-flow negative');
    // Hover the episode's middle on the episode lanes.
    const [xMin, xMax] = await xRange(page, 'signals');
    const middle = (Date.parse(episode.raisedAt) + Date.parse(episode.clearedAt ?? report.to)) / 2;
    await page.locator('#chart-signals').scrollIntoViewIfNeeded();
    const over = (await page.locator('#chart-signals .u-over').boundingBox())!;
    await page.mouse.move(over.x + ((middle - xMin) / (xMax - xMin)) * over.width, over.y + over.height / 2);
    const label = signalEpisodeBands(report.summary).find(
      (b) => b.signal === episode.signal && b.fromT === Date.parse(`${episode.raisedAt}T00:00:00Z`),
    )!.label;
    const row = page.locator('#chart-signals .chart-tooltip .tt-episode', { hasText: label });
    await expect.poll(() => row.count()).toBe(1);
    const shownFigures = await row
      .locator('.tt-figures tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-figure'),
          tr.querySelector('th')!.textContent,
          tr.querySelector('td')!.textContent,
        ]),
      );
    // One row per figure, in the event's order, each value written by formatFigure.
    expect(shownFigures).toEqual(episode.figures.map((f) => [f.name, f.name, formatFigure(f)]));
    // The share reads to two decimals, as formatFigure writes a percentage (the title rounds it to one).
    const share = episode.figures.find((f) => f.name === 'Share of global hashrate cash-flow negative')!;
    expect(shownFigures).toContainEqual([share.name, share.name, `${Number((share.value as number).toFixed(2))}%`]);
    await page.close();
  });

  it('zooms on a drag, and the other charts of the range follow; shift + drag pans; reset shows it all', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const full = await xRange(page, 'hashrate');
    expect(full).toEqual([Date.parse('2021-01-01T00:00:00Z'), Date.parse('2026-07-01T00:00:00Z')]);
    const over = (await page.locator('#chart-hashprice .u-over').boundingBox())!;
    const y = over.y + over.height / 2;
    await page.mouse.move(over.x + over.width * 0.6, y);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.7, y, { steps: 5 });
    await page.mouse.up();
    const zoomed = await xRange(page, 'hashprice');
    // A tenth of 5.5 years, around 2024.
    expect((zoomed[1] - zoomed[0]) / 86_400_000).toBeGreaterThan(150);
    expect((zoomed[1] - zoomed[0]) / 86_400_000).toBeLessThan(250);
    for (const id of LINKED) expect(await xRange(page, id), id).toEqual(zoomed);
    // The projection has its own dates: it does not follow.
    const projectionRange = await xRange(page, 'projection');
    expect(projectionRange[0]).toBe(Date.parse(`${projection.startDate}T00:00:00Z`));
    // The axis labels follow the zoom: months now, not years.
    expect(await page.getAttribute('#chart-hashrate', 'data-x-ticks')).toMatch(
      /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/,
    );

    // shift + drag to the right shows earlier days, the same width.
    await page.keyboard.down('Shift');
    await page.mouse.move(over.x + over.width * 0.4, y);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.5, y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const panned = await xRange(page, 'price');
    expect(panned[0]).toBeLessThan(zoomed[0]);
    expect(panned[1] - panned[0]).toBeCloseTo(zoomed[1] - zoomed[0], -3);
    expect(await xRange(page, 'hashprice')).toEqual(panned);

    await page.click('#reset-zoom');
    for (const id of LINKED) expect(await xRange(page, id), id).toEqual(full);
    await page.close();
  });

  it("shades every signal's episodes with a legend, and marks the halvings from the subsidy schedule", async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    // The episodes lanes: one row per signal the engine evaluates, one band per episode.
    const lanes = await page.$$eval('#chart-signals .lane-label', (ls) => ls.map((l) => l.textContent));
    expect(lanes).toEqual(SIGNAL_IDS.map((s) => `${s} (${report.summary.episodesBySignal[s] ?? 0})`));
    const laneBands = await page.$$eval('#chart-signals .band', (bs) => bs.map((b) => b.getAttribute('data-key')));
    expect(laneBands).toHaveLength(report.summary.episodes.length);
    for (const signal of SIGNAL_IDS)
      expect(laneBands.filter((k) => k === signal).length, signal).toBe(report.summary.episodesBySignal[signal] ?? 0);
    // More than the hash ribbon raised episodes in 2021-2026, and each has a legend entry where shaded.
    expect(Object.keys(report.summary.episodesBySignal).length).toBeGreaterThan(3);
    const keys = await page.$$eval('figure[data-chart] .keys [data-band-key]', (ks) =>
      ks.map((k) => k.getAttribute('data-band-key')),
    );
    const shadedOnCharts = await page.$$eval('figure[data-chart]:not(#chart-signals) .band', (bs) =>
      bs.map((b) => b.getAttribute('data-key')),
    );
    expect(new Set(keys)).toEqual(new Set(shadedOnCharts));

    // The 2024 halving (block 840,000) on every chart of the range, on the day the chain reached it.
    const halvings = await page.$$eval('figure[data-chart] .halving', (hs) =>
      hs.map((h) => ({ chart: h.closest('figure')!.getAttribute('data-chart'), label: h.textContent })),
    );
    expect(halvings.map((h) => h.chart)).toEqual(LINKED);
    for (const h of halvings)
      expect(h.label).toBe(`halving 4 (block ${halvingHeight(4).toLocaleString('en-US')}) 2024-04-20`);

    // Ten years: the 2016, 2020 and 2024 halvings, each on its day.
    await page.goto(tenYearsUrl, { waitUntil: 'load' });
    const tenYearHalvings = await page.$$eval('#chart-hashprice .halving', (hs) => hs.map((h) => h.textContent));
    expect(tenYears.halvings!.map((h) => h.date)).toEqual(['2016-07-09', '2020-05-11', '2024-04-20']);
    expect(tenYearHalvings).toEqual(
      tenYears.halvings!.map((h) => `halving ${h.n} (block ${halvingHeight(h.n).toLocaleString('en-US')}) ${h.date}`),
    );
    await page.close();
  });

  it('draws hashprice on a log axis where 2023-2026 fills most of the plot, realized and expected styled apart', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const chart = await page.evaluate(
      ({ from }) => {
        const u = (
          globalThis as unknown as {
            hashwatchCharts: Record<
              string,
              {
                data: (number | null)[][];
                series: { label?: string; width?: number }[];
                over: { clientHeight: number };
                valToPos(v: number, s: string): number;
              }
            >;
          }
        ).hashwatchCharts.hashprice!;
        const realized = u.data[2]!;
        const ys = u.data[0]!.flatMap((t, i) =>
          t! >= from && realized[i] != null ? [u.valToPos(realized[i]!, 'y')] : [],
        );
        return {
          series: u.series.slice(1).map((s) => ({ name: s.label, width: s.width })),
          recent: ys.length,
          spread: (Math.max(...ys) - Math.min(...ys)) / u.over.clientHeight,
        };
      },
      { from: Date.UTC(2023, 0, 1) / 1000 },
    );
    // Expected drawn first (wide, light), realized on top (thin, dark): both stay visible.
    expect(chart.series.map((s) => s.name)).toEqual(['expected (difficulty based, wide)', 'realized (each day, thin)']);
    const [expected, realized] = chart.series;
    expect(Number(expected!.width)).toBeGreaterThanOrEqual(3 * Number(realized!.width));
    // Log ticks in 1-2-3-5 steps, down to the floor.
    const ticks = (await page.getAttribute('#chart-hashprice', 'data-y-ticks'))!.split('|');
    expect(ticks).toEqual(expect.arrayContaining(['$30', '$50', '$100', '$200', '$300']));
    expect(await page.$$eval('#chart-hashprice .ref-label', (ls) => ls.map((l) => l.textContent))).toEqual([
      'floor $30/PH/day',
    ]);
    expect(chart.recent).toBeGreaterThan(1000);
    // On a linear axis from $0 to $420, 2023-2026 ($28-$190) would use about 40% of the height.
    expect(chart.spread).toBeGreaterThan(0.6);
    await page.close();
  });

  it('keeps every label clear: legend under the plot, reference labels on a halo and apart from each other', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const boxes = await page.$$eval('figure[data-chart]', (figs) =>
      figs.map((fig) => {
        const box = (el: typeof fig) => {
          const b = el.getBoundingClientRect();
          return { x: b.x, y: b.y, w: b.width, h: b.height, text: el.textContent };
        };
        return {
          id: fig.getAttribute('data-chart'),
          plot: box(fig.querySelector('.u-over')!),
          legend: [...fig.querySelectorAll('.u-legend, .keys')].map(box),
          title: box(fig.querySelector('.chart-title')!),
          refLabels: [...fig.querySelectorAll('.ref-label')].map(box),
          halo: [...fig.querySelectorAll('.ref-label')].map(
            (l) =>
              (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(
                l,
              ).backgroundColor,
          ),
        };
      }),
    );
    const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
      a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    for (const chart of boxes) {
      expect(chart.title.y + chart.title.h, `${chart.id} title`).toBeLessThanOrEqual(chart.plot.y);
      for (const l of chart.legend) {
        expect(l.y, `${chart.id} legend`).toBeGreaterThanOrEqual(chart.plot.y + chart.plot.h); // under the plot
        expect(overlap(l, chart.title), `${chart.id} legend vs title`).toBe(false);
      }
      chart.refLabels.forEach((a, i) =>
        chart.refLabels
          .slice(i + 1)
          .forEach((b) => expect(overlap(a, b), `${chart.id}: ${a.text} / ${b.text}`).toBe(false)),
      );
      for (const h of chart.halo) expect(h).toMatch(/^rgba\(255, 255, 255, 0\.[89]/);
    }
    // The fleet chart's warning (15%) and critical (20%) labels, close together, do not collide.
    expect(boxes.find((c) => c.id === 'fleet-share-negative')!.refLabels).toHaveLength(2);
    await page.close();
  });

  it('draws the fleet share with its band: the low and high power-price cases shaded around the central case', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const drawn = await chartData(page, 'fleet-share-negative');
    const chart = { data: drawn.data.slice(1), names: drawn.names, fans: drawn.fans };
    expect(chart.names).toEqual(['high power-price case', 'low power-price case', 'fleet negative (central)']);
    expect(chart.fans).toBe(1);
    const [high, low, central] = chart.data;
    let wide = 0;
    central!.forEach((c, i) => {
      if (c === null) return;
      expect(low![i]!).toBeLessThanOrEqual(c + 0.05);
      expect(c).toBeLessThanOrEqual(high![i]! + 0.05);
      if (high![i]! - low![i]! > 5) wide += 1;
    });
    // 2022's published power prices span 4 to 7-8 c/kWh: the band is wide on many days of the range.
    expect(wide).toBeGreaterThan(30);
    await page.close();
  });

  it('draws the projected hashprice as a p10..p90 fan around its p50, over the projection’s own dates', async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const drawn = await chartData(page, 'projection');
    const chart = { x: drawn.data[0]!, data: drawn.data.slice(1), names: drawn.names, fans: drawn.fans };
    expect(await page.textContent('#chart-projection .chart-title')).toContain(
      `Projected hashprice from ${projection.startDate}`,
    );
    expect(chart.names.slice(0, 3)).toEqual(['p90', 'p10', 'p50']);
    // One fan, between p90 and p10, over the projection's own dates.
    expect(chart.fans).toBe(1);
    expect(chart.x).toHaveLength(projection.days.length);
    expect(chart.x[0]).toBe(Date.parse(`${projection.startDate}T00:00:00Z`) / 1000);
    // The p50 runs inside the fan, from its first day to its last.
    const [p90, p10, p50] = chart.data;
    chart.x.forEach((_, i) => {
      expect(p10![i]!).toBeLessThanOrEqual(p50![i]!);
      expect(p50![i]!).toBeLessThanOrEqual(p90![i]!);
    });
    // Its fan opens from nothing: p10 = p50 = p90 on day 0, p10 < p90 at the end.
    const first = projection.days[0]!;
    const last = projection.days.at(-1)!;
    expect(first.p10).toBe(first.p90);
    expect(last.p10).toBeLessThan(last.p50);
    expect(last.p50).toBeLessThan(last.p90);
    expect(projection.days).toHaveLength(180);
    expect((await page.getAttribute('#chart-projection', 'data-x-ticks'))!.split('|').length).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it("shows the listed miners: the share of production sold per month, each treasury, and every company's latest period with its age", async () => {
    const page = await browser.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const share = await page.$eval('svg[data-chart="miners-share-sold"]', (svg) => ({
      bars: [...svg.querySelectorAll('rect.bar')].map((b) => ({
        label: b.querySelector('title')!.textContent!,
        h: (b as unknown as { getBBox(): { height: number } }).getBBox().height,
      })),
      refs: [...svg.querySelectorAll('line.ref title')].map((t) => t.textContent),
    }));
    // One bar per month in which some company reported both figures, over the report's range.
    const monthsWithBoth = miners.sector.filter((m) => m.btcProduced > 0);
    expect(share.bars).toHaveLength(monthsWithBoth.length);
    expect(share.bars.every((b) => b.h >= 0)).toBe(true);
    expect(share.refs).toEqual(['sold = mined']);
    // Mid-2022: the sector sold more than it mined (Core Scientific, Bitfarms emptying treasuries).
    const june2022 = share.bars.find((b) => b.label.startsWith('2022-06:'))!;
    expect(Number(/\((\d+)%\)$/.exec(june2022.label)![1])).toBeGreaterThan(100);

    const treasuries = await page.$eval('svg[data-chart="miners-treasuries"]', (svg) => ({
      series: [...svg.querySelectorAll('path.series')].map((p) => p.getAttribute('data-series')),
      legend: [...svg.querySelectorAll('g.legend')].map((g) => {
        const b = (g as unknown as { getBBox(): { x: number; width: number } }).getBBox();
        const x = Number(/translate\(([\d.]+),/.exec(g.getAttribute('transform') ?? '')![1]);
        return { x: x + b.x, w: b.width };
      }),
    }));
    // Every company that reported a holding in the range has its line, and a legend entry clear of the next.
    const holders = bundledMinerSeries()
      .companies.map((c) => c.ticker)
      .filter((t) =>
        bundledMinerSeries().periods.some(
          (p) => p.ticker === t && p.btcHeldAtEnd !== null && p.month >= '2021-01' && p.month <= '2026-06',
        ),
      );
    expect(treasuries.series).toEqual(holders);
    treasuries.legend.slice(1).forEach((entry, i) => {
      const before = treasuries.legend[i]!;
      expect(before.x + before.w, `legend ${holders[i]}`).toBeLessThan(entry.x);
    });
    expect(treasuries.legend.at(-1)!.x + treasuries.legend.at(-1)!.w).toBeLessThanOrEqual(960);

    // The latest period of every company, as public by the report's end, its age, stale past 45 days.
    const rows = await page.$$eval('#miners-latest tbody tr', (trs) =>
      trs.map((tr) => ({
        ticker: tr.getAttribute('data-ticker'),
        stale: tr.classList.contains('stale'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
      })),
    );
    expect(rows.map((r) => r.ticker).sort()).toEqual(
      bundledMinerSeries()
        .companies.map((c) => c.ticker)
        .sort(),
    );
    for (const row of rows) {
      const month = row.cells[2]!.slice(-7);
      const age = daysSinceMonthEnd(month, '2026-06-30');
      expect(row.cells[9], row.ticker!).toBe(`${age} days${age > MINER_STALE_AFTER_DAYS ? ' (stale)' : ''}`);
      expect(row.stale, row.ticker!).toBe(age > MINER_STALE_AFTER_DAYS);
    }
    // MARA's Q1 2026 sales: 15,133 BTC sold, judged by the liquidation signal.
    const mara = rows.find((r) => r.ticker === 'MARA')!;
    expect(mara.cells[2]).toBe('2026-01 .. 2026-03');
    expect(mara.cells[4]).toBe('15,133');
    expect(mara.cells[8]).toContain('sold-more-than-produced');
    await page.close();
  });

  it('lists what is building up on its last day: each change, since when, and when it commits if it holds', async () => {
    const page = await browser.context.newPage();
    await page.goto(buildingUrl, { waitUntil: 'load' });
    expect(await page.textContent('#pending')).toBe('Building up on 2026-02-20');
    const rows = await page.$$eval('#pending-signals tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(pendingAtEnd.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.slice(0, 3))).toEqual(pendingAtEnd.map((p) => [p.signal, p.subject, p.commit.change]));
    const btdr = rows.find((r) => r[1] === 'BTDR')!;
    // Bitdeer's treasury at zero (2026-02-20) escalates a day later unless its figures change.
    expect(btdr.slice(2, 5)).toEqual(['escalate', '2026-02-21 00:00', '2026-02-22 00:00 (24 h)']);
    // The full 2021-2026 report has the section too, empty or not, before the summary.
    await page.goto(reportUrl, { waitUntil: 'load' });
    expect(await page.locator('#pending-signals').count()).toBe(1);
    await page.close();
  });

  it('labels months on a short range', async () => {
    const page = await browser.context.newPage();
    await page.goto(shortUrl, { waitUntil: 'load' });
    const ticks = (await page.getAttribute('#chart-hashprice', 'data-x-ticks'))!.split('|');
    expect(ticks).toEqual(['Nov 2022', 'Dec', 'Jan 2023']);
    await page.screenshot({ path: join(screenshotDir ?? dir, 'short.png'), fullPage: true });
    await page.close();
  });

  it('labels days on a two-week range and years on a ten-year one, with at least three values on every axis', async () => {
    const page = await browser.context.newPage();
    const axes = async () =>
      page.$$eval('figure[data-chart]:not(#chart-signals)', (figs) =>
        figs.map((f) => ({
          id: f.getAttribute('data-chart')!,
          x: (f.getAttribute('data-x-ticks') ?? '').split('|'),
          y: (f.getAttribute('data-y-ticks') ?? '').split('|'),
        })),
      );
    await page.goto(twoWeeksUrl, { waitUntil: 'load' });
    const twoWeeks = await axes();
    expect(twoWeeks.find((a) => a.id === 'hashprice')!.x).toEqual([
      'Feb 1 2026',
      'Feb 3',
      'Feb 5',
      'Feb 7',
      'Feb 9',
      'Feb 11',
      'Feb 13',
    ]);
    // Hashprice moves by a few dollars in two weeks: a log axis alone would keep one tick or none.
    for (const a of twoWeeks.filter((c) => c.id !== 'difficulty' && c.id !== 'projection'))
      expect(a.y.length, `${a.id}: ${a.y.join(' ')}`).toBeGreaterThanOrEqual(3);
    await page.goto(tenYearsUrl, { waitUntil: 'load' });
    const tenYearAxes = await axes();
    expect(tenYearAxes.find((a) => a.id === 'hashprice')!.x).toEqual(
      Array.from({ length: 10 }, (_, i) => String(2016 + i)),
    );
    for (const a of tenYearAxes.filter((c) => c.id !== 'projection'))
      expect(a.y.length, `${a.id}: ${a.y.join(' ')}`).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(screenshotDir ?? dir, 'ten-years.png'), fullPage: true });
    await page.close();
  });
});

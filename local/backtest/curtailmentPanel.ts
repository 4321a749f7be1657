/**
 * The report's curtailment panel: one reconstructed power price event (Winter Storm Uri by
 * default, shared/data/powerEvents.json) through the live decision code, as `npm run power --
 * backtest --event` runs it (local/power/curtailmentBacktest.ts): the price against each class's
 * strike moving with hashprice and the fixed strike, the curtailed spans, and the savings of the
 * two policies side by side. The event is RECONSTRUCTED from published figures, and says so with
 * its sources: it is not a recorded series.
 */
import { loadPowerEvents, powerEventPrices, type PowerEvent } from '../../shared/data/powerEvents';
import { strikeUsdPerMwh } from '../../shared/domain/power/curtailmentDecision';
import type { SiteMachineClass } from '../../shared/domain/power/curtailmentReplay';
import type { IntervalPrice } from '../../shared/domain/power/intervalPrice';
import {
  BACKTEST_POOL_FEE_FRACTION,
  decisionTimingOf,
  DEFAULT_BACKTEST_FLEET,
  previousDayHashprice,
  runCurtailmentBacktest,
  siteClasses,
  type BacktestRun,
} from '../power/curtailmentBacktest';
import { escapeXml, renderChart, type Band, type TimePoint } from './svgChart';

export interface ReportCurtailment {
  event: PowerEvent;
  prices: readonly IntervalPrice[];
  classes: readonly SiteMachineClass[];
  run: BacktestRun;
  /** Each class's strike at each interval's hashprice (the dynamic policy's), USD/MWh. */
  dynamicStrikes: ReadonlyArray<{ name: string; points: readonly TimePoint[] }>;
}

export const REPORT_CURTAILMENT_EVENT = 'uri-2021';

/** The event's backtest for the report, on the example site of `npm run power -- backtest`. */
export function reportCurtailment(eventId: string = REPORT_CURTAILMENT_EVENT): ReportCurtailment {
  const event = loadPowerEvents().events.find((e) => e.id === eventId);
  if (!event) throw new Error(`no power event ${eventId} in shared/data/powerEvents.json`);
  const prices = powerEventPrices(event);
  const classes = siteClasses(DEFAULT_BACKTEST_FLEET);
  const hashpriceAt = previousDayHashprice();
  const run = runCurtailmentBacktest({
    site: event.id,
    prices,
    classes,
    timing: decisionTimingOf(prices),
    hashpriceAt,
  });
  const dynamicStrikes = classes.map((c) => ({
    name: c.name,
    points: prices.map((p): TimePoint => {
      const t = Date.parse(p.startIso);
      const hashprice = hashpriceAt(t);
      return {
        t,
        v:
          hashprice === undefined
            ? undefined
            : strikeUsdPerMwh(hashprice, c.efficiencyJPerTh, BACKTEST_POOL_FEE_FRACTION),
      };
    }),
  }));
  return { event, prices, classes, run, dynamicStrikes };
}

const CLASS_COLORS = ['#e15759', '#4e79a7', '#59a14f', '#b07aa1'];
const usd = (value: number): string =>
  `${value < 0 ? '-' : ''}$${Math.abs(value).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/** The spans each class was curtailed, from its transitions (to the series' end when still curtailed). */
export function curtailedSpans(c: ReportCurtailment, policy: 'dynamic' | 'fixed'): Band[] {
  const endT = Date.parse(c.prices.at(-1)!.endIso);
  const bands: Band[] = [];
  for (const cls of c.classes) {
    let since: number | undefined;
    for (const t of c.run[policy].transitions.filter((x) => x.machineClass === cls.name)) {
      const at = Date.parse(t.effectiveIso);
      if (t.mode === 'curtail') since = at;
      else if (since !== undefined) {
        bands.push({ fromT: since, toT: at, label: `${cls.name} curtailed (${policy} strike)` });
        since = undefined;
      }
    }
    if (since !== undefined) bands.push({ fromT: since, toT: endT, label: `${cls.name} curtailed (${policy} strike)` });
  }
  return bands;
}

/** The panel's HTML: the event and its sources, the timeline chart, the two policies' savings, the days. */
export function renderCurtailmentPanel(c: ReportCurtailment): string {
  const { event, run } = c;
  const fromT = Date.parse(c.prices[0]!.startIso);
  const toT = Date.parse(c.prices.at(-1)!.endIso);
  const fixedStrikes = c.classes.map((cls) => ({
    name: cls.name,
    usdPerMwh: strikeUsdPerMwh(run.fixedHashpriceUsdPerPhDay, cls.efficiencyJPerTh, BACKTEST_POOL_FEE_FRACTION),
  }));
  const chart = renderChart({
    id: `curtailment-${event.id}`,
    title: `${event.name} (RECONSTRUCTED): power price, strikes moving with hashprice (lines) and fixed (labelled), curtailed spans shaded`,
    unit: 'USD/MWh, log scale',
    fromT,
    toT,
    scale: 'log',
    bands: curtailedSpans(c, 'dynamic'),
    series: [
      {
        name: 'power price',
        color: '#1d232a',
        width: 2,
        points: c.prices.map((p) => ({ t: Date.parse(p.startIso), v: p.usdPerMwh })),
      },
      ...c.dynamicStrikes.map((s, i) => ({
        name: `${s.name} strike`,
        color: CLASS_COLORS[i % CLASS_COLORS.length]!,
        points: s.points,
      })),
    ],
    lines: fixedStrikes.map((s, i) => ({
      value: s.usdPerMwh,
      label: `${s.name} fixed strike $${s.usdPerMwh.toFixed(2)}`,
      color: CLASS_COLORS[i % CLASS_COLORS.length]!,
    })),
    format: (v) => `$${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`,
  });
  const policyRow = (name: string, id: string, r: BacktestRun['dynamic']) =>
    `<tr data-policy="${id}"><td>${escapeXml(name)}</td><td>${r.transitions.length}</td><td>${r.total.curtailedClassHours.toFixed(2)}</td><td>${r.total.energyNotBoughtMwh.toFixed(1)}</td><td>${usd(r.total.energyNotBoughtUsd)}</td><td>${usd(r.total.revenueNotMinedUsd)}</td><td>${usd(r.total.netUsd)}</td></tr>`;
  const fixedByDay = new Map(run.fixed.daily.map((d) => [d.period, d.netUsd]));
  const days = [...new Set([...run.dynamic.daily.map((d) => d.period), ...fixedByDay.keys()])].sort();
  const dayRows = days
    .map((day) => {
      const d = run.dynamic.daily.find((x) => x.period === day);
      return `<tr><td>${day}</td><td>${(d?.curtailedClassHours ?? 0).toFixed(2)}</td><td>${usd(d?.energyNotBoughtUsd ?? 0)}</td><td>${usd(d?.revenueNotMinedUsd ?? 0)}</td><td>${usd(d?.netUsd ?? 0)}</td><td>${usd(fixedByDay.get(day) ?? 0)}</td></tr>`;
    })
    .join('\n');
  const sources = event.segments
    .map(
      (s) =>
        `<li>${escapeXml(s.from)} .. ${escapeXml(s.to)}: $${s.usdPerMwh.toLocaleString('en-US')}/MWh. ${escapeXml(s.basis)} Source: ${escapeXml(s.source)}, ${escapeXml(s.sourceDate)}.</li>`,
    )
    .join('\n');
  const site = c.classes
    .map(
      (cls) =>
        `${escapeXml(cls.name)} (${(cls.hashrateThs / 1000).toLocaleString('en-US')} PH/s, ${cls.efficiencyJPerTh.toFixed(1)} J/TH)`,
    )
    .join(', ');
  return `<section id="curtailment" data-event="${escapeXml(event.id)}">
<h2>Curtailment backtest: ${escapeXml(event.name)}</h2>
<p class="note"><strong>RECONSTRUCTED</strong> price path (${c.prices.length} intervals of ${event.intervalMinutes} minutes, ${escapeXml(event.location)}), built from the published figures below, not a recorded series. Site: ${site}; the live decision code (margin, minimum run and rest) with the previous day's realized hashprice; a fixed strike held at $${run.fixedHashpriceUsdPerPhDay.toFixed(2)}/PH/day beside it (what a typed-in strike does). Savings against running always, counted by the same code as GET /v1/sites/{id}/curtailment.</p>
${chart}
<table id="curtailment-policies"><thead><tr><th>policy</th><th>changes</th><th>curtailed class-h</th><th>energy not bought MWh</th><th>energy not bought</th><th>revenue not mined</th><th>net</th></tr></thead>
<tbody>
${policyRow('strike moving with hashprice', 'dynamic', run.dynamic)}
${policyRow('fixed strike', 'fixed', run.fixed)}
</tbody></table>
<table id="curtailment-days"><thead><tr><th>day (UTC)</th><th>curtailed class-h</th><th>energy not bought</th><th>revenue not mined</th><th>net</th><th>net, fixed strike</th></tr></thead>
<tbody>
${dayRows}
</tbody></table>
<ul class="note" id="curtailment-sources">
${sources}
</ul>
</section>`;
}

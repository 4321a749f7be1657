/**
 * The CLI's readable rendering of a calculator answer: fixed-width tables for machines, fleet and
 * scenario, money rounded only here, at the edge. `--json` bypasses this and prints the raw answer.
 */
import { formatMoney, formatPowerPrice } from '../domain/money';
import { perPhToPerTh } from '../domain/units';
import { renderSiteEconomics } from './siteEconomicsTable';
import type { InCurrency } from './price';
import type { CalculatorError } from './errors';
import type { CalculatorResponse, Economics } from './price';
import type { ScenarioDayRow, ScenarioEpochRow, ScenarioResult } from './scenario';
import type { ProjectedDayRow, ProjectedScenarioResult } from './fleetResponseScenario';

const usd = (value: number | null, digits = 2): string =>
  value === null
    ? 'n/a'
    : `${value < 0 ? '-' : ''}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
const formatNumber = (value: number | null, digits = 0): string =>
  value === null
    ? 'n/a'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const cents = (usdPerKwh: number): string => `${(usdPerKwh * 100).toFixed(2)}`;
// Payback 0 means there is no capex to repay: shown as '-'.
const days = (value: number | null): string => (value === null ? 'never' : value === 0 ? '-' : formatNumber(value, 0));

/** The default table fits a terminal this wide; `--wide` shows every column whatever the width. */
export const DEFAULT_TABLE_WIDTH = 120;

export interface RenderOptions {
  /** Every column, whatever the width. */
  wide?: boolean;
  maxWidth?: number;
}

/**
 * One column of a table: a two-line header (name, then unit), its cell, and a priority. Columns
 * marked `wideOnly` appear with --wide only; when the others still do not fit the width, the
 * lowest priority go first (and the output names them). Add a column here, with a priority, and
 * the layout follows.
 */
export interface Column<R> {
  header: readonly [string, string];
  cell: (row: R) => string;
  align: 'left' | 'right';
  /** Higher stays longer; Infinity never goes. */
  priority: number;
  wideOnly?: boolean;
}

const SEPARATOR = '  ';

function layout<R>(columns: readonly Column<R>[], rows: readonly R[]): { widths: number[]; cells: string[][] } {
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const widths = columns.map((c, i) =>
    Math.max(c.header[0].length, c.header[1].length, ...cells.map((row) => row[i]!.length)),
  );
  return { widths, cells };
}

const tableWidth = (widths: readonly number[]): number =>
  widths.reduce((sum, w) => sum + w, 0) + SEPARATOR.length * Math.max(0, widths.length - 1);

/** Renders the columns that fit; returns the text and the names of the columns left out. */
export function renderTable<R>(
  allColumns: readonly Column<R>[],
  rows: readonly R[],
  options: RenderOptions = {},
): { text: string; hidden: string[] } {
  let columns = allColumns.filter((c) => options.wide || !c.wideOnly);
  const hidden = allColumns.filter((c) => !columns.includes(c)).map((c) => c.header.join(' ').trim());
  const maxWidth = options.maxWidth ?? DEFAULT_TABLE_WIDTH;
  let { widths, cells } = layout(columns, rows);
  while (!options.wide && tableWidth(widths) > maxWidth) {
    const droppable = columns.filter((c) => Number.isFinite(c.priority));
    if (droppable.length === 0) break;
    const drop = droppable.reduce((low, c) => (c.priority < low.priority ? c : low));
    hidden.push(drop.header.join(' ').trim());
    columns = columns.filter((c) => c !== drop);
    ({ widths, cells } = layout(columns, rows));
  }
  const line = (texts: readonly string[]): string =>
    texts
      .map((t, i) => (columns[i]!.align === 'left' ? t.padEnd(widths[i]!) : t.padStart(widths[i]!)))
      .join(SEPARATOR)
      .trimEnd();
  const text = [
    line(columns.map((c) => c.header[0])),
    line(columns.map((c) => c.header[1])),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
  return { text, hidden };
}

/**
 * Wraps a prose line at `width`, breaking after ", " or a space, with continuation lines indented
 * (the labels of the header block are 10 characters: "Market    ").
 */
export function wrapLine(text: string, width = DEFAULT_TABLE_WIDTH, indent = 10): string {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const window = rest.slice(0, width + 1);
    const comma = window.lastIndexOf(', ') + 1;
    // After a comma where that keeps the line at least half full, else after a space.
    const at = comma > width / 2 ? comma : window.lastIndexOf(' ');
    if (at <= indent) break;
    out.push(rest.slice(0, at).trimEnd());
    rest = `${' '.repeat(indent)}${rest.slice(at).trimStart()}`;
  }
  out.push(rest);
  return out.join('\n');
}

const btc = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(value >= 1 ? 4 : 6));

/** A row of the machines table: a model line, or the fleet total. */
interface MachineRow {
  name: string;
  count: number;
  /** Per machine; null on the fleet row (it mixes models). */
  hashrateThsEach: number | null;
  hashrateThsTotal: number;
  efficiencyJPerTh: number;
  economics: Economics;
}

export const MACHINE_COLUMNS: readonly Column<MachineRow>[] = [
  { header: ['machine', ''], cell: (r) => r.name, align: 'left', priority: Infinity },
  { header: ['count', ''], cell: (r) => formatNumber(r.count), align: 'right', priority: Infinity },
  {
    header: ['TH/s', 'each'],
    cell: (r) => (r.hashrateThsEach === null ? '' : formatNumber(r.hashrateThsEach, 1)),
    align: 'right',
    priority: 1,
    wideOnly: true,
  },
  { header: ['TH/s', 'total'], cell: (r) => formatNumber(r.hashrateThsTotal, 1), align: 'right', priority: 60 },
  { header: ['J/TH', ''], cell: (r) => formatNumber(r.efficiencyJPerTh, 1), align: 'right', priority: 50 },
  { header: ['BTC', 'per day'], cell: (r) => btc(r.economics.revenueBtcPerDay), align: 'right', priority: 40 },
  { header: ['revenue', '$/day'], cell: (r) => usd(r.economics.revenueUsdPerDay), align: 'right', priority: Infinity },
  { header: ['power', '$/day'], cell: (r) => usd(r.economics.powerCostUsdPerDay), align: 'right', priority: Infinity },
  {
    header: ['hosting', '$/day'],
    cell: (r) => usd(r.economics.hostingOpexUsdPerDay),
    align: 'right',
    priority: Infinity,
  },
  { header: ['profit', '$/day'], cell: (r) => usd(r.economics.profitUsdPerDay), align: 'right', priority: Infinity },
  { header: ['margin', ''], cell: (r) => `${r.economics.marginPct.toFixed(1)}%`, align: 'right', priority: 30 },
  {
    header: ['break-even', 'c/kWh'],
    cell: (r) => cents(r.economics.breakEvenPowerPriceUsdPerKwh),
    align: 'right',
    priority: 45,
  },
  {
    header: ['break-even', 'BTC $'],
    cell: (r) => usd(r.economics.breakEvenBtcPriceUsd, 0),
    align: 'right',
    priority: 20,
    wideOnly: true,
  },
  {
    header: ['strike', '$/PH/day'],
    cell: (r) => usd(r.economics.curtailmentStrikeUsdPerPhDay),
    align: 'right',
    priority: 10,
    wideOnly: true,
  },
  {
    header: ['payback', 'days'],
    cell: (r) => days(r.economics.paybackDays),
    align: 'right',
    priority: 15,
    wideOnly: true,
  },
];

function describeMarket(r: CalculatorResponse): string {
  const m = r.market;
  const parts: string[] = [];
  if (m.btcPriceUsd !== null) parts.push(`BTC ${usd(m.btcPriceUsd, 0)} (${m.sources.btcPriceUsd})`);
  if (m.difficulty !== null) parts.push(`difficulty ${(m.difficulty / 1e12).toFixed(2)} T (${m.sources.difficulty})`);
  if (m.feesBtcPerBlock !== null)
    parts.push(`fees ${m.feesBtcPerBlock.toFixed(4)} BTC/block (${m.sources.feesBtcPerBlock})`);
  if (m.tipHeight !== null && m.subsidyBtc !== null)
    parts.push(
      `height ${formatNumber(m.tipHeight)}${m.sources.tipHeight === 'estimated' ? ' (estimated)' : ''}, subsidy ${m.subsidyBtc} BTC`,
    );
  const snapshot = m.snapshot ? `, snapshot of ${m.snapshot.observedAt}` : '';
  const lines = [
    `Hashprice ${usd(m.hashpriceUsdPerPhDay)}/PH/day, ${usd(perPhToPerTh(m.hashpriceUsdPerPhDay), 4)}/TH/day (${m.sources.hashpriceUsdPerPhDay}${snapshot})`,
  ];
  if (parts.length) lines.push(`Market    ${parts.join(', ')}`);
  if (m.tipHeightBasis) lines.push(`Height    estimated from ${m.tipHeightBasis}: it sets the subsidy`);
  return lines.map((l) => wrapLine(l)).join('\n');
}

/** The answer's figures in the request's currency, when it asked for one other than USD. */
function describeInCurrency(c: InCurrency): string {
  const money = (value: number | null, digits = 2): string =>
    value === null ? 'n/a' : formatMoney(value, c.currency, digits);
  const f = c.fleet;
  return [
    `In ${c.currency}    hashprice ${money(c.hashpricePerPhDay)}/PH/day, ${money(c.hashpricePerThDay, 4)}/TH/day; power ${formatPowerPrice(c.powerPricePerKwh, c.currency)}; ` +
      `rate ${c.perUsd.toPrecision(6)} ${c.currency}/USD (mempool, snapshot ${c.asOf ?? 'n/a'})`,
    `          fleet revenue ${money(f.revenuePerDay)}/day, power ${money(f.powerCostPerDay)}/day, profit ${money(f.profitPerDay)}/day` +
      (f.profitAfterOverheadPerDay !== f.profitPerDay
        ? ` (${money(f.profitAfterOverheadPerDay)}/day after overheads), `
        : ', ') +
      `break-even ${formatPowerPrice(f.breakEvenPowerPricePerKwh, c.currency)}, all-in ${money(f.costToProduceBtc.allIn, 0)}/BTC`,
  ].join('\n');
}

type ScenarioRow = ScenarioDayRow | ScenarioEpochRow;

const DAY_COLUMNS: readonly Column<ScenarioDayRow>[] = [
  { header: ['day', ''], cell: (d) => String(d.day), align: 'left', priority: Infinity },
  { header: ['date', ''], cell: (d) => d.date, align: 'left', priority: Infinity },
  { header: ['difficulty', 'T'], cell: (d) => (d.difficultyAtStart / 1e12).toFixed(2), align: 'right', priority: 40 },
  { header: ['subsidy', 'BTC'], cell: (d) => String(d.subsidyBtcAtStart), align: 'right', priority: 30 },
  { header: ['BTC', '$'], cell: (d) => usd(d.btcPriceUsd, 0), align: 'right', priority: 50 },
  { header: ['hashprice', '$/PH/day'], cell: (d) => usd(d.hashpriceUsdPerPhDay), align: 'right', priority: 60 },
  { header: ['revenue', '$/day'], cell: (d) => usd(d.revenueUsdPerDay), align: 'right', priority: 5, wideOnly: true },
  { header: ['power', '$/day'], cell: (d) => usd(d.powerCostUsdPerDay), align: 'right', priority: 5, wideOnly: true },
  {
    header: ['hosting', '$/day'],
    cell: (d) => usd(d.hostingOpexUsdPerDay),
    align: 'right',
    priority: 5,
    wideOnly: true,
  },
  { header: ['profit', '$/day'], cell: (d) => usd(d.profitUsdPerDay), align: 'right', priority: Infinity },
  { header: ['cumulative', '$'], cell: (d) => usd(d.cumulativeProfitUsd, 0), align: 'right', priority: Infinity },
];

const EPOCH_COLUMNS: readonly Column<ScenarioEpochRow>[] = [
  { header: ['epoch', ''], cell: (e) => String(e.epoch), align: 'left', priority: Infinity },
  { header: ['from', ''], cell: (e) => e.startDate, align: 'left', priority: Infinity },
  { header: ['days', ''], cell: (e) => String(e.days), align: 'right', priority: Infinity },
  { header: ['difficulty', 'T'], cell: (e) => (e.difficultyAtStart / 1e12).toFixed(2), align: 'right', priority: 40 },
  { header: ['subsidy', 'BTC'], cell: (e) => String(e.subsidyBtcAtStart), align: 'right', priority: 30 },
  { header: ['BTC', 'mean $'], cell: (e) => usd(e.meanBtcPriceUsd, 0), align: 'right', priority: 50 },
  { header: ['hashprice', '$/PH/day'], cell: (e) => usd(e.meanHashpriceUsdPerPhDay), align: 'right', priority: 60 },
  { header: ['revenue', '$'], cell: (e) => usd(e.revenueUsd, 0), align: 'right', priority: 5, wideOnly: true },
  { header: ['power', '$'], cell: (e) => usd(e.powerCostUsd, 0), align: 'right', priority: 5, wideOnly: true },
  { header: ['hosting', '$'], cell: (e) => usd(e.hostingOpexUsd, 0), align: 'right', priority: 5, wideOnly: true },
  { header: ['profit', '$'], cell: (e) => usd(e.profitUsd, 0), align: 'right', priority: Infinity },
  { header: ['cumulative', '$'], cell: (e) => usd(e.cumulativeProfitUsd, 0), align: 'right', priority: Infinity },
];

const pct = (fraction: number): string => `${(fraction * 100).toFixed(0)}%`;
const band = (low: number | undefined, high: number | undefined, cell: (v: number) => string): string =>
  low === undefined || high === undefined ? '' : `${cell(low)}..${cell(high)}`;

/** The closed-loop projection's rows: p50 figures, and with Monte Carlo the p10..p90 range of the key ones. */
const PROJECTED_COLUMNS: readonly Column<ProjectedDayRow>[] = [
  { header: ['day', ''], cell: (d) => String(d.day), align: 'left', priority: Infinity },
  { header: ['date', ''], cell: (d) => d.date, align: 'left', priority: Infinity },
  { header: ['difficulty', 'T'], cell: (d) => (d.difficultyAtStart / 1e12).toFixed(2), align: 'right', priority: 40 },
  { header: ['hashrate', 'EH/s'], cell: (d) => d.hashrateEhs.toFixed(0), align: 'right', priority: 45 },
  {
    header: ['network', 'negative'],
    cell: (d) => `${d.fleetShareNegativePct.toFixed(1)}%`,
    align: 'right',
    priority: 35,
  },
  { header: ['BTC', '$'], cell: (d) => usd(d.btcPriceUsd, 0), align: 'right', priority: 50 },
  { header: ['hashprice', '$/PH/day'], cell: (d) => usd(d.hashpriceUsdPerPhDay), align: 'right', priority: Infinity },
  {
    header: ['hashprice', 'p10..p90'],
    cell: (d) => band(d.hashpriceUsdPerPhDayP10, d.hashpriceUsdPerPhDayP90, (v) => v.toFixed(2)),
    align: 'right',
    priority: 55,
  },
  { header: ['profit', '$/day'], cell: (d) => usd(d.profitUsdPerDay), align: 'right', priority: Infinity },
  { header: ['cumulative', '$'], cell: (d) => usd(d.cumulativeProfitUsd, 0), align: 'right', priority: Infinity },
  {
    header: ['cumulative', 'p10..p90 $'],
    cell: (d) => band(d.cumulativeProfitUsdP10, d.cumulativeProfitUsdP90, (v) => Math.round(v).toLocaleString('en-US')),
    align: 'right',
    priority: 5,
    wideOnly: true,
  },
];

/** The closed-loop projection's header lines: the model, the fleet's odds of losing cash and of recovery. */
function describeProjection(s: ProjectedScenarioResult): string[] {
  const a = s.assumptions;
  const p = s.projection;
  const lines = [
    `Scenario  ${s.startDate} to ${s.endDate} (${s.horizonDays} days), difficulty: fleet response (responsive ${pct(a.responsiveFraction)}, lag ${a.lagDays} days, supply ${a.supplyGrowthPctPerYear >= 0 ? '+' : ''}${a.supplyGrowthPctPerYear.toFixed(1)}%/year, start ${a.startHashrateEhs.toFixed(0)} EH/s from the ${a.start}), BTC price ${describePath(a.btcPricePath)}`,
  ];
  const months = p.fleetNegativeProbabilityByMonth;
  const shown = months.slice(0, 12).map((m) => `${m.startDate.slice(0, 7)} ${pct(m.probability)}`);
  lines.push(
    `Fleet     cash-negative (hashprice under ${usd(p.fleetCashBreakEvenHashpriceUsdPerPhDay)}/PH/day) on some day: ${pct(p.fleetNegativeProbabilityWithinHorizon)} of ${p.paths} path${p.paths > 1 ? 's' : ''} within the horizon; by month ${shown.join(', ')}${months.length > 12 ? ', ...' : ''}`,
  );
  const r = p.recovery;
  lines.push(
    `Recovery  hashprice at or above ${usd(r.levelUsdPerPhDay)}/PH/day within the horizon on ${pct(r.probabilityWithinHorizon)} of paths; median date ${r.medianDate ?? 'not within the horizon'}`,
  );
  return lines.map((l) => wrapLine(l));
}

/** The machines (or machine-days) a curtailing scenario switched off, a column added only then. */
const offColumn = <R>(unit: string, value: (row: R) => number | undefined): Column<R> => ({
  header: ['off', unit],
  cell: (row) => formatNumber(value(row) ?? 0),
  align: 'right',
  priority: 55,
});

function scenarioTable(
  rows: readonly ScenarioRow[],
  options: RenderOptions,
): { text: string; hidden: string[]; note: string } {
  if (rows.length > 0 && 'epoch' in rows[0]!) {
    const epochs = rows as ScenarioEpochRow[];
    // The machine-days switched off, only when the scenario switches lines off.
    const columns = epochs.some((e) => e.machineDaysOff !== undefined)
      ? [...EPOCH_COLUMNS, offColumn<ScenarioEpochRow>('machine-days', (e) => e.machineDaysOff)]
      : EPOCH_COLUMNS;
    return { ...renderTable(columns, epochs, options), note: '' };
  }
  const all = rows as ScenarioDayRow[];
  // Every 30th day and the last: a 5-year daily projection stays readable; --json has every day.
  const shown = all.filter((d, i) => d.day % 30 === 0 || i === all.length - 1);
  const columns = all.some((d) => d.machinesOff !== undefined)
    ? [...DAY_COLUMNS, offColumn<ScenarioDayRow>('machines', (d) => d.machinesOff)]
    : DAY_COLUMNS;
  return {
    ...renderTable(columns, shown, options),
    note: shown.length < all.length ? `(every 30th day of ${all.length} shown; --json prints them all)` : '',
  };
}

/**
 * The scenario's totals in whole dollars, so that the line adds up as printed: profit is revenue
 * minus power minus hosting of the rounded figures (within a dollar of the rounded exact profit).
 */
export function scenarioTotalsLine(totals: {
  revenueUsd: number;
  powerCostUsd: number;
  hostingOpexUsd: number;
  profitUsd: number;
}): string {
  const revenue = Math.round(totals.revenueUsd);
  const power = Math.round(totals.powerCostUsd);
  const hosting = Math.round(totals.hostingOpexUsd);
  return `revenue ${usd(revenue, 0)} - power ${usd(power, 0)} - hosting ${usd(hosting, 0)} = profit ${usd(revenue - power - hosting, 0)}`;
}

const hiddenNote = (hidden: readonly string[]): string[] =>
  hidden.length > 0 ? [`(--wide adds: ${hidden.join(', ')})`] : [];

export function renderResponse(r: CalculatorResponse, options: RenderOptions = {}): string {
  const t = r.terms;
  const out: string[] = [];
  out.push(describeMarket(r));
  if (r.inCurrency) out.push(describeInCurrency(r.inCurrency));
  out.push(
    wrapLine(
      `Terms     power $${t.powerPriceUsdPerKwh}/kWh, pool fee ${t.poolFeePct}%, uptime ${t.uptimePct}%, hosting ${usd(t.hostingOpexUsdPerMachinePerDay)}/machine/day, life ${t.usefulLifeYears} y`,
    ),
  );
  out.push('');
  const rows: MachineRow[] = r.machines.map((m) => ({
    name: m.model,
    count: m.count,
    hashrateThsEach: m.hashrateThs,
    hashrateThsTotal: m.hashrateThs * m.count,
    efficiencyJPerTh: m.efficiencyJPerTh,
    economics: m.line,
  }));
  rows.push({
    name: 'Fleet',
    count: r.fleet.machineCount,
    hashrateThsEach: null,
    hashrateThsTotal: r.fleet.hashrateThs,
    efficiencyJPerTh: r.fleet.efficiencyJPerTh,
    economics: r.fleet,
  });
  const machines = renderTable(MACHINE_COLUMNS, rows, options);
  out.push(machines.text);
  out.push(...hiddenNote(machines.hidden));
  out.push('');
  if (r.fleet.overheadUsdPerDay > 0)
    out.push(
      wrapLine(
        `Overheads ${usd(r.fleet.overheadUsdPerDay)}/day: fleet profit after them ${usd(r.fleet.profitAfterOverheadUsdPerDay)}/day, payback ${r.fleet.capexUsd === 0 ? 'n/a (no capex given)' : r.fleet.paybackAfterOverheadDays === null ? 'never' : `${days(r.fleet.paybackAfterOverheadDays)} days`} (the table's profit and payback are before overheads)`,
      ),
    );
  const c = r.fleet.costToProduceBtc;
  out.push(
    `Cost to produce 1 BTC (fleet): energy ${usd(c.energyUsdPerBtc, 0)}, cash ${usd(c.cashUsdPerBtc, 0)}, all-in ${usd(c.allInUsdPerBtc, 0)}`,
  );
  for (const m of r.machines)
    if (m.specUnconfirmed)
      out.push(
        wrapLine(
          `  note: ${m.model}: catalog ${m.specUnconfirmed} unconfirmed (no stored maker page read)`,
          undefined,
          8,
        ),
      );
  const bench = r.industryCashCostUsdPerBtc;
  out.push(
    wrapLine(
      `  compare your cash cost with ${usd(bench.value, 0)}: ${bench.label} (source dated ${bench.sourceDate})`,
      undefined,
      4,
    ),
  );
  if (r.siteEconomics)
    out.push(
      ...renderSiteEconomics(
        r.siteEconomics,
        r.siteEconomics.siteMwSource !== 'machines' || r.siteEconomics.comparison !== null,
      ).map((l) => wrapLine(l, undefined, 10)),
    );
  if (r.scenario && 'projection' in r.scenario) {
    const s = r.scenario;
    out.push('');
    out.push(...describeProjection(s));
    for (const h of s.halvings)
      out.push(`Halving   height ${formatNumber(h.height)} about ${h.date}: subsidy ${h.subsidyAfterBtc} BTC`);
    out.push(...scenarioOutcome(s, r.fleet.capexUsd, r.fleet.overheadUsdPerDay));
    const shown = s.rows.filter((d, i) => d.day % 30 === 0 || i === s.rows.length - 1);
    const bands = s.projection.paths > 1;
    // One fixed price path has no band: its p10..p90 columns would stay empty.
    const columns = bands ? PROJECTED_COLUMNS : PROJECTED_COLUMNS.filter((c) => !c.header[1].startsWith('p10'));
    const rendered = renderTable(columns, shown, options);
    out.push(rendered.text);
    out.push(...hiddenNote(rendered.hidden));
    if (shown.length < s.rows.length)
      out.push(
        bands
          ? `(figures are the p50 across paths; every 30th day of ${s.rows.length} shown; --json prints them all with p10/p90)`
          : `(every 30th day of ${s.rows.length} shown; --json prints them all)`,
      );
  } else if (r.scenario) {
    const s = r.scenario;
    out.push('');
    out.push(
      `Scenario  ${s.startDate} to ${s.endDate} (${s.horizonDays} days), difficulty ${s.assumptions.difficultyGrowthPctPerEpoch >= 0 ? '+' : ''}${s.assumptions.difficultyGrowthPctPerEpoch}% per epoch, BTC price ${describePath(s.assumptions.btcPricePath)}`,
    );
    for (const h of s.halvings)
      out.push(`Halving   height ${formatNumber(h.height)} about ${h.date}: subsidy ${h.subsidyAfterBtc} BTC`);
    out.push(...scenarioOutcome(s, r.fleet.capexUsd, r.fleet.overheadUsdPerDay));
    if (s.curtailment) out.push(...curtailmentLines(s.curtailment, r.machines), '');
    const rendered = scenarioTable(s.rows, options);
    out.push(rendered.text);
    out.push(...hiddenNote(rendered.hidden));
    if (rendered.note) out.push(rendered.note);
  }
  return out.join('\n');
}

/** When the fleet turns unprofitable, the totals and the payback, then a blank line. */
function scenarioOutcome(
  s: ScenarioResult | ProjectedScenarioResult,
  capexUsd: number,
  overheadUsdPerDay: number,
): string[] {
  // The projection's profit is revenue less power and hosting: overheads are not in it.
  const basis = overheadUsdPerDay > 0 ? ` (before overheads of ${usd(overheadUsdPerDay)}/day)` : '';
  return [
    s.fleetUnprofitableFrom
      ? `Fleet turns unprofitable on ${s.fleetUnprofitableFrom.date} (day ${s.fleetUnprofitableFrom.day}, hashprice ${usd(s.fleetUnprofitableFrom.hashpriceUsdPerPhDay)}/PH/day)`
      : 'Fleet stays profitable over the whole horizon',
    wrapLine(
      `Total     ${scenarioTotalsLine(s.totals)}; payback ${capexUsd === 0 ? 'n/a (no capex given)' : (s.paybackDate ?? 'not within the horizon')}${basis}`,
    ),
    '',
  ];
}

/** Per machine line, the days it was switched off for losing money on power. */
function curtailmentLines(
  curtailment: NonNullable<ScenarioResult['curtailment']>,
  machines: readonly { model: string; count: number }[],
): string[] {
  return curtailment.lines.map((line, i) =>
    wrapLine(
      `Curtailed ${machines[i]!.model} x${machines[i]!.count}: ${line.daysOff === 0 ? 'ran every day' : `off ${line.daysOff} day${line.daysOff === 1 ? '' : 's'} (revenue below its power cost), first on ${line.firstDayOff}`}`,
    ),
  );
}

function describePath(
  path: CalculatorResponse['scenario'] extends infer S
    ? S extends { assumptions: { btcPricePath: infer P } }
      ? P
      : never
    : never,
): string {
  switch (path.type) {
    case 'constant':
      return 'constant';
    case 'growth':
      return `${path.pctPerMonth >= 0 ? '+' : ''}${path.pctPerMonth}% per month`;
    case 'list':
      return `a list of ${path.btcPriceUsdByMonth.length} monthly prices`;
    case 'realized':
      return 'realized (the bundled history)';
    case 'monteCarlo':
      return path.annualVolatilityPct !== undefined
        ? `Monte Carlo, ${path.paths} lognormal paths (volatility ${path.annualVolatilityPct}%/year, drift ${path.annualDriftPct ?? 0}%/year, seed ${path.seed})`
        : `Monte Carlo, ${path.paths} paths bootstrapped from ${path.bootstrapWindowDays} days of history (seed ${path.seed})`;
  }
}

export function renderError(e: CalculatorError): string {
  const lines = [`Error ${e.error.code}: ${e.error.message}`];
  for (const issue of e.error.issues) lines.push(`  - ${issue.field || '(request)'}: ${issue.problem}`);
  return lines.join('\n');
}

/**
 * The CLI's readable rendering of a calculator answer: fixed-width tables for machines, fleet and
 * scenario, money rounded only here, at the edge. `--json` bypasses this and prints the raw answer.
 */
import { formatMoney, formatPowerPrice } from '../domain/money';
import { perPhToPerTh } from '../domain/units';
import type { InCurrency } from './price';
import type { CalculatorError } from './errors';
import type { CalculatorResponse, Economics } from './price';
import type { ScenarioDayRow, ScenarioEpochRow } from './scenario';

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

function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function economicsCells(e: Economics): string[] {
  return [
    usd(e.revenueUsdPerDay),
    usd(e.powerCostUsdPerDay),
    usd(e.hostingOpexUsdPerDay),
    usd(e.profitUsdPerDay),
    `${e.marginPct.toFixed(1)}%`,
    cents(e.breakEvenPowerPriceUsdPerKwh),
    usd(e.breakEvenBtcPriceUsd, 0),
    usd(e.curtailmentStrikeUsdPerPhDay),
    days(e.paybackDays),
  ];
}

const ECONOMICS_HEADER = [
  'revenue $/day',
  'power $/day',
  'hosting $/day',
  'profit $/day',
  'margin',
  'break-even c/kWh',
  'break-even BTC $',
  'strike $/PH/day',
  'payback days',
];

function describeMarket(r: CalculatorResponse): string {
  const m = r.market;
  const parts: string[] = [];
  if (m.btcPriceUsd !== null) parts.push(`BTC ${usd(m.btcPriceUsd, 0)} (${m.sources.btcPriceUsd})`);
  if (m.difficulty !== null) parts.push(`difficulty ${(m.difficulty / 1e12).toFixed(2)} T (${m.sources.difficulty})`);
  if (m.feesBtcPerBlock !== null)
    parts.push(`fees ${m.feesBtcPerBlock.toFixed(4)} BTC/block (${m.sources.feesBtcPerBlock})`);
  if (m.tipHeight !== null && m.subsidyBtc !== null)
    parts.push(`height ${formatNumber(m.tipHeight)}, subsidy ${m.subsidyBtc} BTC`);
  const snapshot = m.snapshot ? `, snapshot of ${m.snapshot.observedAt}` : '';
  return `Hashprice ${usd(m.hashpriceUsdPerPhDay)}/PH/day, ${usd(perPhToPerTh(m.hashpriceUsdPerPhDay), 4)}/TH/day (${m.sources.hashpriceUsdPerPhDay}${snapshot})${parts.length ? `\nMarket    ${parts.join(', ')}` : ''}`;
}

/** The answer's figures in the request's currency, when it asked for one other than USD. */
function describeInCurrency(c: InCurrency): string {
  const money = (value: number | null, digits = 2): string =>
    value === null ? 'n/a' : formatMoney(value, c.currency, digits);
  const f = c.fleet;
  return [
    `In ${c.currency}    hashprice ${money(c.hashpricePerPhDay)}/PH/day, ${money(c.hashpricePerThDay, 4)}/TH/day; power ${formatPowerPrice(c.powerPricePerKwh, c.currency)}; ` +
      `rate ${c.perUsd.toPrecision(6)} ${c.currency}/USD (mempool, snapshot ${c.asOf ?? 'n/a'})`,
    `          fleet revenue ${money(f.revenuePerDay)}/day, power ${money(f.powerCostPerDay)}/day, profit ${money(f.profitPerDay)}/day, ` +
      `break-even ${formatPowerPrice(f.breakEvenPowerPricePerKwh, c.currency)}, all-in ${money(f.costToProduceBtc.allIn, 0)}/BTC`,
  ].join('\n');
}

function scenarioRows(rows: readonly (ScenarioDayRow | ScenarioEpochRow)[]): {
  header: string[];
  rows: string[][];
  note: string;
} {
  if (rows.length > 0 && 'epoch' in rows[0]!) {
    const epochs = rows as ScenarioEpochRow[];
    return {
      header: [
        'epoch',
        'from',
        'days',
        'difficulty T',
        'subsidy BTC',
        'BTC $',
        'hashprice $/PH/day',
        'profit $',
        'cumulative $',
      ],
      rows: epochs.map((e) => [
        String(e.epoch),
        e.startDate,
        String(e.days),
        (e.difficultyAtStart / 1e12).toFixed(2),
        String(e.subsidyBtcAtStart),
        usd(e.meanBtcPriceUsd, 0),
        usd(e.meanHashpriceUsdPerPhDay),
        usd(e.profitUsd, 0),
        usd(e.cumulativeProfitUsd, 0),
      ]),
      note: '',
    };
  }
  const all = rows as ScenarioDayRow[];
  // Every 30th day and the last: a 5-year daily projection stays readable; --json has every day.
  const shown = all.filter((d, i) => d.day % 30 === 0 || i === all.length - 1);
  return {
    header: [
      'day',
      'date',
      'difficulty T',
      'subsidy BTC',
      'BTC $',
      'hashprice $/PH/day',
      'profit $/day',
      'cumulative $',
    ],
    rows: shown.map((d) => [
      String(d.day),
      d.date,
      (d.difficultyAtStart / 1e12).toFixed(2),
      String(d.subsidyBtcAtStart),
      usd(d.btcPriceUsd, 0),
      usd(d.hashpriceUsdPerPhDay),
      usd(d.profitUsdPerDay),
      usd(d.cumulativeProfitUsd, 0),
    ]),
    note: shown.length < all.length ? `(every 30th day of ${all.length} shown; --json prints them all)` : '',
  };
}

export function renderResponse(r: CalculatorResponse): string {
  const t = r.terms;
  const out: string[] = [];
  out.push(describeMarket(r));
  if (r.inCurrency) out.push(describeInCurrency(r.inCurrency));
  out.push(
    `Terms     power $${t.powerPriceUsdPerKwh}/kWh, pool fee ${t.poolFeePct}%, uptime ${t.uptimePct}%, hosting ${usd(t.hostingOpexUsdPerMachinePerDay)}/machine/day, life ${t.usefulLifeYears} y`,
  );
  out.push('');
  const rows = r.machines.map((m) => [
    m.model,
    formatNumber(m.count),
    formatNumber(m.hashrateThs, 1),
    formatNumber(m.efficiencyJPerTh, 1),
    ...economicsCells(m.line),
  ]);
  rows.push([
    'Fleet',
    formatNumber(r.fleet.machineCount),
    formatNumber(r.fleet.hashrateThs, 1),
    formatNumber(r.fleet.efficiencyJPerTh, 1),
    ...economicsCells(r.fleet),
  ]);
  out.push(table(['machine', 'count', 'TH/s', 'J/TH', ...ECONOMICS_HEADER], rows));
  out.push('');
  const c = r.fleet.costToProduceBtc;
  out.push(
    `Cost to produce 1 BTC (fleet): energy ${usd(c.energyUsdPerBtc, 0)}, cash ${usd(c.cashUsdPerBtc, 0)}, all-in ${usd(c.allInUsdPerBtc, 0)}`,
  );
  for (const m of r.machines)
    if (m.specUnconfirmed)
      out.push(`  note: ${m.model}: catalog ${m.specUnconfirmed} unconfirmed (no stored maker page read)`);
  const bench = r.industryCashCostUsdPerBtc;
  out.push(`  compare your cash cost with: ${bench.label} ${usd(bench.value, 0)} (source dated ${bench.sourceDate})`);
  if (r.scenario) {
    const s = r.scenario;
    out.push('');
    out.push(
      `Scenario  ${s.startDate} to ${s.endDate} (${s.horizonDays} days), difficulty ${s.assumptions.difficultyGrowthPctPerEpoch >= 0 ? '+' : ''}${s.assumptions.difficultyGrowthPctPerEpoch}% per epoch, BTC price ${describePath(s.assumptions.btcPricePath)}`,
    );
    for (const h of s.halvings)
      out.push(`Halving   height ${formatNumber(h.height)} about ${h.date}: subsidy ${h.subsidyAfterBtc} BTC`);
    out.push(
      s.fleetUnprofitableFrom
        ? `Fleet turns unprofitable on ${s.fleetUnprofitableFrom.date} (day ${s.fleetUnprofitableFrom.day}, hashprice ${usd(s.fleetUnprofitableFrom.hashpriceUsdPerPhDay)}/PH/day)`
        : 'Fleet stays profitable over the whole horizon',
    );
    out.push(
      `Total     revenue ${usd(s.totals.revenueUsd, 0)}, power ${usd(s.totals.powerCostUsd, 0)}, profit ${usd(s.totals.profitUsd, 0)}; payback ${r.fleet.capexUsd === 0 ? 'n/a (no capex given)' : (s.paybackDate ?? 'not within the horizon')}`,
    );
    out.push('');
    const rendered = scenarioRows(s.rows);
    out.push(table(rendered.header, rendered.rows, 2));
    if (rendered.note) out.push(rendered.note);
  }
  return out.join('\n');
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
  }
}

export function renderError(e: CalculatorError): string {
  const lines = [`Error ${e.error.code}: ${e.error.message}`];
  for (const issue of e.error.issues) lines.push(`  - ${issue.field || '(request)'}: ${issue.problem}`);
  return lines.join('\n');
}

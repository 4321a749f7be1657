/**
 * The curtailment backtest: a price series (a reconstructed event, or a cache `npm run power --
 * fetch` filled) through the live decision (shared/domain/power/curtailmentReplay.ts) with the
 * bundled history's hashprice, twice: Hashwatch's strike that moves with hashprice, and a fixed
 * strike set at the series' first day (what a typed-in strike does). The hashprice in force during
 * a day is the previous day's realized hashprice (the last one closed: the backtest uses nothing a
 * live decision could not have known).
 */
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadMachineCatalog } from '../../shared/data/machineCatalog';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import { realizedHashpriceOfDay } from '../../shared/domain/hashprice';
import { efficiencyJPerTh } from '../../shared/domain/machineEconomics';
import { findMachineModel } from '../../shared/domain/machineLookup';
import type { CurtailmentPolicy } from '../../shared/domain/power/curtailmentDecision';
import {
  replayCurtailment,
  type CurtailmentReplay,
  type DecisionTiming,
  type SiteMachineClass,
} from '../../shared/domain/power/curtailmentReplay';
import { isKnownBeforeInterval, type IntervalPrice } from '../../shared/domain/power/intervalPrice';
import { powerEventPrices, type PowerEvent } from '../../shared/data/powerEvents';
import { isoDateOfMs, MS_PER_DAY } from '../../shared/domain/units';

export interface FleetEntry {
  model: string;
  count: number;
}

/** The example site when none is given: 1,000 older and 1,000 newer machines. */
export const DEFAULT_BACKTEST_FLEET: readonly FleetEntry[] = [
  { model: 'Antminer S19j Pro', count: 1000 },
  { model: 'Antminer S21', count: 1000 },
];

/** The example policy: a $10/MWh dead band, and an hour's minimum run and rest (docs/power-prices.md). */
export const DEFAULT_BACKTEST_POLICY: CurtailmentPolicy = {
  marginUsdPerMwh: 10,
  minRunMs: 60 * 60_000,
  minCurtailMs: 60 * 60_000,
};

export const BACKTEST_POOL_FEE_FRACTION = 0.02;

/** One class per model: the site's hashrate of it and its nameplate efficiency. */
export function siteClasses(fleet: readonly FleetEntry[]): SiteMachineClass[] {
  const catalog = loadMachineCatalog();
  return fleet.map(({ model, count }) => {
    const found = findMachineModel(catalog, model);
    if (!found.ok) throw new Error(`${found.error.message}`);
    return {
      name: found.machine.model,
      efficiencyJPerTh: efficiencyJPerTh(found.machine),
      hashrateThs: found.machine.hashrateThs * count,
    };
  });
}

/** The realized hashprice of the last day closed before each instant, USD/PH/day. */
export function previousDayHashprice(
  daily: readonly DailyNetwork[] = loadDailyHistory(),
): (ms: number) => number | undefined {
  const byDate = new Map<string, number>();
  for (const day of daily) {
    const hashprice = realizedHashpriceOfDay(day);
    if (hashprice) byDate.set(day.date, hashprice.usdPerPhDay);
  }
  return (ms) => byDate.get(isoDateOfMs(ms - MS_PER_DAY));
}

export interface BacktestRun {
  dynamic: CurtailmentReplay;
  fixed: CurtailmentReplay;
  fixedHashpriceUsdPerPhDay: number;
}

export function runCurtailmentBacktest(input: {
  site: string;
  prices: readonly IntervalPrice[];
  classes: readonly SiteMachineClass[];
  policy?: CurtailmentPolicy;
  timing: DecisionTiming;
  hashpriceAt?: (ms: number) => number | undefined;
}): BacktestRun {
  const hashpriceAt = input.hashpriceAt ?? previousDayHashprice();
  const first = input.prices[0];
  if (!first) throw new Error('the series holds no price');
  const fixedHashpriceUsdPerPhDay = hashpriceAt(Date.parse(first.startIso));
  if (fixedHashpriceUsdPerPhDay === undefined)
    throw new Error(`no hashprice in the bundled history for the day before ${first.startIso.slice(0, 10)}`);
  const common = {
    site: input.site,
    prices: input.prices,
    hashpriceAt,
    classes: input.classes,
    poolFeeFraction: BACKTEST_POOL_FEE_FRACTION,
    policy: input.policy ?? DEFAULT_BACKTEST_POLICY,
    timing: input.timing,
  };
  return {
    dynamic: replayCurtailment({ ...common, strike: { kind: 'dynamic' } }),
    fixed: replayCurtailment({ ...common, strike: { kind: 'fixed', hashpriceUsdPerPhDay: fixedHashpriceUsdPerPhDay } }),
    fixedHashpriceUsdPerPhDay,
  };
}

const usd = (value: number): string =>
  `${value < 0 ? '-' : ''}$${Math.abs(value).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/** The timeline and the savings, as the CLI prints them. */
export function formatCurtailmentBacktest(run: BacktestRun, classes: readonly SiteMachineClass[]): string {
  const lines: string[] = [];
  lines.push(
    `Site: ${classes.map((c) => `${c.name} (${(c.hashrateThs / 1000).toLocaleString('en-US')} PH/s, ${c.efficiencyJPerTh.toFixed(1)} J/TH)`).join(', ')}`,
  );
  lines.push('', 'Timeline (strike moving with hashprice):');
  for (const t of run.dynamic.transitions)
    lines.push(
      `  ${t.effectiveIso.slice(0, 16).replace('T', ' ')}Z  ${t.mode === 'curtail' ? 'curtail' : 'resume '}  ${t.machineClass}  (price $${t.priceUsdPerMwh.toFixed(2)}/MWh, strike $${t.strikeUsdPerMwh.toFixed(2)}/MWh)`,
    );
  if (run.dynamic.transitions.length === 0) lines.push('  no curtailment');
  lines.push('', 'Savings per day (UTC) against running always:');
  lines.push(
    '  day         | curtailed class-h | energy not bought | revenue not mined | net        | net, fixed strike',
  );
  const fixedByDay = new Map(run.fixed.daily.map((d) => [d.period, d]));
  const days = [...new Set([...run.dynamic.daily.map((d) => d.period), ...fixedByDay.keys()])].sort();
  for (const day of days) {
    const d = run.dynamic.daily.find((x) => x.period === day);
    const f = fixedByDay.get(day);
    lines.push(
      `  ${day}  | ${(d?.curtailedClassHours ?? 0).toFixed(2).padStart(17)} | ${usd(d?.energyNotBoughtUsd ?? 0).padStart(17)} | ${usd(d?.revenueNotMinedUsd ?? 0).padStart(17)} | ${usd(d?.netUsd ?? 0).padStart(10)} | ${usd(f?.netUsd ?? 0).padStart(17)}`,
    );
  }
  lines.push(
    `  total       | ${run.dynamic.total.curtailedClassHours.toFixed(2).padStart(17)} | ${usd(run.dynamic.total.energyNotBoughtUsd).padStart(17)} | ${usd(run.dynamic.total.revenueNotMinedUsd).padStart(17)} | ${usd(run.dynamic.total.netUsd).padStart(10)} | ${usd(run.fixed.total.netUsd).padStart(17)}`,
  );
  lines.push(
    '',
    `Fixed strike: each class's break-even at $${run.fixedHashpriceUsdPerPhDay.toFixed(2)}/PH/day (the day before the series starts), held throughout.`,
  );
  if (run.dynamic.undecidedIntervals > 0)
    lines.push(`${run.dynamic.undecidedIntervals} interval(s) had no hashprice in the history: no decision on them.`);
  const uncounted = run.dynamic.uncounted;
  if (uncounted.uncountedCurtailedClassHours > 0 || uncounted.missingPriceHours > 0)
    lines.push(
      `Not counted: ${uncounted.uncountedCurtailedClassHours.toFixed(2)} curtailed class-hour(s) with no price or hashprice; ${uncounted.missingPriceHours.toFixed(2)} hour(s) of the series have no price.`,
    );
  return lines.join('\n');
}

/** Day-ahead and tariff prices are known before their interval; any other only after it. */
export function decisionTimingOf(prices: readonly IntervalPrice[]): DecisionTiming {
  return prices.every((p) => isKnownBeforeInterval(p.source)) ? 'same-interval' : 'next-interval';
}

/** What `npm run power -- backtest --event <id>` prints (docs quote it: local/backtest/docsBlocks.ts). */
export function reconstructedEventReport(
  event: PowerEvent,
  classes: readonly SiteMachineClass[] = siteClasses(DEFAULT_BACKTEST_FLEET),
  policy: CurtailmentPolicy = DEFAULT_BACKTEST_POLICY,
): string {
  const prices = powerEventPrices(event);
  const run = runCurtailmentBacktest({ site: event.id, prices, classes, policy, timing: decisionTimingOf(prices) });
  return [
    `${event.name}: ${event.location}, ${prices.length} intervals, RECONSTRUCTED from published figures (shared/data/powerEvents.json)`,
    formatCurtailmentBacktest(run, classes),
  ].join('\n');
}

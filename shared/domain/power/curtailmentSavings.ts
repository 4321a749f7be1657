/**
 * What curtailing saved, counted one way for the backtest and for the live timeline: given a site's
 * checked interval prices, the mode changes of its machine classes (curtailmentTimeline.ts, or a
 * replay's transitions), the classes, the hashprice in force at each instant and the pool fee,
 * the daily, monthly and total figures against running always, and what could not be counted.
 *
 * The mode in force for an interval, per class, is the last change whose effectiveIso is at or
 * before the interval's start (a class with none runs). Per interval and class curtailed
 * (curtailedIntervalSavings): energy not bought = MW x hours x price (a negative price makes it
 * negative: curtailing then gives up a payment), revenue not mined = hashprice / 1000 x TH/s x
 * (1 - pool fee) x the interval's share of a day; the net against running always is the first less
 * the second.
 *
 * Never counted as zero: a span of the window with no stored price is a gap (`priceGaps`,
 * `missingPriceHours`), and the class-hours curtailed in it are `uncountedCurtailedClassHours`; a
 * priced interval with a class curtailed but no hashprice known is an `uncountedIntervals`. A
 * running class saves and forgoes nothing, with or without a price, so only curtailed time can go
 * uncounted. Days and months are UTC.
 */
import { kwhPerThDay } from '../breakEven';
import { HOURS_PER_DAY, KWH_PER_MWH, MS_PER_DAY, TH_PER_PH } from '../units';
import type { MachineClass, Mode } from './curtailmentDecision';
import type { IntervalPrice } from './intervalPrice';

/** A machine class at the site: its efficiency and how much hashrate the site has of it. */
export interface SiteMachineClass extends MachineClass {
  hashrateThs: number;
}

export interface SavingsTotals {
  /** Class-hours spent curtailed and counted (one class curtailed for one hour = 1). */
  curtailedClassHours: number;
  energyNotBoughtMwh: number;
  energyNotBoughtUsd: number;
  revenueNotMinedUsd: number;
  /** Energy not bought less revenue not mined: what curtailing earned against running always. */
  netUsd: number;
}

export interface SavingsPeriod extends SavingsTotals {
  /** A UTC day (YYYY-MM-DD) or month (YYYY-MM). */
  period: string;
}

/** What could not be counted in a period (all zero: everything was). */
export interface Uncounted {
  /** Hours of the period with no stored price. */
  missingPriceHours: number;
  /** Class-hours curtailed with no price or no hashprice: their savings are unknown, not zero. */
  uncountedCurtailedClassHours: number;
  /** Priced intervals with a class curtailed and no hashprice known. */
  uncountedIntervals: number;
}

export interface CountedPeriod extends SavingsPeriod {
  uncounted: Uncounted;
}

export interface PriceGap {
  fromIso: string;
  toIso: string;
  hours: number;
}

/** The fields of a mode change the count reads (a ModeChange, or a replay's transition). */
export interface ModeChangeAt {
  machineClass: string;
  mode: Mode;
  effectiveIso: string;
}

export interface SavingsInput {
  /** Checked, sorted by start, not overlapping (powerPriceChecks.ts). */
  prices: readonly IntervalPrice[];
  /** The changes before the window (the mode in force when it opens) and within it, in any order. */
  changes: readonly ModeChangeAt[];
  classes: readonly SiteMachineClass[];
  /** The hashprice in force at an instant, USD/PH/day; undefined where none is known. */
  hashpriceAt: (ms: number) => number | undefined;
  poolFeeFraction: number;
  /** What to count, [fromIso, toIso); absent: from the first price's start to the last price's end. */
  window?: { fromIso: string; toIso: string } | undefined;
}

export interface CurtailmentSavings {
  /** Every UTC day and month the window touches, oldest first, zeros included. */
  daily: CountedPeriod[];
  monthly: CountedPeriod[];
  total: SavingsTotals & { uncounted: Uncounted };
  priceGaps: PriceGap[];
  /** Classes with changes but not among `classes` (retired from the config): their time is not counted. */
  unknownClasses: string[];
}

const HOUR_MS = 3_600_000;

export const emptyTotals = (): SavingsTotals => ({
  curtailedClassHours: 0,
  energyNotBoughtMwh: 0,
  energyNotBoughtUsd: 0,
  revenueNotMinedUsd: 0,
  netUsd: 0,
});

const emptyUncounted = (): Uncounted => ({
  missingPriceHours: 0,
  uncountedCurtailedClassHours: 0,
  uncountedIntervals: 0,
});

function add(into: SavingsTotals, from: SavingsTotals): void {
  into.curtailedClassHours += from.curtailedClassHours;
  into.energyNotBoughtMwh += from.energyNotBoughtMwh;
  into.energyNotBoughtUsd += from.energyNotBoughtUsd;
  into.revenueNotMinedUsd += from.revenueNotMinedUsd;
  into.netUsd += from.netUsd;
}

/** What curtailing one class for one interval saved and gave up. */
export function curtailedIntervalSavings(
  machineClass: SiteMachineClass,
  price: IntervalPrice,
  hashpriceUsdPerPhDay: number,
  poolFeeFraction: number,
): SavingsTotals {
  const hours = price.intervalMinutes / 60;
  const energyNotBoughtMwh =
    ((kwhPerThDay(machineClass.efficiencyJPerTh) * machineClass.hashrateThs) / HOURS_PER_DAY / KWH_PER_MWH) * hours;
  const energyNotBoughtUsd = energyNotBoughtMwh * price.usdPerMwh;
  const revenueNotMinedUsd =
    (hashpriceUsdPerPhDay / TH_PER_PH) * machineClass.hashrateThs * (1 - poolFeeFraction) * (hours / HOURS_PER_DAY);
  return {
    curtailedClassHours: hours,
    energyNotBoughtMwh,
    energyNotBoughtUsd,
    revenueNotMinedUsd,
    netUsd: energyNotBoughtUsd - revenueNotMinedUsd,
  };
}

/** Each class's changes as (ms, mode), oldest first; a later change at the same instant wins. */
function timelines(changes: readonly ModeChangeAt[]): Map<string, { ms: number; mode: Mode }[]> {
  const byClass = new Map<string, { ms: number; mode: Mode }[]>();
  for (const change of changes) {
    const ms = Date.parse(change.effectiveIso);
    if (!byClass.has(change.machineClass)) byClass.set(change.machineClass, []);
    byClass.get(change.machineClass)!.push({ ms, mode: change.mode });
  }
  // Stable: changes at the same instant keep the order given.
  for (const list of byClass.values()) list.sort((a, b) => a.ms - b.ms);
  return byClass;
}

function modeAt(list: readonly { ms: number; mode: Mode }[] | undefined, ms: number): Mode {
  let mode: Mode = 'run';
  for (const change of list ?? []) {
    if (change.ms > ms) break;
    mode = change.mode;
  }
  return mode;
}

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC days of [fromMs, toMs), oldest first. */
function daysOf(fromMs: number, toMs: number): string[] {
  const days: string[] = [];
  for (let ms = Math.floor(fromMs / MS_PER_DAY) * MS_PER_DAY; ms < toMs; ms += MS_PER_DAY) days.push(dayOf(ms));
  return days;
}

export function countCurtailmentSavings(input: SavingsInput): CurtailmentSavings {
  const first = input.prices[0];
  const last = input.prices.at(-1);
  const fromMs = input.window ? Date.parse(input.window.fromIso) : first ? Date.parse(first.startIso) : 0;
  const toMs = input.window ? Date.parse(input.window.toIso) : last ? Date.parse(last.endIso) : 0;
  const byName = new Map(input.classes.map((c) => [c.name, c]));
  const lines = timelines(input.changes);
  const unknownClasses = [...lines.keys()].filter((name) => !byName.has(name)).sort();

  const daily = new Map<string, CountedPeriod>();
  const monthly = new Map<string, CountedPeriod>();
  const period = (map: Map<string, CountedPeriod>, key: string): CountedPeriod => {
    let found = map.get(key);
    if (!found) {
      found = { period: key, ...emptyTotals(), uncounted: emptyUncounted() };
      map.set(key, found);
    }
    return found;
  };
  for (const day of daysOf(fromMs, toMs)) {
    period(daily, day);
    period(monthly, day.slice(0, 7));
  }
  const total = { ...emptyTotals(), uncounted: emptyUncounted() };
  const periodsAt = (ms: number) => {
    const day = dayOf(ms);
    return [period(daily, day), period(monthly, day.slice(0, 7)), total];
  };

  // Priced intervals starting in the window.
  const priceGaps: PriceGap[] = [];
  const gap = (gapFromMs: number, gapToMs: number) => {
    if (gapToMs <= gapFromMs) return;
    priceGaps.push({
      fromIso: new Date(gapFromMs).toISOString(),
      toIso: new Date(gapToMs).toISOString(),
      hours: (gapToMs - gapFromMs) / HOUR_MS,
    });
    countGap(gapFromMs, gapToMs);
  };
  /** Missing hours and curtailed class-hours of a gap, day by day and between the classes' changes. */
  const countGap = (gapFromMs: number, gapToMs: number) => {
    const cuts = new Set<number>([gapFromMs, gapToMs]);
    for (let ms = Math.ceil(gapFromMs / MS_PER_DAY) * MS_PER_DAY; ms < gapToMs; ms += MS_PER_DAY) cuts.add(ms);
    for (const list of lines.values())
      for (const change of list) if (change.ms > gapFromMs && change.ms < gapToMs) cuts.add(change.ms);
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i += 1) {
      const hours = (points[i + 1]! - points[i]!) / HOUR_MS;
      const curtailed = input.classes.filter((c) => modeAt(lines.get(c.name), points[i]!) === 'curtail').length;
      for (const p of periodsAt(points[i]!)) {
        p.uncounted.missingPriceHours += hours;
        p.uncounted.uncountedCurtailedClassHours += curtailed * hours;
      }
    }
  };

  let coveredUntilMs = fromMs;
  for (const price of input.prices) {
    const startMs = Date.parse(price.startIso);
    if (startMs >= toMs) continue;
    if (startMs < fromMs) {
      // Begun before the window: counted in the window before, but it covers the window's opening.
      coveredUntilMs = Math.max(coveredUntilMs, Math.min(Date.parse(price.endIso), toMs));
      continue;
    }
    gap(coveredUntilMs, startMs);
    coveredUntilMs = Math.max(coveredUntilMs, Math.min(Date.parse(price.endIso), toMs));
    const curtailed = input.classes.filter((c) => modeAt(lines.get(c.name), startMs) === 'curtail');
    if (curtailed.length === 0) continue;
    const hashprice = input.hashpriceAt(startMs);
    const into = periodsAt(startMs);
    if (hashprice === undefined) {
      for (const p of into) {
        p.uncounted.uncountedIntervals += 1;
        p.uncounted.uncountedCurtailedClassHours += curtailed.length * (price.intervalMinutes / 60);
      }
      continue;
    }
    for (const machineClass of curtailed) {
      const saved = curtailedIntervalSavings(machineClass, price, hashprice, input.poolFeeFraction);
      for (const p of into) add(p, saved);
    }
  }
  gap(coveredUntilMs, toMs);

  const sorted = (map: Map<string, CountedPeriod>): CountedPeriod[] =>
    [...map.values()].sort((a, b) => a.period.localeCompare(b.period));
  return { daily: sorted(daily), monthly: sorted(monthly), total, priceGaps, unknownClasses };
}

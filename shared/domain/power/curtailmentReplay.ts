/**
 * A site's curtailment over a price series, and what it saved: the same decision code a deployment
 * runs (curtailmentDecision.ts), stepped interval by interval with the class states carried, so a
 * backtest and the live decision cannot disagree. Two strikes: `dynamic`, the break-even of each
 * class at that day's hashprice (what Hashwatch does), and `fixed`, the strike at one hashprice
 * held for the whole run (what a fleet platform's typed-in strike does).
 *
 * When a decision takes effect: a real-time price is published after its interval ends, so a
 * decision on it can only change the next interval (`next-interval`); a day-ahead price or a tariff
 * is known before its interval starts (`same-interval`). The first real-time interval at the cap is
 * therefore always paid: the savings do not assume foresight.
 *
 * Per interval and class, curtailed: energy not bought = MW x hours x price (a negative price makes
 * it negative: curtailing then gives up a payment), revenue not mined = hashprice / 1000 x TH/s x
 * (1 - pool fee) x the interval's share of a day; the net against running always is the first less
 * the second.
 */
import { kwhPerThDay } from '../breakEven';
import { HOURS_PER_DAY, KWH_PER_MWH, TH_PER_PH } from '../units';
import {
  decideSite,
  strikeUsdPerMwh,
  type ClassState,
  type CurtailmentPolicy,
  type MachineClass,
  type Mode,
} from './curtailmentDecision';
import type { IntervalPrice } from './intervalPrice';

/** A machine class at the site: its efficiency and how much hashrate the site has of it. */
export interface SiteMachineClass extends MachineClass {
  hashrateThs: number;
}

export type StrikePolicy = { kind: 'dynamic' } | { kind: 'fixed'; hashpriceUsdPerPhDay: number };

export type DecisionTiming = 'next-interval' | 'same-interval';

export interface CurtailmentReplayInput {
  site: string;
  /** Checked and sorted (powerPriceChecks.ts). */
  prices: readonly IntervalPrice[];
  /** The hashprice in force at an instant, USD/PH/day; undefined where none is known (no decision then). */
  hashpriceAt: (ms: number) => number | undefined;
  classes: readonly SiteMachineClass[];
  poolFeeFraction: number;
  policy: CurtailmentPolicy;
  strike: StrikePolicy;
  timing: DecisionTiming;
}

export interface CurtailmentTransition {
  /** When the change takes effect (the start of the interval it first applies to). */
  effectiveIso: string;
  machineClass: string;
  mode: Mode;
  /** The price and strike that caused it. */
  priceUsdPerMwh: number;
  strikeUsdPerMwh: number;
}

export interface SavingsTotals {
  /** Class-hours spent curtailed (one class curtailed for one hour = 1). */
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

export interface CurtailmentReplay {
  transitions: CurtailmentTransition[];
  daily: SavingsPeriod[];
  monthly: SavingsPeriod[];
  total: SavingsTotals;
  /** Intervals with no hashprice: no decision was taken on them (the states stayed as they were). */
  undecidedIntervals: number;
}

const emptyTotals = (): SavingsTotals => ({
  curtailedClassHours: 0,
  energyNotBoughtMwh: 0,
  energyNotBoughtUsd: 0,
  revenueNotMinedUsd: 0,
  netUsd: 0,
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

export function replayCurtailment(input: CurtailmentReplayInput): CurtailmentReplay {
  // No prototype: a class named "__proto__" is a key like any other.
  const states: Record<string, ClassState> = Object.create(null) as Record<string, ClassState>;
  const transitions: CurtailmentTransition[] = [];
  const daily = new Map<string, SavingsTotals>();
  const monthly = new Map<string, SavingsTotals>();
  const total = emptyTotals();
  let undecidedIntervals = 0;
  // Modes in force for the interval being counted; decisions on interval i land in i (same) or i+1 (next).
  let inForce: Record<string, Mode> = {};
  const byName = new Map(input.classes.map((c) => [c.name, c]));

  input.prices.forEach((price, index) => {
    const startMs = Date.parse(price.startIso);
    const decideAtMs = input.timing === 'next-interval' ? Date.parse(price.endIso) : startMs;
    const dayHashprice = input.hashpriceAt(startMs);
    const hashprice = input.strike.kind === 'fixed' ? input.strike.hashpriceUsdPerPhDay : dayHashprice;
    const decision =
      hashprice === undefined
        ? undefined
        : decideSite({
            site: input.site,
            nowMs: decideAtMs,
            hashpriceUsdPerPhDay: hashprice,
            poolFeeFraction: input.poolFeeFraction,
            price,
            classes: input.classes,
            states,
            policy: input.policy,
          });
    if (!decision || decision.kind === 'stale') undecidedIntervals += 1;
    const decided = decision?.kind === 'decided' ? decision : undefined;
    if (decided)
      for (const c of decided.classes) {
        states[c.machineClass] = c.state;
      }
    const next = input.prices[index + 1];
    const effectiveIso = input.timing === 'next-interval' ? (next?.startIso ?? price.endIso) : price.startIso;
    for (const t of decided?.transitions ?? [])
      transitions.push({
        effectiveIso,
        machineClass: t.machineClass,
        mode: t.mode,
        priceUsdPerMwh: price.usdPerMwh,
        strikeUsdPerMwh: t.strikeUsdPerMwh,
      });
    const decidedModes = Object.fromEntries(Object.entries(states).map(([name, s]) => [name, s.mode]));
    if (input.timing === 'same-interval') inForce = decidedModes;
    // Count this interval under the modes in force; the real revenue forgone is at the day's
    // hashprice whatever strike decided.
    const revenueHashprice = dayHashprice ?? hashprice ?? 0;
    for (const [name, mode] of Object.entries(inForce)) {
      if (mode !== 'curtail') continue;
      const saved = curtailedIntervalSavings(byName.get(name)!, price, revenueHashprice, input.poolFeeFraction);
      const day = price.startIso.slice(0, 10);
      const month = price.startIso.slice(0, 7);
      if (!daily.has(day)) daily.set(day, emptyTotals());
      if (!monthly.has(month)) monthly.set(month, emptyTotals());
      add(daily.get(day)!, saved);
      add(monthly.get(month)!, saved);
      add(total, saved);
    }
    if (input.timing === 'next-interval') inForce = decidedModes;
  });
  const periods = (map: Map<string, SavingsTotals>): SavingsPeriod[] =>
    [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([period, t]) => ({ period, ...t }));
  return { transitions, daily: periods(daily), monthly: periods(monthly), total, undecidedIntervals };
}

/** The strike of each class at a hashprice, USD/MWh (for the fixed policy's report). */
export function strikesAt(
  classes: readonly MachineClass[],
  hashpriceUsdPerPhDay: number,
  poolFeeFraction: number,
): Record<string, number> {
  return Object.fromEntries(
    classes.map((c) => [c.name, strikeUsdPerMwh(hashpriceUsdPerPhDay, c.efficiencyJPerTh, poolFeeFraction)]),
  );
}

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
 * The savings are counted on the transitions by countCurtailmentSavings (curtailmentSavings.ts), the
 * one home of that count, which the live timeline's GET /v1/sites/{id}/curtailment uses too.
 */
import {
  decideSite,
  strikeUsdPerMwh,
  type ClassState,
  type CurtailmentPolicy,
  type MachineClass,
  type Mode,
} from './curtailmentDecision';
import type { IntervalPrice } from './intervalPrice';
import {
  countCurtailmentSavings,
  type SavingsPeriod,
  type SavingsTotals,
  type SiteMachineClass,
  type PriceGap,
  type Uncounted,
} from './curtailmentSavings';

export type { SavingsPeriod, SavingsTotals, SiteMachineClass } from './curtailmentSavings';

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

export interface CurtailmentReplay {
  transitions: CurtailmentTransition[];
  daily: SavingsPeriod[];
  monthly: SavingsPeriod[];
  total: SavingsTotals;
  /** Intervals with no hashprice: no decision was taken on them (the states stayed as they were). */
  undecidedIntervals: number;
  /** What could not be counted: curtailed time with no hashprice, or in a gap of the series. */
  uncounted: Uncounted;
  /** Spans between the series' first and last interval with no price. */
  priceGaps: PriceGap[];
}

export function replayCurtailment(input: CurtailmentReplayInput): CurtailmentReplay {
  // No prototype: a class named "__proto__" is a key like any other.
  const states: Record<string, ClassState> = Object.create(null) as Record<string, ClassState>;
  const transitions: CurtailmentTransition[] = [];
  let undecidedIntervals = 0;

  input.prices.forEach((price, index) => {
    const startMs = Date.parse(price.startIso);
    const decideAtMs = input.timing === 'next-interval' ? Date.parse(price.endIso) : startMs;
    const hashprice = input.strike.kind === 'fixed' ? input.strike.hashpriceUsdPerPhDay : input.hashpriceAt(startMs);
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
    if (decision?.kind !== 'decided') return;
    for (const c of decision.classes) states[c.machineClass] = c.state;
    const next = input.prices[index + 1];
    const effectiveIso = input.timing === 'next-interval' ? (next?.startIso ?? price.endIso) : price.startIso;
    for (const t of decision.transitions)
      transitions.push({
        effectiveIso,
        machineClass: t.machineClass,
        mode: t.mode,
        priceUsdPerMwh: price.usdPerMwh,
        strikeUsdPerMwh: t.strikeUsdPerMwh,
      });
  });

  // Counted like the live timeline (curtailmentSavings.ts): the revenue forgone is at the day's
  // hashprice whatever strike decided; a fixed strike's hashprice stands in where the day has none.
  const fixed = input.strike.kind === 'fixed' ? input.strike.hashpriceUsdPerPhDay : undefined;
  const counted = countCurtailmentSavings({
    prices: input.prices,
    changes: transitions,
    classes: input.classes,
    hashpriceAt: (ms) => input.hashpriceAt(ms) ?? fixed,
    poolFeeFraction: input.poolFeeFraction,
  });
  // The days and months a class was curtailed in (a replay lists no idle period).
  const curtailedIn = (periods: readonly (SavingsPeriod & { uncounted: Uncounted })[]) =>
    periods.filter((p) => p.curtailedClassHours > 0 || p.uncounted.uncountedCurtailedClassHours > 0);
  return {
    transitions,
    daily: curtailedIn(counted.daily),
    monthly: curtailedIn(counted.monthly),
    total: counted.total,
    undecidedIntervals,
    uncounted: counted.total.uncounted,
    priceGaps: counted.priceGaps,
  };
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

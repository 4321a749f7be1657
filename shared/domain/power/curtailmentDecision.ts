/**
 * Run or curtail, per site and machine class, on the current power price.
 *
 * The strike is what one MWh earns when it hashes on a machine of that efficiency, after the pool
 * fee: the break-even power price (breakEven.ts, the one home of that formula) in USD/MWh. Power
 * above the strike costs more than the hashing it buys. So that a price hovering at the strike
 * does not flap, a class is curtailed only when the price rises above strike + margin and resumed
 * only when it falls below strike - margin, and never before it has run (or rested) its minimum
 * time. The least efficient class has the lowest strike, so it is curtailed first as the price
 * rises and resumed last as it falls; the transitions come out in that order. No price fresh enough
 * (see currentPrice): no decision at all, and the states stay as they were.
 */
import { breakEvenPowerPriceUsdPerKwh } from '../breakEven';
import { usdPerKwhToUsdPerMwh } from '../units';
import type { IntervalPrice } from './intervalPrice';

export interface MachineClass {
  /** The class's name (a machine model or the owner's own), the event's subject beside the site. */
  name: string;
  efficiencyJPerTh: number;
}

export interface CurtailmentPolicy {
  /** Half-width of the dead band around the strike, USD/MWh (>= 0). */
  marginUsdPerMwh: number;
  /** A class that resumed runs at least this long before it may be curtailed again. */
  minRunMs: number;
  /** A class that was curtailed rests at least this long before it may resume. */
  minCurtailMs: number;
}

export type Mode = 'run' | 'curtail';

/** A class's mode and since when (ms since the epoch); a class never seen runs since forever. */
export interface ClassState {
  mode: Mode;
  sinceMs: number;
}

export type DecisionReason = 'above-strike' | 'below-strike' | 'within-margin' | 'minimum-time';

export interface ClassDecision {
  machineClass: string;
  strikeUsdPerMwh: number;
  previous: Mode;
  mode: Mode;
  changed: boolean;
  reason: DecisionReason;
  /** The state to keep for the next decision. */
  state: ClassState;
}

export interface DecisionInput {
  site: string;
  nowMs: number;
  hashpriceUsdPerPhDay: number;
  poolFeeFraction: number;
  /** The price to decide on (currentPrice), or undefined when none is fresh enough. */
  price: IntervalPrice | undefined;
  classes: readonly MachineClass[];
  states: Readonly<Record<string, ClassState>>;
  policy: CurtailmentPolicy;
}

export type SiteDecision =
  | { kind: 'stale'; site: string; reason: string }
  | {
      kind: 'decided';
      site: string;
      priceUsdPerMwh: number;
      priceIntervalStartIso: string;
      /** Every class, least efficient (highest J/TH) first. */
      classes: ClassDecision[];
      /** The classes that changed: curtailments least efficient first, then resumptions most efficient first. */
      transitions: ClassDecision[];
    };

/** What one MWh earns hashing on a machine of `efficiencyJPerTh` after the pool fee, USD/MWh. */
export function strikeUsdPerMwh(
  hashpriceUsdPerPhDay: number,
  efficiencyJPerTh: number,
  poolFeeFraction: number,
): number {
  return usdPerKwhToUsdPerMwh(breakEvenPowerPriceUsdPerKwh(hashpriceUsdPerPhDay, efficiencyJPerTh, poolFeeFraction));
}

const NEVER_SEEN: ClassState = { mode: 'run', sinceMs: Number.NEGATIVE_INFINITY };

/** Least efficient first; the name breaks ties so that the order never depends on the input's. */
export function leastEfficientFirst(classes: readonly MachineClass[]): MachineClass[] {
  return [...classes].sort((a, b) => b.efficiencyJPerTh - a.efficiencyJPerTh || a.name.localeCompare(b.name));
}

function decideClass(
  machineClass: MachineClass,
  state: ClassState,
  priceUsdPerMwh: number,
  input: DecisionInput,
): ClassDecision {
  const strike = strikeUsdPerMwh(input.hashpriceUsdPerPhDay, machineClass.efficiencyJPerTh, input.poolFeeFraction);
  const { marginUsdPerMwh, minRunMs, minCurtailMs } = input.policy;
  const heldMs = input.nowMs - state.sinceMs;
  const keep = (reason: DecisionReason): ClassDecision => ({
    machineClass: machineClass.name,
    strikeUsdPerMwh: strike,
    previous: state.mode,
    mode: state.mode,
    changed: false,
    reason,
    state,
  });
  const change = (mode: Mode, reason: DecisionReason): ClassDecision => ({
    machineClass: machineClass.name,
    strikeUsdPerMwh: strike,
    previous: state.mode,
    mode,
    changed: true,
    reason,
    state: { mode, sinceMs: input.nowMs },
  });
  if (state.mode === 'run') {
    if (!(priceUsdPerMwh > strike + marginUsdPerMwh))
      return keep(priceUsdPerMwh < strike ? 'below-strike' : 'within-margin');
    return heldMs >= minRunMs ? change('curtail', 'above-strike') : keep('minimum-time');
  }
  if (!(priceUsdPerMwh < strike - marginUsdPerMwh))
    return keep(priceUsdPerMwh > strike ? 'above-strike' : 'within-margin');
  return heldMs >= minCurtailMs ? change('run', 'below-strike') : keep('minimum-time');
}

export function decideSite(input: DecisionInput): SiteDecision {
  if (!input.price) return { kind: 'stale', site: input.site, reason: 'no fresh power price' };
  if (!Number.isFinite(input.hashpriceUsdPerPhDay) || input.hashpriceUsdPerPhDay < 0)
    return { kind: 'stale', site: input.site, reason: `no usable hashprice (${input.hashpriceUsdPerPhDay})` };
  const priceUsdPerMwh = input.price.usdPerMwh;
  const classes = leastEfficientFirst(input.classes).map((machineClass) =>
    // Own keys only: a class named like an Object member ("valueOf", "constructor") must not read
    // the inherited function as its state (a property test found it).
    decideClass(
      machineClass,
      Object.hasOwn(input.states, machineClass.name) ? input.states[machineClass.name]! : NEVER_SEEN,
      priceUsdPerMwh,
      input,
    ),
  );
  const curtailed = classes.filter((c) => c.changed && c.mode === 'curtail');
  const resumed = classes.filter((c) => c.changed && c.mode === 'run').reverse();
  return {
    kind: 'decided',
    site: input.site,
    priceUsdPerMwh,
    priceIntervalStartIso: input.price.startIso,
    classes,
    transitions: [...curtailed, ...resumed],
  };
}

/**
 * What the site signals (`site-curtail`, announced by `site-curtail` raised and `site-resume`
 * cleared, and `site-power-stale`) observe of one market-priced site at a decision time: the price
 * to decide on (or none fresh enough), the hashprice in force, the machine classes and their modes
 * as the stored `site-curtail` states hold them. The decision itself is curtailmentDecision.ts; this
 * module only turns stored states into its class states and back.
 *
 * A class's subject is `<site>/<class>`: site names cannot hold a slash (the config refuses it), so
 * the first slash splits them whatever the class is called.
 */
import type { Evidence } from '../signals/evidence';
import type { ClassState, CurtailmentPolicy } from './curtailmentDecision';
import type { SiteMachineClass } from './curtailmentReplay';
import { isKnownBeforeInterval, type IntervalPrice } from './intervalPrice';

export interface SitePowerInput {
  site: string;
  /** The price to decide on now (currentPrice), or undefined when none is fresh enough. */
  price: IntervalPrice | undefined;
  /** The latest stored interval, fresh or not (what the stale signal reports). */
  latestPrice: IntervalPrice | undefined;
  /** Minutes since the latest stored interval ended; undefined when none is stored. */
  priceAgeMinutes: number | undefined;
  maxPriceAgeMinutes: number;
  /** The hashprice in force (the latest snapshot's expected hashprice), USD/PH/day; undefined: none. */
  hashpriceUsdPerPhDay: number | undefined;
  poolFeeFraction: number;
  classes: readonly SiteMachineClass[];
  policy: CurtailmentPolicy;
  /** Each class's mode and since when, from the stored `site-curtail` states (siteClassStates). */
  states: Readonly<Record<string, ClassState>>;
}

export function classSubject(site: string, machineClass: string): string {
  return `${site}/${machineClass}`;
}

export function splitClassSubject(subject: string): { site: string; machineClass: string } {
  const slash = subject.indexOf('/');
  return { site: subject.slice(0, slash), machineClass: subject.slice(slash + 1) };
}

/** Evidence key of the ISO time a class's current mode began (a state that runs keeps no activeSince). */
export const MODE_SINCE_KEY = 'modeSinceIso';

/**
 * What siteClassStates reads of a stored signal state (signalState.ts): structural, so that the
 * site-curtail definition, which uses this module, does not import the list of signals.
 */
export interface StoredSignalState {
  signal: string;
  subject: string;
  status: 'clear' | 'active';
  activeSince: string | null;
  lastEvidence: Evidence | null;
}

/**
 * A site's class states from the stored `site-curtail` states: active is curtailed since the
 * episode's raise; clear runs since the resume its evidence remembers (never curtailed: since
 * forever, so no minimum run holds it).
 */
export function siteClassStates(site: string, stored: Iterable<StoredSignalState>): Record<string, ClassState> {
  // No prototype: a class named "constructor" is a key like any other.
  const states = Object.create(null) as Record<string, ClassState>;
  for (const state of stored) {
    if (state.signal !== 'site-curtail') continue;
    const { site: ofSite, machineClass } = splitClassSubject(state.subject);
    if (ofSite !== site) continue;
    if (state.status === 'active' && state.activeSince !== null)
      states[machineClass] = { mode: 'curtail', sinceMs: Date.parse(state.activeSince) };
    else {
      const since = state.lastEvidence?.values[MODE_SINCE_KEY];
      states[machineClass] = {
        mode: 'run',
        sinceMs: typeof since === 'string' ? Date.parse(since) : Number.NEGATIVE_INFINITY,
      };
    }
  }
  return states;
}

/**
 * When a decision on `price` takes effect: the start of the first interval it applies to, the
 * interval after a real-time price (published once it ended), the priced interval itself for a
 * day-ahead or tariff price; the convention the backtest replay counts with (curtailmentReplay.ts).
 */
export function effectiveFromIso(price: IntervalPrice): string {
  return isKnownBeforeInterval(price.source) ? price.startIso : price.endIso;
}

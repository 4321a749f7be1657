/**
 * The site signals on the engine (issue #24): a class's curtailment is one site-curtail state whose
 * end is announced as site-resume, a stale price holds every class (and never retires one), the
 * minimum rest is measured from the stored state, and site-resume's switch silences only the
 * announcement.
 */
import { describe, expect, it } from 'vitest';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import type { IntervalPrice } from '../../../shared/domain/power/intervalPrice';
import { siteClassStates, type SitePowerInput } from '../../../shared/domain/power/sitePowerSignals';
import { modeChangeOfEvent } from '../../../shared/domain/power/curtailmentTimeline';
import { sitePassInput } from '../../../shared/domain/signals/signalInput';
import { evaluateSignals, SITE_POWER_SIGNALS, statesByKey } from '../../../shared/domain/signals/evaluateSignals';
import type { SignalState } from '../../../shared/domain/signals/signalState';

const MINUTE = 60_000;
const T0 = Date.parse('2026-02-03T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
// At $40/PH/day and a 2 % pool fee: 17.5 J/TH strikes at 40/1000 x 0.98 / (17.5 x 0.024) x 1000 = $93.33/MWh.
const HASHPRICE = 40;
const STRIKE = ((HASHPRICE / 1000) * 0.98 * 1000) / (17.5 * 0.024);

function price(startMs: number, usdPerMwh: number): IntervalPrice {
  return {
    startIso: iso(startMs),
    endIso: iso(startMs + 15 * MINUTE),
    intervalMinutes: 15,
    usdPerMwh,
    source: 'ercot-api-rt',
    market: 'ERCOT',
    location: 'LZ_WEST',
  };
}

function site(overrides: Partial<SitePowerInput> = {}): SitePowerInput {
  return {
    site: 'West',
    price: undefined,
    latestPrice: undefined,
    priceAgeMinutes: undefined,
    maxPriceAgeMinutes: 45,
    hashpriceUsdPerPhDay: HASHPRICE,
    poolFeeFraction: 0.02,
    classes: [{ name: 'S21', efficiencyJPerTh: 17.5, hashrateThs: 200_000 }],
    policy: { marginUsdPerMwh: 5, minRunMs: 30 * MINUTE, minCurtailMs: 30 * MINUTE },
    states: {},
    ...overrides,
  };
}

function sitePass(
  decidedAtMs: number,
  input: SitePowerInput,
  previous: SignalState[],
  config = parseComputeConfig({}),
) {
  const states = statesByKey(previous);
  const signalInput = sitePassInput(iso(decidedAtMs), [
    { ...input, states: siteClassStates(input.site, states.values()) },
  ]);

  return evaluateSignals(signalInput, states, config.signals, SITE_POWER_SIGNALS);
}

/** Steps a list of states forward with a result's changed states. */
const after = (before: SignalState[], changed: SignalState[]) => [
  ...before.filter((s) => !changed.some((c) => c.signal === s.signal && c.subject === s.subject)),
  ...changed,
];

describe('site signals', () => {
  it('curtails above strike + margin, holds the rest, then resumes as site-resume closing the same episode', () => {
    const high = price(T0 - 15 * MINUTE, STRIKE + 20);
    const first = sitePass(T0, site({ price: high, latestPrice: high, priceAgeMinutes: 0 }), []);
    expect(first.events.map((e) => [e.signal, e.transition, e.subject])).toEqual([
      ['site-curtail', 'raised', 'West/S21'],
    ]);
    const curtail = first.events[0]!;
    expect(curtail.evidence.values).toMatchObject({ mode: 'curtail', effectiveFromIso: iso(T0) });
    expect(curtail.evidence.values.strikeUsdPerMwh).toBeCloseTo(STRIKE, 9);
    let states = after([], first.states);

    // 15 minutes later, well under the strike: still resting.
    const low = price(T0, STRIKE - 30);
    const resting = sitePass(T0 + 15 * MINUTE, site({ price: low, latestPrice: low, priceAgeMinutes: 0 }), states);
    expect(resting.events).toEqual([]);
    expect(resting.states.find((s) => s.signal === 'site-curtail')!.lastEvidence!.values.reason).toBe('minimum-time');
    states = after(states, resting.states);

    const resumed = sitePass(T0 + 31 * MINUTE, site({ price: low, latestPrice: low, priceAgeMinutes: 16 }), states);
    expect(resumed.events.map((e) => [e.signal, e.transition, e.subject])).toEqual([
      ['site-resume', 'cleared', 'West/S21'],
    ]);
    expect(resumed.events[0]!.episode.id).toBe(curtail.id);
    expect(modeChangeOfEvent(resumed.events[0]!)).toMatchObject({ mode: 'run', effectiveIso: iso(T0 + 15 * MINUTE) });
    states = after(states, resumed.states);

    // The minimum run is measured from the resume the state remembers: a spike 10 minutes later holds.
    const spike = price(T0 + 30 * MINUTE, STRIKE + 100);
    const held = sitePass(T0 + 41 * MINUTE, site({ price: spike, latestPrice: spike, priceAgeMinutes: 0 }), states);
    expect(held.events).toEqual([]);
    expect(siteClassStates('West', after(states, held.states))).toEqual({
      S21: { mode: 'run', sinceMs: T0 + 31 * MINUTE },
    });
  });

  it('holds a curtailed class on a stale price (no resume, no retirement) and raises site-power-stale', () => {
    const high = price(T0 - 15 * MINUTE, STRIKE + 20);
    const states = after([], sitePass(T0, site({ price: high, latestPrice: high, priceAgeMinutes: 0 }), []).states);
    const stale = sitePass(T0 + 120 * MINUTE, site({ latestPrice: high, priceAgeMinutes: 120 }), states);
    expect(stale.events.map((e) => [e.signal, e.transition, e.severity])).toEqual([
      ['site-power-stale', 'raised', 'warning'],
    ]);
    expect(siteClassStates('West', after(states, stale.states))).toEqual({ S21: { mode: 'curtail', sinceMs: T0 } });
    // Four times the allowed age, or nothing ever stored: critical.
    expect(sitePass(T0, site({ latestPrice: high, priceAgeMinutes: 181 }), []).events[0]!.severity).toBe('critical');
    expect(sitePass(T0, site(), []).events[0]!.severity).toBe('critical');
    // No hashprice: no decision either, though the price is fresh.
    const noHashprice = sitePass(
      T0,
      site({ price: high, latestPrice: high, priceAgeMinutes: 0, hashpriceUsdPerPhDay: undefined }),
      [],
    );
    expect(noHashprice.events).toEqual([]);
  });

  it('site-resume disabled: the curtailment still ends, unannounced; a misspelt key is refused by name', () => {
    const config = parseComputeConfig({ signals: { 'site-resume': { enabled: false } } });
    const high = price(T0 - 15 * MINUTE, STRIKE + 20);
    const states = after(
      [],
      sitePass(T0, site({ price: high, latestPrice: high, priceAgeMinutes: 0 }), [], config).states,
    );
    const low = price(T0 + 30 * MINUTE, STRIKE - 30);
    const resumed = sitePass(
      T0 + 46 * MINUTE,
      site({ price: low, latestPrice: low, priceAgeMinutes: 1 }),
      states,
      config,
    );
    expect(resumed.events).toEqual([]);
    expect(resumed.states.find((s) => s.signal === 'site-curtail')!.status).toBe('clear');
    expect(() => parseComputeConfig({ signals: { 'site-resume': { raiseDwellHours: 1 } } })).toThrow(
      /signals\.site-resume.*raiseDwellHours/s,
    );
  });

  it('reads class states only of its own site, and a class named like an Object member as any other', () => {
    const high = price(T0 - 15 * MINUTE, STRIKE + 20);
    const input = site({
      price: high,
      latestPrice: high,
      priceAgeMinutes: 0,
      classes: [{ name: 'constructor', efficiencyJPerTh: 17.5, hashrateThs: 1000 }],
    });
    const states = after([], sitePass(T0, input, []).states);
    expect(siteClassStates('West', states)).toEqual({ constructor: { mode: 'curtail', sinceMs: T0 } });
    expect(siteClassStates('East', states)).toEqual({});
  });
});

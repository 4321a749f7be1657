/** Run or curtail per machine class on the current power price: strike, margin, minimum times, order. */
import { describe, expect, it } from 'vitest';
import { breakEvenPowerPriceUsdPerKwh } from '../../../shared/domain/breakEven';
import {
  decideSite,
  strikeUsdPerMwh,
  type ClassState,
  type CurtailmentPolicy,
  type DecisionInput,
  type MachineClass,
} from '../../../shared/domain/power/curtailmentDecision';
import type { IntervalPrice } from '../../../shared/domain/power/intervalPrice';

const MIN = 60_000;
const T0 = Date.parse('2026-07-15T19:00:00Z');

const price = (usdPerMwh: number, startMs = T0): IntervalPrice => ({
  startIso: new Date(startMs).toISOString(),
  endIso: new Date(startMs + 15 * MIN).toISOString(),
  intervalMinutes: 15,
  usdPerMwh,
  source: 'ercot-api-rt',
  market: 'ERCOT',
  location: 'LZ_WEST',
});

// Efficiencies as published for three Antminer generations (J/TH): the classes of one site.
const S19J_PRO: MachineClass = { name: 'S19j Pro', efficiencyJPerTh: 29.5 };
const S19_XP: MachineClass = { name: 'S19 XP', efficiencyJPerTh: 21.5 };
const S21: MachineClass = { name: 'S21', efficiencyJPerTh: 17.5 };

const policy: CurtailmentPolicy = { marginUsdPerMwh: 5, minRunMs: 30 * MIN, minCurtailMs: 60 * MIN };

const input = (over: Partial<DecisionInput>): DecisionInput => ({
  site: 'tx-1',
  nowMs: T0 + 5 * MIN,
  hashpriceUsdPerPhDay: 29,
  poolFeeFraction: 0,
  price: price(40),
  classes: [S21, S19J_PRO, S19_XP],
  states: {},
  policy,
  ...over,
});

const decided = (over: Partial<DecisionInput>) => {
  const decision = decideSite(input(over));
  if (decision.kind !== 'decided') throw new Error(`expected a decision, got ${decision.reason}`);
  return decision;
};

describe('strike', () => {
  it('is the break-even power price in USD/MWh: S19 XP at $29/PH/day earns about $56/MWh', () => {
    expect(strikeUsdPerMwh(29, 21.5, 0)).toBeCloseTo(56.2, 1);
    expect(strikeUsdPerMwh(29, 21.5, 0.02)).toBeCloseTo(breakEvenPowerPriceUsdPerKwh(29, 21.5, 0.02) * 1000, 9);
  });

  it('moves with hashprice: half the hashprice, half the strike', () => {
    expect(strikeUsdPerMwh(14.5, 21.5, 0.02)).toBeCloseTo(strikeUsdPerMwh(29, 21.5, 0.02) / 2, 9);
  });
});

describe('run or curtail', () => {
  // Strikes at $29/PH/day: S19j Pro ~41.0, S19 XP ~56.2, S21 ~69.0 $/MWh.
  it('curtails the least efficient class first: at $50/MWh only the S19j Pro stops', () => {
    const decision = decided({ price: price(50) });
    expect(decision.classes.map((c) => [c.machineClass, c.mode])).toEqual([
      ['S19j Pro', 'curtail'],
      ['S19 XP', 'run'],
      ['S21', 'run'],
    ]);
    expect(decision.transitions.map((c) => c.machineClass)).toEqual(['S19j Pro']);
  });

  it('curtails in that order when the price jumps past every strike, and resumes the most efficient first', () => {
    const up = decided({ price: price(500) });
    expect(up.transitions.map((c) => [c.machineClass, c.mode])).toEqual([
      ['S19j Pro', 'curtail'],
      ['S19 XP', 'curtail'],
      ['S21', 'curtail'],
    ]);
    const states = Object.fromEntries(up.classes.map((c) => [c.machineClass, c.state]));
    const down = decided({ price: price(-20, T0 + 120 * MIN), nowMs: T0 + 125 * MIN, states });
    expect(down.transitions.map((c) => [c.machineClass, c.mode])).toEqual([
      ['S21', 'run'],
      ['S19 XP', 'run'],
      ['S19j Pro', 'run'],
    ]);
  });

  it('holds inside the margin: a price just above the strike does not curtail, just below does not resume', () => {
    const strike = strikeUsdPerMwh(29, S19_XP.efficiencyJPerTh, 0);
    const running = decided({ classes: [S19_XP], price: price(strike + 4.9) }).classes[0]!;
    expect([running.mode, running.reason]).toEqual(['run', 'within-margin']);
    const curtailed: Record<string, ClassState> = { 'S19 XP': { mode: 'curtail', sinceMs: T0 - 120 * MIN } };
    const resting = decided({ classes: [S19_XP], states: curtailed, price: price(strike - 4.9) }).classes[0]!;
    expect([resting.mode, resting.reason]).toEqual(['curtail', 'within-margin']);
    expect(decided({ classes: [S19_XP], states: curtailed, price: price(strike - 5.1) }).classes[0]!.mode).toBe('run');
  });

  it('keeps a class curtailed for its minimum time, then resumes it', () => {
    const curtailed: Record<string, ClassState> = { 'S19j Pro': { mode: 'curtail', sinceMs: T0 } };
    const early = decided({ classes: [S19J_PRO], states: curtailed, price: price(10), nowMs: T0 + 59 * MIN });
    expect([early.classes[0]!.mode, early.classes[0]!.reason]).toEqual(['curtail', 'minimum-time']);
    const late = decided({ classes: [S19J_PRO], states: curtailed, price: price(10), nowMs: T0 + 60 * MIN });
    expect(late.classes[0]!.state).toEqual({ mode: 'run', sinceMs: T0 + 60 * MIN });
  });

  it('keeps a class that just resumed running for its minimum time', () => {
    const resumed: Record<string, ClassState> = { 'S19j Pro': { mode: 'run', sinceMs: T0 } };
    expect(
      decided({ classes: [S19J_PRO], states: resumed, price: price(900), nowMs: T0 + 29 * MIN }).transitions,
    ).toEqual([]);
    expect(
      decided({ classes: [S19J_PRO], states: resumed, price: price(900), nowMs: T0 + 30 * MIN }).transitions,
    ).toHaveLength(1);
  });

  it('runs on a negative price: the site is paid to draw power', () => {
    expect(decided({ price: price(-35) }).classes.every((c) => c.mode === 'run')).toBe(true);
  });

  it('takes no decision without a fresh price or a usable hashprice', () => {
    expect(decideSite(input({ price: undefined }))).toEqual({
      kind: 'stale',
      site: 'tx-1',
      reason: 'no fresh power price',
    });
    expect(decideSite(input({ hashpriceUsdPerPhDay: Number.NaN })).kind).toBe('stale');
  });
});

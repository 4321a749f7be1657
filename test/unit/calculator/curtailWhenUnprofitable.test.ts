/**
 * Issue #29, the calculator: a scenario that switches a machine line off on the days running it
 * loses money (revenue below its power cost; hosting is paid either way), and the fleet's profit
 * and payback after its overheads beside the figures before them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculate, type CalculatorDeps, type CalculatorResult } from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import type { ScenarioDayRow, ScenarioEpochRow, ScenarioResult } from '../../../shared/calculator/scenario';
import { renderResponse } from '../../../shared/calculator/table';
import { curtailedFleetDay } from '../../../shared/domain/curtailedFleetDay';
import { fleetDay, machineDay } from '../../../shared/domain/machineEconomics';

const deps: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T18:30:00Z') };
/** The answer with its scenario as the constant-growth projection gives it. */
const scenarioOf = (r: CalculatorResponse) => r as CalculatorResponse & { scenario: ScenarioResult };
const priced = (result: CalculatorResult): CalculatorResponse => {
  if (isCalculatorError(result)) throw new Error(`expected a priced answer, got ${JSON.stringify(result)}`);
  return result;
};

// An efficient line (20 J/TH) and an old one (35 J/TH) at 6 c/kWh, hosting $0.50 a machine a day.
const machines = [
  { hashrateThs: 200, powerWatts: 4000, count: 10 },
  { hashrateThs: 100, powerWatts: 3500, count: 4 },
];
const market = { btcPriceUsd: 90_000, difficulty: 150e12, feesBtcPerBlock: 0.02, tipHeight: 980_000 };
const request = (scenario: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  machines,
  powerPriceUsdPerKwh: 0.06,
  hostingOpexUsdPerMachinePerDay: 0.5,
  market,
  scenario: { horizonDays: 400, difficultyGrowthPctPerEpoch: 4, startDate: '2026-12-01', ...scenario },
  ...extra,
});

describe('a line switched off on the days it loses money on power', () => {
  it('runs a line while its revenue covers its power, never because of hosting, and never earns less than running all', () => {
    const terms = { powerPriceUsdPerKwh: 0.06, poolFeeFraction: 0.02, uptimeFraction: 0.97, hostingOpexUsdPerDay: 0.5 };
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.array(
          fc.record({
            hashrateThs: fc.integer({ min: 10, max: 500 }),
            watts: fc.integer({ min: 500, max: 6000 }),
            count: fc.integer({ min: 1, max: 50 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (hashprice, drawn) => {
          const lines = drawn.map((l) => ({
            machine: { hashrateThs: l.hashrateThs, powerWatts: l.watts },
            count: l.count,
          }));
          const market = { hashpriceUsdPerPhDay: hashprice, btcPriceUsd: 90_000 };
          const { fleet, running } = curtailedFleetDay(lines, terms, market);
          const all = fleetDay(lines, terms, market);
          lines.forEach((line, i) => {
            const day = machineDay(line.machine, terms, market);
            expect(running[i]).toBe(day.revenueUsdPerDay >= day.powerCostUsdPerDay);
          });
          // Hosting of every line is paid, running or not.
          expect(fleet.hostingOpexUsdPerDay).toBeCloseTo(all.hostingOpexUsdPerDay, 9);
          expect(fleet.profitUsdPerDay).toBeGreaterThanOrEqual(all.profitUsdPerDay - 1e-9);
          expect(fleet.profitUsdPerDay).toBeCloseTo(
            fleet.revenueUsdPerDay - fleet.powerCostUsdPerDay - fleet.hostingOpexUsdPerDay,
            9,
          );
        },
      ),
    );
  });

  it('reports the days each line was off and the first of them, and the machines off each day', async () => {
    const on = scenarioOf(priced(await calculate(request({}), deps)));
    const off = scenarioOf(priced(await calculate(request({ curtailWhenUnprofitable: true }), deps)));
    expect(on.scenario!.curtailment).toBeNull();
    expect((on.scenario!.rows as ScenarioDayRow[])[0]).not.toHaveProperty('machinesOff');
    const days = off.scenario!.rows as ScenarioDayRow[];
    const lines = off.scenario!.curtailment!.lines;
    // The strike of each line (curtailmentStrikeUsdPerPhDay) decides: off exactly on the days under it.
    off.machines.forEach((line, i) => {
      const strike = line.perMachine.curtailmentStrikeUsdPerPhDay!;
      const under = days.filter((d) => d.hashpriceUsdPerPhDay < strike);
      expect(lines[i]!.daysOff, line.model).toBe(under.length);
      expect(lines[i]!.firstDayOff, line.model).toBe(under[0]?.date ?? null);
    });
    // The old line turns off first, the efficient one later (difficulty +4% an epoch), not never.
    expect(lines[1]!.daysOff).toBeGreaterThan(lines[0]!.daysOff);
    expect(lines[0]!.daysOff).toBeGreaterThan(0);
    for (const d of days)
      expect(d.machinesOff).toBe(
        off.machines.reduce(
          (n, l) => n + (d.hashpriceUsdPerPhDay < l.perMachine.curtailmentStrikeUsdPerPhDay! ? l.count : 0),
          0,
        ),
      );
    // Every day earns at least what running everything earns; at worst it loses the hosting.
    const all = on.scenario!.rows as ScenarioDayRow[];
    days.forEach((d, i) => expect(d.profitUsdPerDay).toBeGreaterThanOrEqual(all[i]!.profitUsdPerDay - 1e-9));
    expect(Math.min(...days.map((d) => d.profitUsdPerDay))).toBeCloseTo(-0.5 * 14, 9);
    expect(off.scenario!.totals.profitUsd).toBeGreaterThan(on.scenario!.totals.profitUsd);
    // By epoch: the machine-days off add up.
    const epochs = priced(await calculate(request({ curtailWhenUnprofitable: true, step: 'epoch' }), deps)).scenario!
      .rows as ScenarioEpochRow[];
    expect(epochs.reduce((n, e) => n + e.machineDaysOff!, 0)).toBe(days.reduce((n, d) => n + d.machinesOff!, 0));
    // The table says it, line by line.
    const text = renderResponse(off);
    expect(text).toContain(
      `Curtailed custom 200 TH/s 4000 W x10: off ${lines[0]!.daysOff} days (revenue below its power cost), first on ${lines[0]!.firstDayOff}`,
    );
  });

  it('refuses a value that is not true or false, and the closed loop, naming the field', async () => {
    const notBoolean = await calculate(request({ curtailWhenUnprofitable: 'yes' }), deps);
    expect(isCalculatorError(notBoolean) && notBoolean.error.issues).toEqual([
      { field: 'scenario.curtailWhenUnprofitable', problem: 'must be true or false' },
    ]);
    const closedLoop = await calculate(
      request({
        curtailWhenUnprofitable: true,
        difficultyPath: { type: 'fleetResponse' },
        difficultyGrowthPctPerEpoch: undefined,
      }),
      deps,
    );
    expect(isCalculatorError(closedLoop) && closedLoop.error.issues.map((d) => d.field)).toEqual([
      'scenario.curtailWhenUnprofitable',
    ]);
  });
});

describe('the fleet after its overheads', () => {
  it('gives profit and payback after overheads beside the figures before them, in the table and in the currency', async () => {
    const capex = { capexUsdPerMachine: 2_000 };
    const r = priced(
      await calculate(
        {
          machines: [{ hashrateThs: 200, powerWatts: 4000, count: 10, ...capex }],
          powerPriceUsdPerKwh: 0.05,
          overheadUsdPerDay: 20,
          market,
        },
        deps,
      ),
    );
    expect(r.fleet.profitAfterOverheadUsdPerDay).toBeCloseTo(r.fleet.profitUsdPerDay - 20, 9);
    expect(r.fleet.paybackAfterOverheadDays).toBeCloseTo(20_000 / (r.fleet.profitUsdPerDay - 20), 9);
    expect(r.fleet.paybackDays).toBeCloseTo(20_000 / r.fleet.profitUsdPerDay, 9);
    expect(renderResponse(r)).toContain(
      `Overheads $20.00/day: fleet profit after them $${(r.fleet.profitUsdPerDay - 20).toFixed(2)}/day, payback ${Math.round(20_000 / (r.fleet.profitUsdPerDay - 20)).toLocaleString('en-US')} days`,
    );
    // Overheads larger than the profit: it never pays back.
    const heavy = priced(
      await calculate(
        {
          machines: [{ hashrateThs: 200, powerWatts: 4000, count: 10, ...capex }],
          powerPriceUsdPerKwh: 0.05,
          overheadUsdPerDay: 10_000,
          market,
        },
        deps,
      ),
    );
    expect(heavy.fleet.paybackAfterOverheadDays).toBeNull();
    expect(renderResponse(heavy)).toMatch(/payback never \(the table's profit/);
  });
});

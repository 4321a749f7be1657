/**
 * Scenario projection: halving, retargets, price paths and the turn to unprofitable, each checked
 * against arithmetic on the protocol's own numbers (144 blocks a day, 2016 per epoch, 210,000 per halving).
 */
import { describe, expect, it } from 'vitest';
import { calculate, type CalculatorDeps, type CalculatorResult } from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import type { ScenarioDayRow, ScenarioEpochRow } from '../../../shared/calculator/scenario';

const deps: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T18:30:00Z') };

function priced(result: CalculatorResult): CalculatorResponse {
  if (isCalculatorError(result)) throw new Error(`expected a priced answer, got ${JSON.stringify(result)}`);
  return result;
}

const fleet = { machines: [{ hashrateThs: 200, powerWatts: 3500, count: 10 }], powerPriceUsdPerKwh: 0.05 };
const market = (tipHeight: number) => ({ btcPriceUsd: 90_000, difficulty: 150e12, feesBtcPerBlock: 0.02, tipHeight });

function dayRows(r: CalculatorResponse): ScenarioDayRow[] {
  return r.scenario!.rows as ScenarioDayRow[];
}

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('scenario projection', () => {
  it('halves the subsidy at height 1,050,000 (the 2028 halving)', async () => {
    // 1,049,856 = 1,050,000 - 144: day 0 holds the last 144 blocks at 3.125 BTC, day 1 the first at 1.5625.
    // Both days sit inside epoch 520 (1,048,320 .. 1,050,335), so difficulty is unchanged.
    const r = priced(
      await calculate(
        { ...fleet, market: market(1_049_856), scenario: { horizonDays: 3, startDate: '2028-04-10' } },
        deps,
      ),
    );
    const [d0, d1] = dayRows(r);
    expect(d0!.subsidyBtcAtStart).toBe(3.125);
    expect(d1!.subsidyBtcAtStart).toBe(1.5625);
    expect(d1!.hashpriceUsdPerPhDay / d0!.hashpriceUsdPerPhDay).toBeCloseTo((1.5625 + 0.02) / (3.125 + 0.02), 12);
    expect(r.scenario!.halvings).toEqual([{ height: 1_050_000, date: '2028-04-11', subsidyAfterBtc: 1.5625 }]);
  });

  it('dates the halving at 600 s per block from the tip', async () => {
    const r = priced(
      await calculate(
        { ...fleet, market: market(975_000), scenario: { horizonDays: 1000, startDate: '2026-11-25' } },
        deps,
      ),
    );
    // 75,000 blocks / 144 a day = 520.8 days after 2026-11-25.
    expect(r.scenario!.halvings.map((h) => h.date)).toEqual([addDays('2026-11-25', 520)]);
  });

  it('raises difficulty by the growth at each retarget, and a day holding a retarget mixes both sides', async () => {
    // Tip 72 blocks before the retarget at 2016 x 500 = 1,008,000: day 0 is half old, half new difficulty.
    const r = priced(
      await calculate(
        {
          ...fleet,
          market: market(1_008_000 - 72),
          scenario: { horizonDays: 20, difficultyGrowthPctPerEpoch: 10, startDate: '2029-01-01' },
        },
        deps,
      ),
    );
    const days = dayRows(r);
    const h0 = (90_000 * (3.125 + 0.02) * 86_400 * 1e15) / (150e12 * 2 ** 32);
    expect(days[0]!.hashpriceUsdPerPhDay).toBeCloseTo(h0 * (0.5 + 0.5 / 1.1), 9);
    expect(days[1]!.hashpriceUsdPerPhDay).toBeCloseTo(h0 / 1.1, 9);
    expect(days[1]!.difficultyAtStart).toBeCloseTo(150e12 * 1.1, 0);
    // The next retarget is 2016 blocks = 14 days later: day 14 still mixes, day 15 is at 1.1^2.
    expect(days[15]!.hashpriceUsdPerPhDay).toBeCloseTo(h0 / 1.1 ** 2, 9);
  });

  it('starts from the hashprice given directly and scales every day with it', async () => {
    const r = priced(
      await calculate(
        {
          ...fleet,
          market: { ...market(975_000), hashpriceUsdPerPhDay: 50 },
          scenario: { horizonDays: 30, difficultyGrowthPctPerEpoch: 5 },
        },
        deps,
      ),
    );
    const days = dayRows(r);
    expect(days[0]!.hashpriceUsdPerPhDay).toBeCloseTo(50, 9);
    expect(r.scenario!.startDate).toBe('2026-11-25');
    expect(days[0]!.date).toBe('2026-11-25');
  });

  it('follows a monthly price list, holding its last price, and finds the day the fleet turns unprofitable', async () => {
    // At 17.5 J/TH and 5 c/kWh power costs $21/PH/day; at $100,000 the hashprice is about $42, at $20,000 about $8.
    const r = priced(
      await calculate(
        {
          ...fleet,
          market: market(975_000),
          scenario: {
            horizonDays: 90,
            btcPricePath: { type: 'list', btcPriceUsdByMonth: [100_000, 20_000] },
            startDate: '2027-01-01',
          },
        },
        deps,
      ),
    );
    const days = dayRows(r);
    // Month 0 is days 0..30 (30 < 30.4375 <= 31); month 1 from day 31; the last price holds after.
    expect(days[30]!.btcPriceUsd).toBe(100_000);
    expect(days[31]!.btcPriceUsd).toBe(20_000);
    expect(days[89]!.btcPriceUsd).toBe(20_000);
    expect(days[30]!.profitUsdPerDay).toBeGreaterThan(0);
    expect(days[31]!.profitUsdPerDay).toBeLessThan(0);
    expect(r.scenario!.fleetUnprofitableFrom).toMatchObject({ day: 31, date: '2027-02-01' });
    expect(r.scenario!.machinesUnprofitableFrom).toEqual([r.scenario!.fleetUnprofitableFrom]);
  });

  it('compounds a monthly growth rate', async () => {
    const r = priced(
      await calculate(
        {
          ...fleet,
          market: market(975_000),
          scenario: { horizonDays: 400, btcPricePath: { type: 'growth', pctPerMonth: 2 } },
        },
        deps,
      ),
    );
    // 365.25 days is 12 months of 30.4375 days: the price has grown 1.02^12 by day 365.25.
    expect(dayRows(r)[0]!.btcPriceUsd).toBe(90_000);
    expect(dayRows(r)[365]!.btcPriceUsd).toBeCloseTo(90_000 * 1.02 ** (365 / 30.4375), 6);
  });

  it('stays profitable when nothing changes, with totals equal to the daily sums', async () => {
    const r = priced(await calculate({ ...fleet, market: market(975_000), scenario: { horizonDays: 100 } }, deps));
    expect(r.scenario!.fleetUnprofitableFrom).toBeNull();
    const days = dayRows(r);
    expect(r.scenario!.totals.profitUsd).toBeCloseTo(
      days.reduce((s, d) => s + d.profitUsdPerDay, 0),
      6,
    );
    expect(days[99]!.profitUsdPerDay).toBeCloseTo(r.fleet.profitUsdPerDay, 9);
  });

  it('groups days into epochs that add up to the horizon and the totals', async () => {
    const r = priced(
      await calculate(
        {
          ...fleet,
          market: market(975_000),
          scenario: { horizonDays: 1826, step: 'epoch', difficultyGrowthPctPerEpoch: 1 },
        },
        deps,
      ),
    );
    const epochs = r.scenario!.rows as ScenarioEpochRow[];
    expect(epochs.reduce((s, e) => s + e.days, 0)).toBe(1826);
    expect(epochs.reduce((s, e) => s + e.profitUsd, 0)).toBeCloseTo(r.scenario!.totals.profitUsd, 4);
    // 975,000 is in epoch 483 (975,000 / 2016 = 483.6); whole epochs after the first last 14 days.
    expect(epochs[0]!.epoch).toBe(483);
    expect(epochs.slice(1, -1).every((e) => e.days === 14)).toBe(true);
  });

  it('reports when cumulative profit repays the capex', async () => {
    const r = priced(
      await calculate(
        {
          machines: [{ hashrateThs: 200, powerWatts: 3500, count: 1, capexUsdPerMachine: 500 }],
          powerPriceUsdPerKwh: 0.05,
          market: { ...market(975_000), hashpriceUsdPerPhDay: 50 },
          scenario: { horizonDays: 365, startDate: '2027-01-01' },
        },
        deps,
      ),
    );
    // Constant $50/PH/day: 0.2 PH/s earns $10.00 a day, 84 kWh at 5 c cost $4.20: $5.80 a day repays $500 on day 86 (0-based).
    expect(r.scenario!.paybackDate).toBe(addDays('2027-01-01', Math.ceil(500 / 5.8) - 1));
  });

  it('asks for the market figures a scenario needs when only a hashprice was given', async () => {
    const result = await calculate(
      { ...fleet, market: { hashpriceUsdPerPhDay: 40 }, scenario: { horizonDays: 10 } },
      deps,
    );
    expect(isCalculatorError(result) && result.error.code).toBe('MARKET_UNAVAILABLE');
    if (!isCalculatorError(result)) return;
    expect(result.error.issues.map((i) => i.field)).toContain('market.tipHeight');
  });
});

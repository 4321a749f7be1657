/**
 * The calculator's figures against docs/design.md §3 and against arithmetic done by hand here (never
 * against numbers copied from the code's own output).
 */
import { describe, expect, it } from 'vitest';
import { calculate, type CalculatorDeps, type CalculatorResult } from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import { loadMachineCatalog } from '../../../shared/data/machineCatalog';
import { snapshotAt } from '../../support/networkSnapshotItem';

const offline: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T12:00:00Z') };

function priced(result: CalculatorResult): CalculatorResponse {
  if (isCalculatorError(result)) throw new Error(`expected a priced answer, got ${JSON.stringify(result)}`);
  return result;
}

// Antminer S19 XP nameplate: 140 TH/s at 3010 W (21.5 J/TH), Bitmain's spec.
const S19_XP_THS = 140;
const S19_XP_KW = 3.01;

describe('calculator figures', () => {
  it('an S19 XP at $29/PH/day and no pool fee breaks even near 5.6 c/kWh (docs/design.md §3)', async () => {
    const r = priced(
      await calculate(
        {
          machines: [{ model: 'S19 XP', count: 1 }],
          powerPriceUsdPerKwh: 0.05,
          poolFeePct: 0,
          market: { hashpriceUsdPerPhDay: 29 },
        },
        offline,
      ),
    );
    expect(r.machines[0]!.model).toBe('Antminer S19 XP');
    expect(r.machines[0]!.perMachine.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.056, 3);
    expect(r.fleet.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(0.056, 3);
  });

  it('revenue, power cost, profit, margin and strike of one S19 XP by hand', async () => {
    const r = priced(
      await calculate(
        {
          machines: [{ model: 'antminer-s19-xp', count: 1 }],
          powerPriceUsdPerKwh: 0.05,
          market: { hashpriceUsdPerPhDay: 29 },
        },
        offline,
      ),
    );
    const m = r.machines[0]!.perMachine;
    const revenue = (S19_XP_THS / 1000) * 29; // 0.14 PH/s x $29
    const power = S19_XP_KW * 24 * 0.05;
    expect(m.revenueUsdPerDay).toBeCloseTo(revenue, 9);
    expect(m.powerCostUsdPerDay).toBeCloseTo(power, 9);
    expect(m.profitUsdPerDay).toBeCloseTo(revenue - power, 9);
    expect(m.marginPct).toBeCloseTo(((revenue - power) / revenue) * 100, 9);
    // Strike: the hashprice at which 0.14 PH/s earns exactly the power bill.
    expect(m.curtailmentStrikeUsdPerPhDay).toBeCloseTo(power / (S19_XP_THS / 1000), 9);
    // Without a BTC price, BTC figures are unknown rather than invented.
    expect(m.revenueBtcPerDay).toBeNull();
    expect(m.breakEvenBtcPriceUsd).toBeNull();
    expect(m.costToProduceBtc.energyUsdPerBtc).toBeNull();
  });

  it('derives the hashprice of docs/design.md §3: D = 148.2e12, $74,500, reward 3.15 BTC -> about $31.85/PH/day', async () => {
    // Height 900,000 is in the 3.125 BTC era; 0.025 BTC of fees makes the 3.15 BTC reward.
    const r = priced(
      await calculate(
        {
          machines: [{ hashrateThs: 100, powerWatts: 2000, count: 1 }],
          powerPriceUsdPerKwh: 0.05,
          market: { btcPriceUsd: 74_500, difficulty: 148.2e12, feesBtcPerBlock: 0.025, tipHeight: 900_000 },
        },
        offline,
      ),
    );
    expect(r.market.subsidyBtc).toBe(3.125);
    expect(r.market.hashpriceUsdPerPhDay).toBeGreaterThan(31.8);
    expect(r.market.hashpriceUsdPerPhDay).toBeLessThan(31.9);
    expect(r.market.sources.hashpriceUsdPerPhDay).toBe('derived');
    expect(r.market.hashpriceBtcPerPhDay).toBeCloseTo(r.market.hashpriceUsdPerPhDay / 74_500, 12);
  });

  it('cost to produce one BTC, break-even BTC price and payback by hand', async () => {
    const r = priced(
      await calculate(
        {
          machines: [{ model: 'S19 XP', count: 10, capexUsdPerMachine: 1_000 }],
          powerPriceUsdPerKwh: 0.05,
          hostingOpexUsdPerMachinePerDay: 0.1,
          overheadUsdPerDay: 2,
          usefulLifeYears: 2,
          market: { hashpriceUsdPerPhDay: 29, btcPriceUsd: 87_000 },
        },
        offline,
      ),
    );
    const revenue = 10 * 0.14 * 29;
    const btcPerDay = revenue / 87_000;
    const power = 10 * S19_XP_KW * 24 * 0.05;
    const hosting = 10 * 0.1;
    const depreciation = 10_000 / (2 * 365);
    const f = r.fleet;
    expect(f.revenueBtcPerDay).toBeCloseTo(btcPerDay, 12);
    expect(f.costToProduceBtc.energyUsdPerBtc).toBeCloseTo(power / btcPerDay, 6);
    expect(f.costToProduceBtc.cashUsdPerBtc).toBeCloseTo((power + hosting) / btcPerDay, 6);
    expect(f.costToProduceBtc.allInUsdPerBtc).toBeCloseTo((power + hosting + depreciation + 2) / btcPerDay, 6);
    expect(f.breakEvenBtcPriceUsd).toBeCloseTo((power + hosting) / btcPerDay, 6);
    expect(f.paybackDays).toBeCloseTo(10_000 / (revenue - power - hosting), 6);
    expect(f.depreciationUsdPerDay).toBeCloseTo(depreciation, 9);
    // Per machine, the line is ten of them and the payback is the same.
    expect(r.machines[0]!.line.profitUsdPerDay).toBeCloseTo(10 * r.machines[0]!.perMachine.profitUsdPerDay, 9);
    expect(r.machines[0]!.line.paybackDays).toBeCloseTo(r.machines[0]!.perMachine.paybackDays!, 6);
  });

  it('a machine that loses money never pays back and says so with null', async () => {
    const r = priced(
      await calculate(
        {
          machines: [{ model: 'Antminer S9', count: 1, capexUsdPerMachine: 50 }],
          powerPriceUsdPerKwh: 0.08,
          market: { hashpriceUsdPerPhDay: 40 },
        },
        offline,
      ),
    );
    expect(r.fleet.profitUsdPerDay).toBeLessThan(0);
    expect(r.fleet.paybackDays).toBeNull();
  });

  it('a pool fee and curtailment scale revenue; curtailment 10% is uptime 90%', async () => {
    const base = {
      machines: [{ hashrateThs: 200, powerWatts: 3500, count: 1 }],
      powerPriceUsdPerKwh: 0.06,
      market: { hashpriceUsdPerPhDay: 40 },
    };
    const curtailed = priced(await calculate({ ...base, poolFeePct: 2, curtailmentPct: 10 }, offline));
    const up = priced(await calculate({ ...base, poolFeePct: 2, uptimePct: 90 }, offline));
    expect(curtailed.fleet.revenueUsdPerDay).toBeCloseTo(0.2 * 40 * 0.98 * 0.9, 9);
    expect(curtailed.fleet.powerCostUsdPerDay).toBeCloseTo(3.5 * 24 * 0.06 * 0.9, 9);
    expect(curtailed.fleet).toEqual(up.fleet);
    // The strike grosses up the power cost for the pool fee: 17.5 J/TH x 24 h x $0.06 / 0.98 per TH-day.
    expect(curtailed.fleet.curtailmentStrikeUsdPerPhDay).toBeCloseTo((((17.5 * 24) / 1000) * 0.06 * 1000) / 0.98, 9);
  });

  it('sums a mixed fleet of catalog and custom machines', async () => {
    const r = priced(
      await calculate(
        {
          machines: [
            { model: 'S21 Pro', count: 3 },
            { name: 'tuned S19j', hashrateThs: 100, powerWatts: 2950, count: 2 },
          ],
          powerPriceUsdPerKwh: 0.05,
          market: { hashpriceUsdPerPhDay: 40 },
        },
        offline,
      ),
    );
    // The S21 Pro's nameplate figures are data (the catalog); the custom machine is 100 TH/s, 2950 W.
    const s21Pro = loadMachineCatalog().machines.find((m) => m.id === 'antminer-s21-pro')!;
    const ths = 3 * s21Pro.hashrateThs + 2 * 100;
    const watts = 3 * s21Pro.powerWatts + 2 * 2950;
    expect(r.fleet.hashrateThs).toBe(ths);
    expect(r.fleet.powerWatts).toBe(watts);
    expect(r.fleet.machineCount).toBe(5);
    expect(r.fleet.revenueUsdPerDay).toBeCloseTo((ths / 1000) * 40, 9);
    expect(r.machines[1]!.model).toBe('tuned S19j');
    expect(r.machines[1]!.source).toBe('custom');
    // The fleet break-even uses its mean efficiency: total W / total TH/s.
    const fleetJPerTh = watts / ths;
    expect(r.fleet.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(40 / 1000 / ((fleetJPerTh * 24) / 1000), 9);
  });

  it('reads the market from the latest stored snapshot, and a request figure overrides it', async () => {
    const snapshot = snapshotAt('2026-11-25T12:00:00Z', { fiatPrices: {}, sources: { btcPriceUsd: 'mempool' } });
    const deps: CalculatorDeps = { ...offline, snapshots: { latestSnapshot: async () => snapshot } };
    const fromStore = priced(
      await calculate({ machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 }, deps),
    );
    // Hand arithmetic: 87,000 x 3.147 BTC x 86,400 x 1e15 / (149.3e12 x 2^32).
    const expected = (87_000 * 3.147 * 86_400 * 1e15) / (149.3e12 * 2 ** 32);
    expect(fromStore.market.hashpriceUsdPerPhDay).toBeCloseTo(expected, 9);
    expect(fromStore.market.sources.btcPriceUsd).toBe('snapshot');
    expect(fromStore.market.snapshot).toEqual({
      intervalStart: snapshot.intervalStart,
      observedAt: snapshot.observedAt,
    });

    const overridden = priced(
      await calculate(
        { machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05, market: { btcPriceUsd: 100_000 } },
        deps,
      ),
    );
    expect(overridden.market.hashpriceUsdPerPhDay).toBeCloseTo((expected * 100_000) / 87_000, 9);
    expect(overridden.market.sources.btcPriceUsd).toBe('request');
    expect(overridden.market.sources.difficulty).toBe('snapshot');
  });

  it('without a market and without a stored snapshot, tells the caller to pass market', async () => {
    const result = await calculate({ machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 }, offline);
    expect(isCalculatorError(result)).toBe(true);
    if (!isCalculatorError(result)) return;
    expect(result.error.code).toBe('MARKET_UNAVAILABLE');
    expect(result.error.message).toContain('pass `market`');
    expect(result.error.issues.map((i) => i.field)).toEqual([
      'market.btcPriceUsd',
      'market.difficulty',
      'market.feesBtcPerBlock',
      'market.tipHeight',
    ]);
  });

  it('an unknown model gets an error listing the closest catalog names', async () => {
    const result = await calculate(
      { machines: [{ model: 'S19 XPP', count: 1 }], powerPriceUsdPerKwh: 0.05, market: { hashpriceUsdPerPhDay: 40 } },
      offline,
    );
    expect(isCalculatorError(result)).toBe(true);
    if (!isCalculatorError(result)) return;
    expect(result.error.code).toBe('UNKNOWN_MODEL');
    expect(result.error.issues[0]!.field).toBe('machines[0].model');
    expect(result.error.issues[0]!.closestModels).toContain('Antminer S19 XP');
  });
});

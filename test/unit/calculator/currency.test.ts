/**
 * The calculator in another currency: inputs in `currency` priced exactly like their USD
 * equivalents at the snapshot's mempool rate, `inCurrency` figures converted from the USD answer,
 * and a currency without a price refused, naming it.
 */
import { describe, expect, it } from 'vitest';
import { calculate, type CalculatorDeps, type CalculatorResult } from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError, type CalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import { renderResponse } from '../../../shared/calculator/table';
import { snapshotAt } from '../../support/networkSnapshotItem';

// 87,000 USD and 80,000 EUR per BTC: 80/87 EUR per USD.
const snapshot = snapshotAt('2026-11-25T12:00:00Z');
const EUR_PER_USD = 80_000 / 87_000;
const deps: CalculatorDeps = {
  lookupModel: catalogModelLookup(),
  snapshots: { latestSnapshot: async () => snapshot },
  now: () => new Date('2026-11-25T00:00:00Z'),
};

const priced = (r: CalculatorResult): CalculatorResponse => {
  if (isCalculatorError(r)) throw new Error(JSON.stringify(r));
  return r;
};
const refused = (r: CalculatorResult): CalculatorError => {
  if (!isCalculatorError(r)) throw new Error('expected an error');
  return r;
};

describe('calculator currency', () => {
  it('prices inputs given in EUR exactly as their USD equivalents, and answers in EUR too', async () => {
    const eur = priced(
      await calculate(
        {
          currency: 'EUR',
          machines: [{ model: 'S19 XP', count: 10, capexPerMachine: 2_000 }],
          powerPricePerKwh: 0.05,
          hostingOpexPerMachinePerDay: 0.5,
          overheadPerDay: 20,
        },
        deps,
      ),
    );
    const usd = priced(
      await calculate(
        {
          machines: [{ model: 'S19 XP', count: 10, capexUsdPerMachine: 2_000 / EUR_PER_USD }],
          powerPriceUsdPerKwh: 0.05 / EUR_PER_USD,
          hostingOpexUsdPerMachinePerDay: 0.5 / EUR_PER_USD,
          overheadUsdPerDay: 20 / EUR_PER_USD,
        },
        deps,
      ),
    );
    expect(eur.fleet.profitUsdPerDay).toBeCloseTo(usd.fleet.profitUsdPerDay, 9);
    expect(eur.fleet.costToProduceBtc.allInUsdPerBtc).toBeCloseTo(usd.fleet.costToProduceBtc.allInUsdPerBtc!, 6);
    expect(usd.inCurrency).toBeUndefined();
    const c = eur.inCurrency!;
    expect(c).toMatchObject({ currency: 'EUR', asOf: '2026-11-25T12:00:00Z' });
    expect(c.perUsd).toBeCloseTo(EUR_PER_USD, 12);
    expect(c.powerPricePerKwh).toBeCloseTo(0.05, 12);
    expect(c.hashpricePerPhDay).toBeCloseTo(eur.market.hashpriceUsdPerPhDay * EUR_PER_USD, 9);
    expect(c.hashpricePerThDay).toBeCloseTo(c.hashpricePerPhDay / 1000, 12);
    expect(c.btcPrice).toBeCloseTo(80_000, 6);
    expect(c.fleet.profitPerDay).toBeCloseTo(eur.fleet.profitUsdPerDay * EUR_PER_USD, 9);
    expect(c.fleet.breakEvenPowerPricePerKwh).toBeCloseTo(eur.fleet.breakEvenPowerPriceUsdPerKwh * EUR_PER_USD, 12);
    expect(c.machines[0]!.line.revenuePerDay).toBeCloseTo(eur.machines[0]!.line.revenueUsdPerDay * EUR_PER_USD, 9);

    const text = renderResponse(eur);
    expect(text).toMatch(
      /^In EUR {4}hashprice €\d+\.\d\d\/PH\/day, €0\.\d{4}\/TH\/day; power €0\.0500\/kWh; rate 0\.919540 EUR\/USD/m,
    );
    expect(text).toMatch(/Hashprice \$\d+\.\d\d\/PH\/day, \$0\.\d{4}\/TH\/day/);
  });

  it('refuses a currency the snapshot holds no price in, naming it; and nothing stored at all', async () => {
    const jpy = refused(
      await calculate({ currency: 'JPY', machines: [{ model: 'S21', count: 1 }], powerPricePerKwh: 8 }, deps),
    );
    expect(jpy.error.code).toBe('CURRENCY_UNAVAILABLE');
    expect(jpy.error.message).toContain('No JPY price');
    expect(jpy.error.issues).toEqual([
      { field: 'currency', problem: 'no JPY price in the snapshot (it holds USD, EUR)' },
    ]);

    const offline = refused(
      await calculate(
        {
          currency: 'EUR',
          machines: [{ model: 'S21', count: 1 }],
          powerPricePerKwh: 0.05,
          market: { hashpriceUsdPerPhDay: 40 },
        },
        { ...deps, snapshots: undefined },
      ),
    );
    expect(offline.error.code).toBe('CURRENCY_UNAVAILABLE');
    expect(offline.error.issues[0]!.field).toBe('currency');
  });

  it('names the field of every currency mistake', async () => {
    const both = refused(
      await calculate(
        { machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05, powerPricePerKwh: 0.05 },
        deps,
      ),
    );
    expect(both.error.issues.map((i) => i.field)).toEqual(['powerPricePerKwh']);
    const neither = refused(await calculate({ machines: [{ model: 'S21', count: 1 }] }, deps));
    expect(neither.error.issues).toEqual([{ field: 'powerPriceUsdPerKwh', problem: 'is required' }]);
    const unknown = refused(
      await calculate({ currency: 'BTC', machines: [{ model: 'S21', count: 1 }], powerPriceUsdPerKwh: 0.05 }, deps),
    );
    expect(unknown.error.issues).toEqual([
      { field: 'currency', problem: 'must be one of USD, EUR, GBP, CAD, CHF, AUD, JPY' },
    ]);
    const capex = refused(
      await calculate(
        {
          machines: [{ model: 'S21', count: 1, capexUsdPerMachine: 1, capexPerMachine: 1 }],
          powerPriceUsdPerKwh: 0.05,
        },
        deps,
      ),
    );
    expect(capex.error.issues.map((i) => i.field)).toEqual(['machines[0].capexPerMachine']);
    // 5 EUR/kWh is above the 5 USD/kWh bound once converted (5.44 USD).
    const cents = refused(
      await calculate({ currency: 'EUR', machines: [{ model: 'S21', count: 1 }], powerPricePerKwh: 5 }, deps),
    );
    expect(cents.error.issues[0]).toEqual({
      field: 'powerPricePerKwh',
      problem: 'is 5.44 USD/kWh at the EUR rate, above 5 USD/kWh (is it in cents?)',
    });
  });
});

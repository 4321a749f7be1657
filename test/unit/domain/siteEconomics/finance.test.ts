/**
 * The finance written once (shared/domain/siteEconomics/finance.ts) and the per-MWh physics,
 * checked against hand arithmetic and a published figure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  brentRoot,
  equivalentAnnualUsd,
  internalRateOfReturnPct,
  paybackYears,
  presentValueUsd,
} from '../../../../shared/domain/siteEconomics/finance';
import { miningRevenueUsdPerMwh, mwhPerThDay } from '../../../../shared/domain/siteEconomics/miningPerMegawatt';

describe('finance', () => {
  it('spreads a present value into the level yearly amount worth it (capital recovery), whatever the rate', () => {
    // 1,000 over 10 years at 10 %: 162.75 a year (the textbook capital recovery factor 0.16275).
    expect(equivalentAnnualUsd(1000, 10, 10)).toBeCloseTo(162.745, 3);
    expect(equivalentAnnualUsd(1000, 0, 8)).toBe(125);
    fc.assert(
      fc.property(
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (pv, rate, years) => {
          const yearly = equivalentAnnualUsd(pv, rate, years);
          const flows = Array.from({ length: years }, (_, y) => ({ atYears: y + 1, usd: yearly }));
          expect(Math.abs(presentValueUsd(flows, rate) - pv)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(pv)));
        },
      ),
    );
    expect(() => equivalentAnnualUsd(1, 10, 0)).toThrow(RangeError);
  });

  it('discounts at an annual effective rate: 110 in a year at 10 % is 100 today', () => {
    expect(presentValueUsd([{ atYears: 1, usd: 110 }], 10)).toBeCloseTo(100, 10);
    expect(
      presentValueUsd(
        [
          { atYears: 0, usd: -100 },
          { atYears: 2, usd: 121 },
        ],
        10,
      ),
    ).toBeCloseTo(0, 10);
    expect(() => presentValueUsd([{ atYears: 1, usd: 1 }], -100)).toThrow(/above -100/);
  });

  it('finds the IRR of -100 then 121 in two years: 10 %; none for flows of one sign', () => {
    expect(
      internalRateOfReturnPct([
        { atYears: 0, usd: -100 },
        { atYears: 2, usd: 121 },
      ]),
    ).toBeCloseTo(10, 9);
    expect(internalRateOfReturnPct([{ atYears: 1, usd: 5 }])).toBeNull();
  });

  it('IRR zeroes the NPV for any investment repaid by level flows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (capex, years, ratio) => {
          const flows = [{ atYears: 0, usd: -capex }];
          for (let y = 1; y <= years; y += 1) flows.push({ atYears: y, usd: (capex * ratio) / years });
          const irr = internalRateOfReturnPct(flows);
          if (irr === null) return;
          expect(Math.abs(presentValueUsd(flows, irr))).toBeLessThan(capex * 1e-9);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('pays back by interpolation inside the interval that closes the gap', () => {
    const flows = [
      { atYears: 0, usd: -150 },
      { atYears: 1, usd: 100 },
      { atYears: 2, usd: 100 },
    ];
    expect(paybackYears(flows)).toBeCloseTo(1.5, 12);
    expect(
      paybackYears([
        { atYears: 0, usd: -150 },
        { atYears: 1, usd: 100 },
      ]),
    ).toBeNull();
    expect(paybackYears([{ atYears: 1, usd: 100 }])).toBe(0);
  });

  it('Brent finds a root to the last bit and refuses a bracket without a sign change', () => {
    const root = brentRoot((x) => x * x - 2, 0, 2);
    expect(root).toBeCloseTo(Math.SQRT2, 14);
    expect(() => brentRoot((x) => x * x + 1, 0, 2)).toThrow(/no sign change/);
  });
});

describe('mining revenue per MWh', () => {
  it('is hashprice per TH-day over J/TH x 24 / 10^6 MWh', () => {
    expect(mwhPerThDay(17.5)).toBeCloseTo(0.00042, 15);
    // "a 17.5 J/TH machine ... each PH consumes roughly 0.42 MWh per day, so a hashprice of $39
    // equates to roughly $93/MWh" (https://btcpizza.com/lower-your-electricity-bill-with-bitcoin-why-the-power-grid-needs-to-welcome-miners).
    expect(miningRevenueUsdPerMwh(39, 17.5)).toBeCloseTo(92.857, 3);
    expect(Math.round(miningRevenueUsdPerMwh(39, 17.5))).toBe(93);
    // Luxor's energy-adjusted hashprice = hashprice / efficiency / 24 h: $50/PH-day at 22 J/TH
    // (the mid-point Luxor uses for its 19-25 J/TH bucket) is $50 / 22 kW / 24 h per MWh x 1000.
    expect(miningRevenueUsdPerMwh(50, 22)).toBeCloseTo((50 / 22 / 24) * 1000, 10);
    // The pool fee comes off the revenue.
    expect(miningRevenueUsdPerMwh(50, 22, 0.02)).toBeCloseTo(miningRevenueUsdPerMwh(50, 22) * 0.98, 10);
  });
});

import { describe, expect, it } from 'vitest';
import { breakEvenHashpriceUsdPerPhDay, breakEvenPowerPriceUsdPerKwh } from '../../../shared/domain/breakEven';
import { paybackDays } from '../../../shared/domain/payback';

describe('break-even hashprice (curtailment strike)', () => {
  it('a 21.5 J/TH machine at 5 c/kWh needs $25.80/PH/day: 21.5 W x 24 h = 0.516 kWh per TH-day at $0.05, x 1000', () => {
    expect(breakEvenHashpriceUsdPerPhDay(0.05, 21.5, 0)).toBeCloseTo(0.516 * 0.05 * 1000, 9);
  });

  it('is the break-even power price solved the other way, pool fee included', () => {
    const hashprice = breakEvenHashpriceUsdPerPhDay(0.062, 17.5, 0.02);
    expect(breakEvenPowerPriceUsdPerKwh(hashprice, 17.5, 0.02)).toBeCloseTo(0.062, 12);
  });

  it('is out of reach when the pool keeps everything', () => {
    expect(breakEvenHashpriceUsdPerPhDay(0.05, 20, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('payback days', () => {
  it('divides capex by daily profit', () => {
    expect(paybackDays(1_200, 4)).toBe(300);
  });

  it('is 0 with nothing to repay and Infinity when there is no profit', () => {
    expect(paybackDays(0, 4)).toBe(0);
    expect(paybackDays(1_200, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(paybackDays(1_200, -3)).toBe(Number.POSITIVE_INFINITY);
  });
});

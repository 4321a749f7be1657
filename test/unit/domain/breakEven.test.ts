import { describe, expect, it } from 'vitest';
import { breakEvenPowerPriceUsdPerKwh, kwhPerThDay } from '../../../shared/domain/breakEven';

describe('break-even power price', () => {
  it('an S19 XP (21.5 J/TH) at $29/PH/day and no pool fee breaks even near 5.6 c/kWh (docs/design.md §3)', () => {
    // by hand: 29 / 1000 = $0.029 per TH/day; 21.5 W x 24 h = 0.516 kWh per TH/day; 0.029 / 0.516
    expect(breakEvenPowerPriceUsdPerKwh(29, 21.5, 0)).toBeCloseTo(0.0562, 4);
  });

  it('a pool fee lowers the break-even in proportion', () => {
    expect(breakEvenPowerPriceUsdPerKwh(29, 21.5, 0.02)).toBeCloseTo(0.0562 * 0.98, 4);
  });

  it('one TH/s at 21.5 J/TH draws 0.516 kWh a day', () => {
    expect(kwhPerThDay(21.5)).toBeCloseTo(0.516, 12);
  });

  it('so an S19 XP loses money above 6 c/kWh at that hashprice, as early-2026 reporting said', () => {
    expect(breakEvenPowerPriceUsdPerKwh(29, 21.5)).toBeLessThan(0.06);
  });
});

import { describe, expect, it } from 'vitest';
import { breakEvenPowerPriceUsdPerKwh } from '../../../shared/domain/breakEven';

describe('break-even power price', () => {
  it('an S19 XP (21.5 J/TH) at $29/PH/day and no pool fee breaks even near 5.6 c/kWh', () => {
    expect(breakEvenPowerPriceUsdPerKwh(29, 21.5, 0)).toBeCloseTo(0.0562, 3);
  });

  it('a pool fee lowers the break-even in proportion', () => {
    expect(breakEvenPowerPriceUsdPerKwh(29, 21.5, 0.02)).toBeCloseTo(0.0562 * 0.98, 3);
  });
});

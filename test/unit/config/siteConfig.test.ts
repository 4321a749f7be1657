/**
 * The one definition of a site (shared/domain/site.ts, schema shared/config/siteConfig.ts): a
 * fixed power price in $/kWh or $/MWh, fleets by name, an optional lease offer with the
 * calculator's hpcLease fields; bad input names the field.
 */
import { describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../../shared/config/siteConfig';
import { sitePowerPriceUsdPerKwh } from '../../../shared/domain/site';

const site = {
  name: 'Lake site',
  powerCapacityMw: 50,
  powerPrice: { type: 'fixed', usdPerMwh: 42 },
  fleets: ['main'],
  leaseOffer: { usdPerMwYear: 1_800_000, termYears: 10, capexUsdPerMw: 9_000_000 },
};
const paths = (value: unknown): string[] => {
  const r = siteConfigSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('site config', () => {
  it('reads a fixed price in either unit as the same $/kWh, and fills the lease defaults', () => {
    const parsed = siteConfigSchema.parse(site);
    expect(sitePowerPriceUsdPerKwh(parsed.powerPrice)).toBeCloseTo(0.042, 12);
    expect(
      sitePowerPriceUsdPerKwh(
        siteConfigSchema.parse({ ...site, powerPrice: { type: 'fixed', usdPerKwh: 0.042 } }).powerPrice,
      ),
    ).toBe(0.042);
    expect(parsed.leaseOffer).toMatchObject({
      itLoadSharePct: 80,
      buildMonths: 12,
      discountRatePct: 10,
      powerPassThrough: true,
    });
  });

  it('names the bad field', () => {
    expect(paths({ ...site, powerCapacityMw: 0 })).toEqual(['powerCapacityMw']);
    expect(paths({ ...site, powerPrice: { type: 'fixed', usdPerKwh: 0.04, usdPerMwh: 40 } })).toEqual([
      'powerPrice.usdPerKwh',
    ]);
    expect(paths({ ...site, powerPrice: { type: 'ercot' } })).toEqual(['powerPrice.type']);
    expect(paths({ ...site, leaseOffer: { ...site.leaseOffer, termYears: 0 } })).toEqual(['leaseOffer.termYears']);
    expect(paths({ ...site, fleet: ['main'] })).toContain('');
  });
});

/**
 * The calculator's siteEconomics (shared/calculator/siteEconomics.ts) through calculate(), as the
 * Lambda runs it: the break-even hashprice fed back gives equal NPVs to the cent, the lease NPV
 * moves the right way with rate, capex and build months, bad lease input is a 400 naming the
 * field, and a request without hpcLease keeps its answer (plus per-MW mining figures).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculate, type CalculatorDeps } from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError, type CalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';

const deps: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-12-01T10:00:00Z') };
const market = { btcPriceUsd: 87_000, difficulty: 149.3e12, feesBtcPerBlock: 0.022, tipHeight: 975_000 };
const lease = { usdPerKwMonth: 150, termYears: 5, capexUsdPerMw: 9_000_000, buildMonths: 6 };
const base = {
  machines: [{ model: 'S21 Pro', count: 1000 }],
  powerPriceUsdPerKwh: 0.045,
  poolFeePct: 2,
  market,
  hpcLease: lease,
};

async function priced(request: unknown): Promise<CalculatorResponse> {
  const r = await calculate(request, deps);
  if (isCalculatorError(r)) throw new Error(JSON.stringify(r));
  return r;
}
async function refused(request: unknown): Promise<CalculatorError> {
  const r = await calculate(request, deps);
  if (!isCalculatorError(r)) throw new Error('expected a refusal');
  return r;
}
const site = async (request: unknown) => (await priced(request)).siteEconomics!;

describe('site economics', () => {
  it('fed back as the market hashprice, the break-even gives equal NPVs to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Offers whose lease NPV is positive, so a break-even exists (mining's NPV at a zero hashprice is negative).
        fc.integer({ min: 150, max: 250 }),
        fc.integer({ min: 10, max: 20 }),
        fc.integer({ min: 0, max: 24 }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        async (usdPerKwMonth, termYears, buildMonths, discountRatePct) => {
          const request = { ...base, hpcLease: { ...lease, usdPerKwMonth, termYears, buildMonths, discountRatePct } };
          const first = await site(request);
          const breakEven = first.conversionBreakEvenHashpriceUsdPerPhDay;
          expect(breakEven).not.toBeNull();
          if (breakEven === null) return;
          const fed = await site({ ...request, market: { ...market, hashpriceUsdPerPhDay: breakEven } });
          expect(Math.abs(fed.miningNpvUsd! - fed.leaseNpvUsd!)).toBeLessThan(0.005);
        },
      ),
      { numRuns: 12 },
    );
  }, 60_000);

  it('lease NPV rises with the rate, falls with capex and build months; the break-even rises with the rate', async () => {
    const at = (patch: Record<string, number>) => site({ ...base, hpcLease: { ...lease, termYears: 10, ...patch } });
    const low = await at({ usdPerKwMonth: 140 });
    const high = await at({ usdPerKwMonth: 180 });
    expect(high.leaseNpvUsd!).toBeGreaterThan(low.leaseNpvUsd!);
    expect(high.conversionBreakEvenHashpriceUsdPerPhDay!).toBeGreaterThan(low.conversionBreakEvenHashpriceUsdPerPhDay!);
    expect((await at({ capexUsdPerMw: 11_000_000 })).leaseNpvUsd!).toBeLessThan(
      (await at({ capexUsdPerMw: 8_000_000 })).leaseNpvUsd!,
    );
    expect((await at({ buildMonths: 18 })).leaseNpvUsd!).toBeLessThan((await at({ buildMonths: 3 })).leaseNpvUsd!);
  });

  it('gives the per-MW figures of the physics, and the lease side by hand', async () => {
    const s = await site({ ...base, hpcLease: { ...lease, usdPerMwYear: 1_800_000, usdPerKwMonth: undefined } });
    // S21 Pro 234 TH/s at 3,531 W: 15.09 J/TH; revenue per MWh = hashprice/1000 x 0.98 / (J/TH x 24e-6).
    const jPerTh = 3531 / 234;
    expect(s.miningRevenueUsdPerMwh).toBeCloseTo(((s.hashpriceUsdPerPhDay / 1000) * 0.98) / ((jPerTh * 24) / 1e6), 9);
    expect(s.miningMarginUsdPerMwh!).toBeCloseTo(s.miningRevenueUsdPerMwh - 45, 9);
    expect(s.miningMarginUsdPerMwYear).toBeCloseTo(s.miningMarginUsdPerMwh! * 24 * 365.25, 6);
    // $1.8M per MW of IT x 80 % IT share = $1.44M per MW of site power.
    expect(s.leaseRevenueUsdPerMwYear).toBeCloseTo(1_440_000, 6);
    expect(s.siteMw).toBeCloseTo(3.531, 12);
    expect(s.comparison!.horizonYears).toBe(5.5);
    expect(s.referenceDeals!.of).toBeGreaterThanOrEqual(7);
  });

  it('prices a request without hpcLease as before, with per-MW mining figures and no lease', async () => {
    const { hpcLease: _omit, ...plain } = base;
    const r = await priced(plain);
    expect(r.siteEconomics!.miningRevenueUsdPerMwh).toBeGreaterThan(0);
    expect(r.siteEconomics!.leaseNpvUsd).toBeNull();
    expect(r.siteEconomics!.referenceDeals).toBeNull();
  });

  it.each([
    [{ usdPerKwMonth: -10 }, 'hpcLease.usdPerKwMonth'],
    [{ usdPerKwMonth: 150_000 }, 'hpcLease.usdPerKwMonth'],
    [{ termYears: 0 }, 'hpcLease.termYears'],
    [{ itLoadSharePct: 120 }, 'hpcLease.itLoadSharePct'],
    [{ discountRatePct: -100 }, 'hpcLease.discountRatePct'],
    [{ usdPerMwYear: 1_800_000 }, 'hpcLease.usdPerMwYear'],
    [{ capexUsdPerMw: undefined }, 'hpcLease.capexUsdPerMw'],
    [{ leaseRate: 3 }, 'hpcLease.leaseRate'],
  ])('refuses %o naming %s', async (patch, field) => {
    const r = await refused({ ...base, hpcLease: { ...lease, ...patch } });
    expect(r.error.code).toBe('INVALID_REQUEST');
    expect(r.error.issues.map((i) => i.field)).toContain(field);
  });

  it('refuses a site of zero MW, naming site.powerCapacityMw', async () => {
    const r = await refused({ ...base, site: { powerCapacityMw: 0 } });
    expect(r.error.issues.map((i) => i.field)).toEqual(['site.powerCapacityMw']);
  });
});

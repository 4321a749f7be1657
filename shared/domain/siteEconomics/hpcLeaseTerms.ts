/**
 * An AI/HPC lease offer for a site: the terms a request's `hpcLease` and a configured site's
 * `leaseOffer` share (one schema, so the calculator and the owner's config read the same fields).
 * The rate is on critical IT load, as the industry quotes it; `itLoadSharePct` turns the site's
 * power into IT load (a converted site with a PUE of 1.25 gives 80 % of its power to IT).
 * Bounds reject what no real offer means (a unit slip, a sign slip) rather than the unusual.
 */
import * as z from '../../schema/z';

/** A number field whose type errors read "is required" / "must be a number" (the field is named beside it). */
const requiredNumber = () =>
  z.number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') });

/**
 * 80 %: TeraWulf's Lake Mariner leases deliver "more than 200 MW of critical IT load (representing
 * ~250 MW of gross capacity)" (press release, 2025-08-14), i.e. a PUE near 1.25.
 */
export const DEFAULT_IT_LOAD_SHARE_PCT = 80;
export const DEFAULT_BUILD_MONTHS = 12;
export const DEFAULT_DISCOUNT_RATE_PCT = 10;
/** $1,000/kW-month is about five times the richest announced deal (near $160/kW-month): a unit slip. */
export const MAX_USD_PER_KW_MONTH = 1_000;
export const MAX_TERM_YEARS = 30;

export const hpcLeaseSchema = z
  .strictObject(
    {
      /** Rate on critical IT load, USD per kW per month (give this or usdPerMwYear). */
      usdPerKwMonth: z.optional(
        requiredNumber().check(
          z.positive('must be greater than 0'),
          z.maximum(MAX_USD_PER_KW_MONTH, `must be at most ${MAX_USD_PER_KW_MONTH} USD/kW-month (is it per MW?)`),
        ),
      ),
      /** Rate on critical IT load, USD per MW per year (give this or usdPerKwMonth). */
      usdPerMwYear: z.optional(
        requiredNumber().check(
          z.positive('must be greater than 0'),
          z.maximum(
            MAX_USD_PER_KW_MONTH * 12_000,
            'must be at most 12,000,000 USD/MW-year (is it per kW or per month?)',
          ),
        ),
      ),
      /** Share of the site's power that becomes critical IT load once converted, percent. */
      itLoadSharePct: z._default(
        requiredNumber().check(z.positive('must be greater than 0'), z.maximum(100, 'must be at most 100 percent')),
        DEFAULT_IT_LOAD_SHARE_PCT,
      ),
      /** Lease term from rent start, years. */
      termYears: requiredNumber().check(
        z.positive('must be greater than 0'),
        z.maximum(MAX_TERM_YEARS, `must be at most ${MAX_TERM_YEARS} years`),
      ),
      /** Rent rises by this much at each anniversary of rent start, percent per year. */
      escalatorPctPerYear: z._default(
        requiredNumber().check(
          z.minimum(-20, 'must be at least -20 percent'),
          z.maximum(20, 'must be at most 20 percent'),
        ),
        0,
      ),
      /** Conversion cost per MW of critical IT load, USD (announced: $8-11 million). */
      capexUsdPerMw: requiredNumber().check(
        z.minimum(0, 'must not be negative'),
        z.maximum(100_000_000, 'must be at most 100,000,000 USD per MW'),
      ),
      /** Months of conversion before rent starts: no mining and no rent meanwhile. */
      buildMonths: z._default(
        requiredNumber().check(
          z.int('must be a whole number of months'),
          z.minimum(0, 'must not be negative'),
          z.maximum(60, 'must be at most 60 months'),
        ),
        DEFAULT_BUILD_MONTHS,
      ),
      /** True when the tenant pays the power (triple-net, modified gross); false when the landlord does. */
      powerPassThrough: z._default(z.boolean({ error: 'must be true or false' }), true),
      /** Annual discount rate for both NPVs, percent (above -100). */
      discountRatePct: z._default(
        requiredNumber().check(
          z.gt(-100, 'must be greater than -100 percent'),
          z.maximum(100, 'must be at most 100 percent'),
        ),
        DEFAULT_DISCOUNT_RATE_PCT,
      ),
      /** Expected share of the rent lost to the tenant's credit, percent. */
      tenantCreditHaircutPct: z._default(
        requiredNumber().check(z.minimum(0, 'must not be negative'), z.maximum(100, 'must be at most 100 percent')),
        0,
      ),
      /** What the site's mining fleet sells for at conversion, USD (received when conversion starts). */
      asicResidualUsd: z._default(
        requiredNumber().check(
          z.minimum(0, 'must not be negative'),
          z.maximum(1e11, 'must be at most 100,000,000,000 USD'),
        ),
        0,
      ),
    },
    { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be an object') },
  )
  .check(
    z.superRefine((lease, ctx) => {
      if (lease.usdPerKwMonth === undefined && lease.usdPerMwYear === undefined)
        ctx.addIssue({ code: 'custom', path: ['usdPerKwMonth'], message: 'is required (or give usdPerMwYear)' });
      if (lease.usdPerKwMonth !== undefined && lease.usdPerMwYear !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['usdPerMwYear'],
          message: 'give usdPerKwMonth or usdPerMwYear, not both',
        });
    }),
  );

export type HpcLeaseInput = z.input<typeof hpcLeaseSchema>;
export type HpcLease = z.output<typeof hpcLeaseSchema>;

/** USD per kW-month as USD per MW-year (1,000 kW x 12 months). */
export const usdPerKwMonthToUsdPerMwYear = (usdPerKwMonth: number): number => usdPerKwMonth * 1000 * 12;

/** The offer's first-year rate per MW of critical IT load, whichever way it was given. */
export function leaseRateUsdPerMwItYear(lease: HpcLease): number {
  return lease.usdPerMwYear ?? usdPerKwMonthToUsdPerMwYear(lease.usdPerKwMonth!);
}

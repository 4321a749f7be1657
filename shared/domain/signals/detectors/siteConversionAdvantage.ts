/**
 * site-conversion-advantage: one of the owner's sites earns less hashing than its AI/HPC lease
 * offer would. The site's mining margin per MW-year (revenue - power - hosting, at each day's
 * realized hashprice, averaged over the last 30 closed days) is held against the offer's
 * equivalent annual value per MW of site power: the lease's NPV per MW (conversion capex, build
 * months without income, rent after the credit haircut, any power the landlord pays) spread evenly
 * over its horizon at its discount rate, so that a rich rent that does not pay back its conversion
 * is no advantage. A shortfall of `belowLeasePct` percent of that figure raises a warning,
 * `criticalBelowLeasePct` makes it critical; it clears once the shortfall is a band under the
 * warning level. One subject per site with an offer.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

/** How far the mining margin is below the lease's, in percent of the lease's; 0 or less when mining earns as much. */
export function shortfallPctOfLease(miningUsdPerMwYear: number, leaseUsdPerMwYear: number): number {
  return ((leaseUsdPerMwYear - miningUsdPerMwYear) / leaseUsdPerMwYear) * 100;
}

export const siteConversionAdvantageDetector = defineSignal({
  id: 'site-conversion-advantage',
  color: '#2ca02c',
  watches: ['hashprice'],
  config: z
    .strictObject({
      ...timingConfig(24, 72),
      /**
       * Raise when the site's trailing 30-day mining margin per MW-year is this many percent of its
       * lease offer's margin per MW-year below it (10: mining earns less than 90 % of the lease).
       */
      belowLeasePct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 10),
      /** Critical when the mining margin is this many percent below the lease's (100: mining loses money). */
      criticalBelowLeasePct: z._default(z.number().check(z.minimum(0), z.maximum(1000)), 50),
      /** It clears once the shortfall is this many percentage points under belowLeasePct. */
      hysteresisPctPoints: z._default(z.number().check(z.nonnegative(), z.maximum(100)), 5),
    })
    .check(
      z.refine((c) => c.criticalBelowLeasePct >= c.belowLeasePct, {
        message: 'criticalBelowLeasePct must be >= belowLeasePct',
        path: ['criticalBelowLeasePct'],
      }),
    ),
  evidence: {
    values: {
      site: e.text,
      miningMarginUsdPerMwYear30d: e.numberOrNull,
      leaseEquivalentUsdPerMwYear: e.number,
      leaseMarginUsdPerMwYear: e.number,
      shortfallPctOfLease: e.numberOrNull,
      daysInMean: e.number,
      fromDate: e.textOrNull,
      toDate: e.textOrNull,
      hashpriceUsdPerPhDay: e.numberOrNull,
    },
    thresholds: { belowLeasePct: e.number, criticalBelowLeasePct: e.number, hysteresisPctPoints: e.number },
  },
  figureNames: {
    miningMarginUsdPerMwYear30d: 'Mining margin, 30-day mean',
    leaseEquivalentUsdPerMwYear: 'Lease offer, equivalent annual value',
    leaseMarginUsdPerMwYear: 'Lease first-year margin',
    shortfallPctOfLease: 'Mining short of the lease by',
    daysInMean: 'Days in the mean',
    hashpriceUsdPerPhDay: 'Hashprice',
  },
  docs: (c) => ({
    subjects: 'one per site with a lease offer',
    raises: `a site's mining margin per MW-year (revenue - power - hosting at each day's realized hashprice, mean of the last 30 closed days) is ${c.belowLeasePct}% or more below what its AI/HPC lease offer is worth per MW-year once the conversion is paid for (the offer's NPV per MW of site power, capex and build months included, spread evenly over build + term at its discount rate)`,
    severity: `critical at ${c.criticalBelowLeasePct}% below`,
    clears: `the shortfall under ${c.belowLeasePct - c.hysteresisPctPoints}% (${c.hysteresisPctPoints}-point band)`,
  }),
  observe(input, config) {
    return (input.sites ?? []).map((site) => {
      const mining = site.miningMarginUsdPerMwYear30d;
      // Without its trailing mean the site is judged neither way (its state holds); an offer that
      // earns nothing per MW is no advantage, however little mining earns.
      const shortfallPct =
        mining === undefined
          ? undefined
          : site.leaseEquivalentUsdPerMwYear > 0
            ? shortfallPctOfLease(mining, site.leaseEquivalentUsdPerMwYear)
            : Number.NEGATIVE_INFINITY;
      return {
        subject: site.name,
        entered:
          shortfallPct === undefined
            ? undefined
            : shortfallPct >= config.criticalBelowLeasePct
              ? 'critical'
              : shortfallPct >= config.belowLeasePct
                ? 'warning'
                : undefined,
        recovered: shortfallPct !== undefined && shortfallPct < config.belowLeasePct - config.hysteresisPctPoints,
        evidence: {
          values: {
            site: site.name,
            miningMarginUsdPerMwYear30d: mining ?? null,
            leaseEquivalentUsdPerMwYear: site.leaseEquivalentUsdPerMwYear,
            leaseMarginUsdPerMwYear: site.leaseMarginUsdPerMwYear,
            shortfallPctOfLease: shortfallPct !== undefined && Number.isFinite(shortfallPct) ? shortfallPct : null,
            daysInMean: site.daysInMean,
            fromDate: site.fromDate,
            toDate: site.toDate,
            hashpriceUsdPerPhDay: input.hashprice?.usdPerPhDay ?? null,
          },
          thresholds: {
            belowLeasePct: config.belowLeasePct,
            criticalBelowLeasePct: config.criticalBelowLeasePct,
            hysteresisPctPoints: config.hysteresisPctPoints,
          },
        },
      };
    });
  },
  describe({ subject, severity, transition, evidence, money }) {
    const v = evidence.values;
    const mining = evidenceNumber(v.miningMarginUsdPerMwYear30d);
    const lease = evidenceNumber(v.leaseEquivalentUsdPerMwYear);
    const details = [
      `Mining margin ${money.amount(mining)} per MW-year (mean of ${evidenceNumber(v.daysInMean)} days, ${String(v.fromDate)} to ${String(v.toDate)}, at each day's realized hashprice)`,
      `Lease offer worth ${money.amount(lease)} per MW-year once its conversion is paid for (its NPV spread over build and term); first-year rent less haircut and power ${money.amount(evidenceNumber(v.leaseMarginUsdPerMwYear))}`,
      ...(v.shortfallPctOfLease !== null
        ? [`Mining earns ${pct(evidenceNumber(v.shortfallPctOfLease))} less than the lease would`]
        : []),
      ...(v.hashpriceUsdPerPhDay !== null
        ? [`Hashprice ${money.hashprice(evidenceNumber(v.hashpriceUsdPerPhDay))}`]
        : []),
      'GET /v1/sites gives both NPVs over the lease horizon, the IRR, the payback and the break-even hashprice.',
    ];
    if (transition === 'cleared') {
      return {
        title: `Site ${subject}: mining is back near its lease offer (${money.amount(mining)}/MW-year)`,
        summary:
          "Over the last 30 days the site's mining margin per MW came back within the band of what its lease offer is worth per year.",
        details,
      };
    }
    return {
      title: `Site ${subject} earns ${money.amount(mining)}/MW-year mining vs ${money.amount(lease)} leased`,
      summary:
        severity === 'critical'
          ? "Over the last 30 days the site's mining margin per MW has stayed far below what its AI/HPC lease offer is worth per year once the conversion is paid for: leasing would earn much more."
          : "Over the last 30 days the site's mining margin per MW has stayed below what its AI/HPC lease offer is worth per year once the conversion is paid for.",
      details,
    };
  },
});

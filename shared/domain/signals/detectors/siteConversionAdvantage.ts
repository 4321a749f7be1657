/**
 * site-conversion-advantage: one of the owner's sites earns less hashing than its AI/HPC lease
 * offer would. The site's mining margin per MW-year (revenue - power - hosting, at each day's
 * realized hashprice, averaged over the last 30 closed days) is held against the offer's first-year
 * margin per MW of site power; a shortfall of `belowLeasePct` percent of the lease's margin raises a
 * warning, `criticalBelowLeasePct` makes it critical. One subject per site with an offer. It clears
 * once the shortfall is a band under the warning level. The conversion capex and build months are
 * not in this yearly comparison: GET /v1/sites and the calculator weigh them (NPVs, IRR, payback).
 */
import type { SignalDetector } from '../detector';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['site-conversion-advantage'];

/** How far the mining margin is below the lease's, in percent of the lease's; 0 or less when mining earns as much. */
export function shortfallPctOfLease(miningUsdPerMwYear: number, leaseUsdPerMwYear: number): number {
  return ((leaseUsdPerMwYear - miningUsdPerMwYear) / leaseUsdPerMwYear) * 100;
}

export const siteConversionAdvantageDetector: SignalDetector<Config> = {
  signal: 'site-conversion-advantage',
  observe(input, config) {
    return (input.sites ?? []).map((site) => {
      const mining = site.miningMarginUsdPerMwYear30d;
      // Without its trailing mean the site is judged neither way (its state holds); an offer that
      // earns nothing per MW is no advantage, however little mining earns.
      const shortfallPct =
        mining === undefined
          ? undefined
          : site.leaseMarginUsdPerMwYear > 0
            ? shortfallPctOfLease(mining, site.leaseMarginUsdPerMwYear)
            : Number.NEGATIVE_INFINITY;
      return {
        signal: 'site-conversion-advantage' as const,
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
    const lease = evidenceNumber(v.leaseMarginUsdPerMwYear);
    const details = [
      `Mining margin ${money.amount(mining)} per MW-year (mean of ${evidenceNumber(v.daysInMean)} days, ${String(v.fromDate)} to ${String(v.toDate)}, at each day's realized hashprice)`,
      `Lease offer ${money.amount(lease)} per MW-year (first year, after the credit haircut and any power the landlord pays)`,
      ...(v.shortfallPctOfLease !== null
        ? [`Mining earns ${pct(evidenceNumber(v.shortfallPctOfLease))} less than the lease would`]
        : []),
      ...(v.hashpriceUsdPerPhDay !== null
        ? [`Hashprice ${money.hashprice(evidenceNumber(v.hashpriceUsdPerPhDay))}`]
        : []),
      'Conversion capex and build months are not in these yearly figures: GET /v1/sites gives both NPVs, the IRR and the break-even hashprice.',
    ];
    if (transition === 'cleared') {
      return {
        title: `Site ${subject}: mining is back near its lease offer (${money.amount(mining)}/MW-year)`,
        summary:
          "Over the last 30 days the site's mining margin per MW came back within the band of its lease offer's.",
        details,
      };
    }
    return {
      title: `Site ${subject} earns ${money.amount(mining)}/MW-year mining vs ${money.amount(lease)} leased`,
      summary:
        severity === 'critical'
          ? "Over the last 30 days the site's mining margin per MW has stayed far below what its AI/HPC lease offer pays: leasing the power would earn much more per year."
          : "Over the last 30 days the site's mining margin per MW has stayed below what its AI/HPC lease offer pays.",
      details,
    };
  },
};

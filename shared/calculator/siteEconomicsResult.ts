/**
 * The answer's `siteEconomics` object (docs/calculator.md, "Site economics"): what a megawatt of
 * the site earns hashing today, and with `hpcLease`, both paths over the lease horizon.
 */
import type { OfferAmongDeals } from '../domain/siteEconomics/referenceDeals';
import type { BtcPricePath } from './request';

export interface SiteEconomics {
  /** The MW the figures are for: `site.powerCapacityMw`, or the machines' nameplate power. */
  siteMw: number;
  siteMwSource: 'site.powerCapacityMw' | 'machines';
  /** The machines' nameplate power, MW. */
  fleetPowerMw: number;
  hashpriceUsdPerPhDay: number;
  powerPriceUsdPerMwh: number;
  /** Revenue per MWh the machines draw, after the pool fee: hashprice per TH-day / (J/TH x 24 / 10^6). */
  miningRevenueUsdPerMwh: number;
  /** Revenue less power and hosting per MWh drawn; null when nothing is drawn (uptime 0). */
  miningMarginUsdPerMwh: number | null;
  /** Cash profit (revenue - power - hosting) per MW of the machines' power, per year of 365.25 days. */
  miningMarginUsdPerMwYear: number;
  /** First-year rent per MW of site power (rate on IT load x IT share, before the credit haircut); null without hpcLease. */
  leaseRevenueUsdPerMwYear: number | null;
  /** First-year rent after the haircut, less the power the landlord pays, per MW of site power; null without hpcLease. */
  leaseMarginUsdPerMwYear: number | null;
  /** NPV of hashing on over the lease horizon (build + term), the whole site; null without hpcLease. */
  miningNpvUsd: number | null;
  /** NPV of converting and leasing over the same horizon, capex and fleet sale included; null without hpcLease. */
  leaseNpvUsd: number | null;
  /** The lease's internal rate of return, annual percent; null without hpcLease or when none exists. */
  leaseIrrPct: number | null;
  /** Years from the start of conversion until the lease's cumulative cash covers its net capex; null if not within the term. */
  leasePaybackYears: number | null;
  /** The starting hashprice at which both NPVs are equal; null without hpcLease or if mining wins at any hashprice. */
  conversionBreakEvenHashpriceUsdPerPhDay: number | null;
  /** The horizon and projection the NPVs use; null without hpcLease. */
  comparison: {
    horizonYears: number;
    startDate: string;
    endDate: string;
    discountRatePct: number;
    itLoadMw: number;
    /** The offer's rate per MW of IT load in its first year. */
    rateUsdPerMwItYear: number;
    /** How the mining side was projected: the scenario machinery's settings and the halvings it crosses. */
    mining: {
      difficultyGrowthPctPerEpoch: number;
      btcPricePath: BtcPricePath;
      feesBtcPerBlock: number;
      halvings: { height: number; date: string; subsidyAfterBtc: number }[];
    };
  } | null;
  /** Where the offer sits among announced deals (shared/data/hpcLeaseDeals.json); null without hpcLease. */
  referenceDeals: OfferAmongDeals | null;
}

/**
 * The CLI's "Site" block: the siteEconomics answer in words and figures. Printed only when the
 * request asked about the site (`site` or `hpcLease`), so other requests print as before.
 */
import type { SiteEconomics } from './siteEconomicsResult';

const money = (value: number | null, digits = 0): string =>
  value === null
    ? 'n/a'
    : `${value < 0 ? '-' : ''}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
const millions = (value: number | null): string =>
  value === null ? 'n/a' : `${value < 0 ? '-' : ''}$${(Math.abs(value) / 1e6).toFixed(2)}M`;
const number = (value: number | null, digits: number): string => (value === null ? 'n/a' : value.toFixed(digits));

export function renderSiteEconomics(s: SiteEconomics, asked: boolean): string[] {
  if (!asked) return [];
  const out = [
    '',
    `Site      ${number(s.siteMw, 3)} MW (${s.siteMwSource}); machines ${number(s.fleetPowerMw, 3)} MW; power ${money(s.powerPriceUsdPerMwh, 2)}/MWh`,
    `Mining    revenue ${money(s.miningRevenueUsdPerMwh, 2)}/MWh, margin ${money(s.miningMarginUsdPerMwh, 2)}/MWh, ${money(s.miningMarginUsdPerMwYear)}/MW-year (today)`,
  ];
  const c = s.comparison;
  if (!c) return out;
  out.push(
    `Lease     ${money(c.rateUsdPerMwItYear)}/MW of IT load a year on ${number(c.itLoadMw, 2)} MW of IT: ${money(s.leaseRevenueUsdPerMwYear)}/MW-year of site power, ${money(s.leaseMarginUsdPerMwYear)} after haircut and power`,
    `Horizon   ${c.startDate} to ${c.endDate} (${number(c.horizonYears, 2)} years: build + term), discount ${c.discountRatePct}%/year; mining projected with difficulty ${c.mining.difficultyGrowthPctPerEpoch >= 0 ? '+' : ''}${c.mining.difficultyGrowthPctPerEpoch}% per epoch${c.mining.halvings.length > 0 ? `, halvings ${c.mining.halvings.map((h) => h.date).join(', ')}` : ''}`,
    `NPV       mining ${millions(s.miningNpvUsd)}, lease ${millions(s.leaseNpvUsd)}: ${s.miningNpvUsd !== null && s.leaseNpvUsd !== null ? (s.leaseNpvUsd > s.miningNpvUsd ? 'leasing' : 'mining') + ' is worth more' : ''}`,
    `Lease     IRR ${s.leaseIrrPct === null ? 'n/a' : `${number(s.leaseIrrPct, 1)}%`}, payback ${s.leasePaybackYears === null ? 'not within the term' : `${number(s.leasePaybackYears, 1)} years`}`,
    `Break-even hashprice ${s.conversionBreakEvenHashpriceUsdPerPhDay === null ? 'none (mining wins at any hashprice)' : `${money(s.conversionBreakEvenHashpriceUsdPerPhDay, 2)}/PH/day`} (today ${money(s.hashpriceUsdPerPhDay, 2)}): above it, hashing on is worth more`,
  );
  const r = s.referenceDeals;
  if (r)
    out.push(
      `Deals     the offer averages ${money(r.offerAverageUsdPerMwItYear)}/MW-year of IT over its term: rank ${r.rank} of ${r.of + 1} among ${r.of} announced leases (percentile ${number(r.percentile, 0)}; low ${money(r.lowestUsdPerMwItYear)}, median ${money(r.medianUsdPerMwItYear)}, high ${money(r.highestUsdPerMwItYear)}; data ${r.dataVersion})`,
    );
  return out;
}

/**
 * GET /v1/sites: each of the owner's sites (compute config `sites`) priced per megawatt at the
 * latest snapshot, by the calculator itself: the site's calculator request (ownerSites.ts) with
 * the snapshot as its market and the snapshot's day as its start, so every figure is the
 * calculator's `siteEconomics` for the same inputs (one home per formula). Money figures are in
 * `currency`, named without "Usd" as on the other routes; the calculator's object stays beside
 * them in USD (`siteEconomics`), reference deals included.
 */
import { calculateWith } from '../calculator/calculation';
import { isCalculatorError } from '../calculator/errors';
import type { MarketSnapshot } from '../calculator/market';
import type { SiteEconomics } from '../calculator/siteEconomicsResult';
import type { OwnerSite } from '../compute/ownerSites';
import { fromUsd, fromUsdOrNull, type Currency } from '../domain/currency';
import { sitePowerPriceUsdPerKwh, type Site } from '../domain/site';
import { ApiErrorCode, isRefusal, refuse, type ApiRefusal } from './apiResponse';
import { snapshotRate } from './currencyRate';
import type { LatestStateReader, OwnerSitesSource } from './ports';
import type { SiteView, SitesView } from './responses/sitesResponse';
import type { SnapshotRate } from './responses/snapshotRateResponse';

export async function readSites(
  reader: LatestStateReader,
  source: OwnerSitesSource,
  currency: Currency,
): Promise<SitesView | ApiRefusal> {
  const record = await reader.latestProfitability();
  const snapshot = record ? await reader.snapshot(record.intervalStart) : undefined;
  if (!record || !snapshot) {
    return refuse(
      ApiErrorCode.NotReady,
      'Nothing computed yet: no profitability record and snapshot are stored (the first ingest and compute have not run).',
    );
  }
  const rate = snapshotRate(snapshot, currency);
  if (isRefusal(rate)) return rate;
  const sites: SiteView[] = [];
  for (const owned of source.sites) {
    const economics = await siteEconomicsAt(owned, snapshot, source);
    if (typeof economics === 'string') {
      // The config's fault, not the caller's: the compute's cold start refuses the same config.
      return refuse(ApiErrorCode.Internal, `Site ${owned.site.name} could not be priced: ${economics}`);
    }
    sites.push(siteView(owned.site, economics, rate));
  }
  return {
    currency,
    fx: rate,
    snapshot: {
      intervalStart: record.intervalStart,
      observedAt: record.observedAt,
      hashpriceUsdPerPhDay: sites[0]?.siteEconomics.hashpriceUsdPerPhDay ?? record.hashprice.expectedUsdPerPhDay,
    },
    sites,
  };
}

/** The calculator's siteEconomics for the site at this snapshot, or the calculator's message. */
async function siteEconomicsAt(
  owned: OwnerSite,
  snapshot: MarketSnapshot,
  source: OwnerSitesSource,
): Promise<SiteEconomics | string> {
  // No projection history: a site request never projects, and the read API's bundle leaves it out.
  const answer = await calculateWith(
    owned.request,
    {
      lookupModel: source.lookupModel,
      snapshots: { latestSnapshot: async () => snapshot },
      now: () => new Date(snapshot.intervalStart),
    },
    undefined,
  );
  if (isCalculatorError(answer)) return answer.error.message;
  return answer.siteEconomics ?? 'the calculator gave no siteEconomics';
}

function siteView(site: Site, e: SiteEconomics, rate: SnapshotRate): SiteView {
  const money = (usd: number): number => fromUsd(usd, rate);
  const moneyOrNullOf = (usd: number | null): number | null => fromUsdOrNull(usd, rate);
  const powerPriceUsdPerMwh = sitePowerPriceUsdPerKwh(site.powerPrice) * 1000;
  return {
    name: site.name,
    powerCapacityMw: site.powerCapacityMw,
    fleets: site.fleets,
    powerPricePerMwh: money(powerPriceUsdPerMwh),
    powerPriceUsdPerMwh,
    leaseOffer: site.leaseOffer ?? null,
    miningRevenuePerMwh: money(e.miningRevenueUsdPerMwh),
    miningMarginPerMwh: moneyOrNullOf(e.miningMarginUsdPerMwh),
    miningMarginPerMwYear: money(e.miningMarginUsdPerMwYear),
    leaseRevenuePerMwYear: moneyOrNullOf(e.leaseRevenueUsdPerMwYear),
    leaseMarginPerMwYear: moneyOrNullOf(e.leaseMarginUsdPerMwYear),
    miningNpv: moneyOrNullOf(e.miningNpvUsd),
    leaseNpv: moneyOrNullOf(e.leaseNpvUsd),
    leaseIrrPct: e.leaseIrrPct,
    leasePaybackYears: e.leasePaybackYears,
    conversionBreakEvenHashpricePerPhDay: moneyOrNullOf(e.conversionBreakEvenHashpriceUsdPerPhDay),
    referenceDeals: e.referenceDeals,
    siteEconomics: e,
  };
}

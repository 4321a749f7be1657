/**
 * Where a lease offer sits among announced deals. A deal is announced as a base-term contract
 * value for some MW of IT load over some years, so its rate is the value / MW / years: an average
 * over the term, escalators included. An offer is compared on the same basis (its rate averaged
 * over its own term), not on its first-year rate.
 */

/** The announced-deal figures this needs (shared/data/hpcLeaseDeals.ts carries the rest). */
export interface AnnouncedDeal {
  id: string;
  company: string;
  counterparty: string;
  kind: 'lease' | 'ai-cloud';
  itLoadMw: number;
  contractValueUsd: number;
  termYears: number;
  announcedOn: string;
  source: string;
}

/** An announced deal's implied rate: contract value / MW of IT load / term years, USD per MW-year. */
export function impliedUsdPerMwItYear(
  deal: Pick<AnnouncedDeal, 'contractValueUsd' | 'itLoadMw' | 'termYears'>,
): number {
  return deal.contractValueUsd / deal.itLoadMw / deal.termYears;
}

export interface OfferAmongDeals {
  /** The offer's rate per MW of IT load averaged over its term, escalators included. */
  offerAverageUsdPerMwItYear: number;
  /** 1 = the richest; ties share the better rank. */
  rank: number;
  /** Lease deals compared (GPU-cloud deals are left out: their price includes the GPUs). */
  of: number;
  /** Percent of the compared deals whose rate is at or below the offer's. */
  percentile: number;
  lowestUsdPerMwItYear: number;
  medianUsdPerMwItYear: number;
  highestUsdPerMwItYear: number;
  dataVersion: string;
  deals: { id: string; company: string; counterparty: string; announcedOn: string; impliedUsdPerMwItYear: number }[];
}

export function offerAmongDeals(
  offerAverageUsdPerMwItYear: number,
  allDeals: readonly AnnouncedDeal[],
  dataVersion: string,
): OfferAmongDeals {
  const deals = allDeals
    .filter((d) => d.kind === 'lease')
    .map((d) => ({
      id: d.id,
      company: d.company,
      counterparty: d.counterparty,
      announcedOn: d.announcedOn,
      impliedUsdPerMwItYear: impliedUsdPerMwItYear(d),
    }))
    .sort((a, b) => b.impliedUsdPerMwItYear - a.impliedUsdPerMwItYear);
  const rates = deals.map((d) => d.impliedUsdPerMwItYear);
  const above = rates.filter((r) => r > offerAverageUsdPerMwItYear).length;
  const ascending = [...rates].reverse();
  const middle = Math.floor(ascending.length / 2);
  const median = ascending.length % 2 === 1 ? ascending[middle]! : (ascending[middle - 1]! + ascending[middle]!) / 2;
  return {
    offerAverageUsdPerMwItYear,
    rank: above + 1,
    of: deals.length,
    percentile: ((deals.length - above) / deals.length) * 100,
    lowestUsdPerMwItYear: ascending[0]!,
    medianUsdPerMwItYear: median,
    highestUsdPerMwItYear: ascending[ascending.length - 1]!,
    dataVersion,
    deals,
  };
}

/**
 * Chooses the price to store from the quotes that arrived, in preference order, and says whether a
 * second source confirms it. Pure: no I/O. Two quotes agree when they differ by at most
 * `tolerancePct` percent of the lower one.
 */
import type { PriceQuote } from './readings';

export interface PriceDecision {
  chosen: PriceQuote;
  /** The quote that confirms `chosen`, if any. */
  confirmedBy?: PriceQuote;
  /** True when the two most preferred quotes were further apart than the tolerance. */
  disagreement: boolean;
  spreadPct?: number;
}

export function spreadPct(a: number, b: number): number {
  return (Math.abs(a - b) / Math.min(a, b)) * 100;
}

/**
 * With quotes ordered by preference: the first quote confirmed by any later one wins; if the two
 * most preferred disagree, the most preferred quote that some other quote confirms wins (a third
 * source breaks the tie); with no agreeing pair the most preferred quote is returned unconfirmed.
 */
export function decidePrice(quotes: readonly PriceQuote[], tolerancePct: number): PriceDecision | undefined {
  const [first, second] = quotes;
  if (!first) return undefined;
  const disagreement = second !== undefined && spreadPct(first.priceUsd, second.priceUsd) > tolerancePct;
  for (const candidate of quotes) {
    const partner = quotes.find((q) => q !== candidate && spreadPct(candidate.priceUsd, q.priceUsd) <= tolerancePct);
    if (partner)
      return {
        chosen: candidate,
        confirmedBy: partner,
        disagreement,
        spreadPct: spreadPct(candidate.priceUsd, partner.priceUsd),
      };
  }
  return { chosen: first, disagreement, ...(second ? { spreadPct: spreadPct(first.priceUsd, second.priceUsd) } : {}) };
}

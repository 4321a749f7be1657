/** CoinGecko simple price (`/api/v3/simple/price?ids=bitcoin&vs_currencies=usd`): a number; `last_updated_at` unix s. */
import * as z from '../../schema/z';
import type { PriceQuote } from '../../ingest/readings';
import { SourceClient, secondsToIso, type SourceContext } from './sourceClient';

const simplePriceSchema = z.object({
  bitcoin: z.object({
    usd: z.number().check(z.positive()),
    last_updated_at: z.optional(z.int().check(z.positive())),
  }),
});

export class CoinGeckoClient extends SourceClient {
  constructor(baseUrl: string, ctx: SourceContext) {
    super('coingecko', baseUrl, ctx);
  }

  price(): Promise<PriceQuote> {
    return this.getJson(
      'simple-price',
      '/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true',
      simplePriceSchema,
      (raw) => this.read(raw),
    );
  }

  private read(raw: z.infer<typeof simplePriceSchema>): PriceQuote {
    const updated = raw.bitcoin.last_updated_at;
    if (updated !== undefined) this.assertFresh('simple price last_updated_at', new Date(updated * 1000));
    return {
      source: this.name,
      priceUsd: raw.bitcoin.usd,
      fiatPrices: {},
      ...(updated !== undefined ? { observedAt: secondsToIso(updated) } : {}),
    };
  }
}

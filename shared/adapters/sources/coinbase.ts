/** Coinbase spot price (`/v2/prices/BTC-USD/spot`, no auth): `data.amount` is a decimal string. */
import * as z from '../../schema/z';
import type { PriceQuote } from '../../ingest/readings';
import { DECIMAL_STRING, SourceClient, type SourceContext } from './sourceClient';

const spotSchema = z.object({
  data: z.object({
    amount: z.string().check(z.regex(DECIMAL_STRING, 'expected a decimal string')),
    base: z.literal('BTC'),
    currency: z.literal('USD'),
  }),
});

export class CoinbaseClient extends SourceClient {
  constructor(baseUrl: string, ctx: SourceContext) {
    super('coinbase', baseUrl, ctx);
  }

  price(): Promise<PriceQuote> {
    return this.getJson('spot', '/v2/prices/BTC-USD/spot', spotSchema, (raw) => ({
      source: this.name,
      priceUsd: Number(raw.data.amount),
      fiatPrices: {},
    }));
  }
}

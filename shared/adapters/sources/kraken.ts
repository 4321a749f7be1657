/**
 * Kraken public ticker (`/0/public/Ticker?pair=XBTUSD`). The result is keyed by Kraken's internal
 * pair name (XXBTZUSD, not the requested XBTUSD); every price is a string; `c[0]` is the last trade.
 * A non-empty `error` array means failure even with HTTP 200.
 */
import * as z from '../../schema/z';
import { SourceError } from './http';
import type { PriceQuote } from '../../ingest/readings';
import { DECIMAL_STRING, SourceClient, type SourceContext } from './sourceClient';

const decimal = z.string().check(z.regex(DECIMAL_STRING, 'expected a decimal string'));
const tickerSchema = z.object({
  error: z.array(z.string()),
  result: z.optional(z.record(z.string(), z.object({ c: z.tuple([decimal, decimal]) }))),
});

export class KrakenClient extends SourceClient {
  constructor(baseUrl: string, ctx: SourceContext) {
    super('kraken', baseUrl, ctx);
  }

  price(): Promise<PriceQuote> {
    return this.getJson('ticker', '/0/public/Ticker?pair=XBTUSD', tickerSchema, (raw) => this.read(raw));
  }

  private read(raw: z.infer<typeof tickerSchema>): PriceQuote {
    if (raw.error.length > 0) throw new SourceError(this.name, 'http', `ticker error: ${raw.error.join(', ')}`);
    const ticker = raw.result?.XXBTZUSD ?? raw.result?.['BTC/USD'];
    if (!ticker)
      throw new SourceError(
        this.name,
        'schema',
        `ticker result lacks XXBTZUSD (keys: ${Object.keys(raw.result ?? {}).join(', ')})`,
      );
    return { source: this.name, priceUsd: Number(ticker.c[0]), fiatPrices: {} };
  }
}

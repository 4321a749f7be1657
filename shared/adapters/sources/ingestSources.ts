/**
 * Wires the real clients behind the ingest use case's IngestSources port (shared/ingest/ports.ts):
 * the primary (mempool) and its fallbacks, in order, from the config; tests and the local replay
 * mode only change base URLs.
 */
import type { IngestConfig } from '../../config/ingestConfig';
import { BlockchainInfoClient } from './blockchainInfo';
import { CoinbaseClient } from './coinbase';
import { CoinGeckoClient } from './coingecko';
import type { HttpDeps } from './http';
import { KrakenClient } from './kraken';
import { MempoolClient } from './mempool';
import type { IngestSources, PriceSource } from '../../ingest/ports';
import type { SourceCall } from './sourceClient';

export interface SourceWiring {
  now: () => Date;
  observe?: (call: SourceCall) => void;
  httpDeps?: HttpDeps;
}

export function createIngestSources(config: IngestConfig, wiring: SourceWiring): IngestSources {
  const ctx = {
    http: config.http,
    now: wiring.now,
    maxDataAgeMs: config.validation.maxDataAgeMinutes * 60_000,
    ...(wiring.observe ? { observe: wiring.observe } : {}),
    ...(wiring.httpDeps ? { httpDeps: wiring.httpDeps } : {}),
  };
  const s = config.sources;
  const byName: Record<'coinbase' | 'kraken' | 'coingecko', PriceSource> = {
    coinbase: new CoinbaseClient(s.coinbaseBaseUrl, ctx),
    kraken: new KrakenClient(s.krakenBaseUrl, ctx),
    coingecko: new CoinGeckoClient(s.coingeckoBaseUrl, ctx),
  };
  return {
    mempool: new MempoolClient(s.mempoolBaseUrl, ctx),
    priceFallbacks: s.priceFallbackOrder.map((name) => byName[name]),
    chainFallback: new BlockchainInfoClient(s.blockchainInfoBaseUrl, ctx),
  };
}

/**
 * Every upstream the ingest talks to, replayed from the recorded responses in
 * test/fixtures/upstream (see its SOURCES.md) by one local server. Scenario "2026-02-01": the
 * network as it was at 2026-02-01T00:10:00Z (tip 934541), from real chain and price data.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReplayServer, type ReplayResponse, type ReplayServer } from '../../shared/adapters/sources/replayServer';
import type { IngestConfig } from '../../shared/config/ingestConfig';
import { ingestConfigSchema } from '../../shared/config/ingestConfig';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'upstream');
export const readFixture = (relativePath: string): string => readFileSync(join(FIXTURE_DIR, relativePath), 'utf8');
export const readJsonFixture = <T = unknown>(relativePath: string): T => JSON.parse(readFixture(relativePath)) as T;

/** The moment scenario 2026-02-01 was "recorded". */
export const SCENARIO_NOW = new Date('2026-02-01T00:10:00Z');

export const PATHS = {
  tipHeight: '/mempool/api/blocks/tip/height',
  difficultyAdjustment: '/mempool/api/v1/difficulty-adjustment',
  hashrateCycle: '/mempool/api/v1/mining/hashrate/1w',
  hashrateBackfill: '/mempool/api/v1/mining/hashrate/3m',
  rewardStats: '/mempool/api/v1/mining/reward-stats/144',
  prices: '/mempool/api/v1/prices',
  difficultyAdjustments: '/mempool/api/v1/mining/difficulty-adjustments',
  historicalPrice: '/mempool/api/v1/historical-price?currency=USD',
  coinbase: '/coinbase/v2/prices/BTC-USD/spot',
  kraken: '/kraken/0/public/Ticker?pair=XBTUSD',
  coingecko: '/coingecko/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true',
  blockchainInfo: '/blockchain-info/stats',
} as const;

const json = (file: string): ReplayResponse => ({ body: readFixture(file) });

export function scenario20260201(): Record<string, ReplayResponse> {
  // mempool serves the same recorded ~92-day series for any period (the cycle asks 1w, backfill 3m).
  const hashrate = json('mempool/hashrate-3m.derived-2026-02-01.json');
  return {
    [PATHS.tipHeight]: { body: readFixture('mempool/blocks-tip-height.derived-2026-02-01.txt'), contentType: 'text/plain' },
    [PATHS.difficultyAdjustment]: json('mempool/difficulty-adjustment.derived-2026-02-01.json'),
    [PATHS.hashrateCycle]: hashrate,
    [PATHS.hashrateBackfill]: hashrate,
    [PATHS.rewardStats]: json('mempool/reward-stats-144.derived-2026-02-01.json'),
    [PATHS.prices]: json('mempool/prices.derived-2026-02-01.json'),
    [PATHS.difficultyAdjustments]: json('mempool/difficulty-adjustments-all.derived.json'),
    [PATHS.historicalPrice]: json('mempool/historical-price-USD.derived-2026-02-01.json'),
    [PATHS.coinbase]: json('coinbase/spot-BTC-USD.derived-2026-02-01.json'),
    [PATHS.kraken]: json('kraken/ticker-XBTUSD.derived-2026-02-01.json'),
    [PATHS.coingecko]: json('coingecko/simple-price-bitcoin-usd.derived-2026-02-01.json'),
    [PATHS.blockchainInfo]: json('blockchain-info/stats.derived-2026-02-01.json'),
  };
}

export function startFakeUpstream(): Promise<ReplayServer> {
  return startReplayServer(scenario20260201());
}

/** Long enough that scenario snapshots (2026-02-01) outlive the wall clock for years. */
export const TEST_RETENTION_DAYS = 3650;

/** An ingest config pointing every source at the fake, with test-sized timeouts and backoff. */
export function configFor(baseUrl: string, overrides: Record<string, unknown> = {}): IngestConfig {
  return ingestConfigSchema.parse(configJsonFor(baseUrl, overrides));
}

export function configJsonFor(baseUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sources: {
      mempoolBaseUrl: `${baseUrl}/mempool`,
      coinbaseBaseUrl: `${baseUrl}/coinbase`,
      krakenBaseUrl: `${baseUrl}/kraken`,
      coingeckoBaseUrl: `${baseUrl}/coingecko`,
      blockchainInfoBaseUrl: `${baseUrl}/blockchain-info`,
    },
    http: { timeoutMs: 400, maxAttempts: 2, backoffBaseMs: 5, backoffMaxMs: 20, maxRetryAfterMs: 2_000 },
    backfill: { hashratePeriod: '3m' },
    // The scenario lies in the past: with the default 30 days its snapshots would already be expired
    // and DynamoDB Local's TTL sweeper (it runs on the wall clock) could delete them mid-test.
    storage: { rawSnapshotRetentionDays: TEST_RETENTION_DAYS },
    ...overrides,
  };
}

/**
 * The recorded upstream scenario "2026-02-01": what every source the ingest talks to (mempool,
 * Coinbase, Kraken, CoinGecko, blockchain.info) answered at 2026-02-01T00:10:00Z (tip 934541),
 * built from real chain and price data (shared/data/recorded, origin in its SOURCES.md).
 *
 * Product code: the local run's offline replay mode (`npm start -- --replay`) serves it with
 * `startReplayServer`; the tests build their fake upstream (and its fault injection) on it.
 */
import { readFileSync } from 'node:fs';
import type { ReplayResponse } from './replayServer';

/** Where the recorded responses live (one copy, shared by the replay mode and the tests). */
export const RECORDED_DIR_URL = new URL('../../shared/data/recorded/', import.meta.url);

export const readRecorded = (relativePath: string): string =>
  readFileSync(new URL(relativePath, RECORDED_DIR_URL), 'utf8');

/** The moment scenario 2026-02-01 was "recorded". */
export const SCENARIO_NOW = new Date('2026-02-01T00:10:00Z');

/** Every route of the scenario: each source under its own prefix on one server. */
export const PATHS = {
  tipHeight: '/mempool/api/blocks/tip/height',
  difficultyAdjustment: '/mempool/api/v1/difficulty-adjustment',
  hashrateCycle: '/mempool/api/v1/mining/hashrate/1w',
  hashrateBackfill: '/mempool/api/v1/mining/hashrate/3m',
  rewardStats: '/mempool/api/v1/mining/reward-stats/144',
  blockFeesCycle: '/mempool/api/v1/mining/blocks/fees/3d',
  blockFeesBackfill: '/mempool/api/v1/mining/blocks/fees/3m',
  prices: '/mempool/api/v1/prices',
  difficultyAdjustments: '/mempool/api/v1/mining/difficulty-adjustments',
  historicalPrice: '/mempool/api/v1/historical-price?currency=USD',
  coinbase: '/coinbase/v2/prices/BTC-USD/spot',
  kraken: '/kraken/0/public/Ticker?pair=XBTUSD',
  coingecko: '/coingecko/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true',
  blockchainInfo: '/blockchain-info/stats',
} as const;

/** The backfill period the recorded series cover (mempool's '3m'; about 92 days). */
export const SCENARIO_BACKFILL_PERIOD = '3m';

const json = (file: string): ReplayResponse => ({ body: readRecorded(file) });

export function scenario20260201(): Record<string, ReplayResponse> {
  // mempool serves the same recorded ~92-day series for any period (the cycle asks 1w, backfill 3m).
  const hashrate = json('mempool/hashrate-3m.derived-2026-02-01.json');
  return {
    [PATHS.tipHeight]: {
      body: readRecorded('mempool/blocks-tip-height.derived-2026-02-01.txt'),
      contentType: 'text/plain',
    },
    [PATHS.difficultyAdjustment]: json('mempool/difficulty-adjustment.derived-2026-02-01.json'),
    [PATHS.hashrateCycle]: hashrate,
    [PATHS.hashrateBackfill]: hashrate,
    [PATHS.rewardStats]: json('mempool/reward-stats-144.derived-2026-02-01.json'),
    [PATHS.blockFeesCycle]: json('mempool/blocks-fees-3d.derived-2026-02-01.json'),
    [PATHS.blockFeesBackfill]: json('mempool/blocks-fees-3m.derived-2026-02-01.json'),
    [PATHS.prices]: json('mempool/prices.derived-2026-02-01.json'),
    [PATHS.difficultyAdjustments]: json('mempool/difficulty-adjustments-all.derived.json'),
    [PATHS.historicalPrice]: json('mempool/historical-price-USD.derived-2026-02-01.json'),
    [PATHS.coinbase]: json('coinbase/spot-BTC-USD.derived-2026-02-01.json'),
    [PATHS.kraken]: json('kraken/ticker-XBTUSD.derived-2026-02-01.json'),
    [PATHS.coingecko]: json('coingecko/simple-price-bitcoin-usd.derived-2026-02-01.json'),
    [PATHS.blockchainInfo]: json('blockchain-info/stats.derived-2026-02-01.json'),
  };
}

/** Long enough that the scenario's snapshots (2026-02-01) outlive the wall clock for years. */
export const REPLAY_RETENTION_DAYS = 3650;

/**
 * Ingest config JSON (HASHWATCH_INGEST_CONFIG) pointing every source at a replay server on
 * `baseUrl`, backfilling the period the recordings cover. `overrides` replace top-level sections.
 */
export function replayIngestConfigJson(
  baseUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    sources: {
      mempoolBaseUrl: `${baseUrl}/mempool`,
      coinbaseBaseUrl: `${baseUrl}/coinbase`,
      krakenBaseUrl: `${baseUrl}/kraken`,
      coingeckoBaseUrl: `${baseUrl}/coingecko`,
      blockchainInfoBaseUrl: `${baseUrl}/blockchain-info`,
    },
    backfill: { hashratePeriod: SCENARIO_BACKFILL_PERIOD },
    // The scenario lies in the past: with the default 30 days its snapshots would already be expired
    // and DynamoDB Local's TTL sweeper (it runs on the wall clock) could delete them mid-run.
    storage: { rawSnapshotRetentionDays: REPLAY_RETENTION_DAYS },
    ...overrides,
  };
}

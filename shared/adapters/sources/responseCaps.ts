/**
 * The most a response of each upstream endpoint may weigh, in bytes, so that the ingest's worst
 * case (every endpoint of a round answering its cap at once, parsed) stays under half its 256 MB:
 * measured by bench/ingestPeakRss.bench.ts (`ingest-peak-rss-worst-case`). One 16 MiB cap for all
 * let six concurrent bodies reach 706-766 MiB (issue #22).
 *
 * Each cap is the endpoint's real response size with a wide margin (the recorded responses in
 * shared/data/recorded, 2026-02-01; test/unit/resilience/httpLimits.test.ts checks every one is
 * under an eighth of its cap):
 * - single documents (tip, difficulty-adjustment, reward-stats, prices, the price fallbacks'
 *   tickers, blockchain.info /stats) are 6-700 bytes: 16 KiB (1 KiB for the bare tip height);
 * - the series grow with their period. hashrate: ~90 bytes a day (3m: 8.0 KB for 92 days), so
 *   the cycle's 1w is under 1 KB and the backfill's 'all' (~6,300 days since 2009) ~0.6 MB;
 *   block-fees: ~62 bytes a row (3d: 24 KB for 396 blocks; live rows carry a `USD` field too), a
 *   1y series of 8-hour buckets ~0.1 MB; difficulty-adjustments: 449 rows in 22 KB, ~23 rows a
 *   year; historical-price: 7.3 KB for 123 daily prices, the whole USD series (daily since 2010,
 *   hourly lately) is estimated at ~1 MB.
 * Parsed, a body takes ~25 times its size at its peak (measured by the bench): the backfill reads
 * its long series one after the other, and the cycle's round stays under ~0.6 MiB in all.
 * `http.maxResponseBytes` (config) stays a ceiling over all of them.
 */
import type { SourceName } from '../../ingest/ports';

const KiB = 1024;
const MiB = 1024 * KiB;

export const RESPONSE_CAP_BYTES = {
  mempool: {
    'tip-height': 1 * KiB,
    'difficulty-adjustment': 16 * KiB,
    // The cycle's short series (a week of daily points, three days of blocks), then the backfill's longest.
    'hashrate/1w': 64 * KiB,
    hashrate: 1 * MiB,
    'reward-stats': 16 * KiB,
    'block-fees/3d': 256 * KiB,
    'block-fees': 1 * MiB,
    prices: 16 * KiB,
    'difficulty-adjustments': 256 * KiB,
    'historical-price': 2 * MiB,
  },
  coinbase: { spot: 16 * KiB },
  kraken: { ticker: 16 * KiB },
  coingecko: { 'simple-price': 16 * KiB },
  'blockchain.info': { stats: 16 * KiB },
} as const satisfies Record<SourceName, Record<string, number>>;

/**
 * The cap of one endpoint of one source (of its `period`, for a series whose cap depends on it);
 * an endpoint without one has none below the configured limit.
 */
export function responseCapBytes(source: SourceName, endpoint: string, period?: string): number {
  const caps = RESPONSE_CAP_BYTES[source] as Record<string, number>;
  return (
    (period !== undefined ? caps[`${endpoint}/${period}`] : undefined) ?? caps[endpoint] ?? Number.POSITIVE_INFINITY
  );
}

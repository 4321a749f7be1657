/**
 * Ingest configuration: the optional JSON in HASHWATCH_INGEST_CONFIG, every field defaulted, so an
 * empty config gives a working ingest against the public APIs. Base URLs are configurable so that a
 * self-hosted mempool instance (or the local replay server) can stand in for mempool.space.
 */
import * as z from '../schema/z';

const baseUrl = z.pipe(
  z.url(),
  z.transform((url: string) => url.replace(/\/+$/, '')),
);

export const ingestConfigSchema = z.strictObject({
  sources: z.prefault(
    z.object({
      /** mempool.space or a self-hosted mempool (the part before `/api`). */
      mempoolBaseUrl: z._default(baseUrl, 'https://mempool.space'),
      coinbaseBaseUrl: z._default(baseUrl, 'https://api.coinbase.com'),
      krakenBaseUrl: z._default(baseUrl, 'https://api.kraken.com'),
      coingeckoBaseUrl: z._default(baseUrl, 'https://api.coingecko.com'),
      /** blockchain.info `/stats` (api.blockchain.info serves the same document). */
      blockchainInfoBaseUrl: z._default(baseUrl, 'https://api.blockchain.info'),
      /** Price fallbacks in the order they are tried after mempool. */
      priceFallbackOrder: z._default(z.array(z.enum(['coinbase', 'kraken', 'coingecko'])).check(z.minLength(1)), [
        'coinbase',
        'kraken',
        'coingecko',
      ]),
    }),
    {},
  ),
  http: z.prefault(
    z.object({
      /** Per attempt; a request that takes longer is aborted and counts as a failed attempt. */
      timeoutMs: z._default(z.int().check(z.positive()), 4_000),
      /** Attempts per request including the first (so 3 = two retries). */
      maxAttempts: z._default(z.int().check(z.minimum(1), z.maximum(10)), 3),
      /** First backoff; doubles per retry, full jitter. */
      backoffBaseMs: z._default(z.int().check(z.nonnegative()), 250),
      backoffMaxMs: z._default(z.int().check(z.nonnegative()), 4_000),
      /** A 429/503 Retry-After longer than this is not waited for: the source counts as failed. */
      maxRetryAfterMs: z._default(z.int().check(z.nonnegative()), 10_000),
      /**
       * All attempts and waits of one request together. The cycle makes at most two rounds of
       * concurrent requests, so 2 x 20 s leaves the 60 s function time for DynamoDB and the
       * metric flush (docs/resilience.md).
       */
      requestBudgetMs: z._default(z.int().check(z.positive(), z.maximum(25_000)), 20_000),
      /**
       * A ceiling over every endpoint's own cap (shared/adapters/sources/responseCaps.ts): a
       * response body larger than either is refused unread.
       */
      maxResponseBytes: z._default(z.int().check(z.positive(), z.maximum(64 * 1024 * 1024)), 16 * 1024 * 1024),
      userAgent: z._default(z.string().check(z.minLength(1)), 'hashwatch-ingest/0.1 (+self-hosted)'),
    }),
    {},
  ),
  validation: z.prefault(
    z.object({
      /** Two price sources further apart than this (percent of the lower) flag the snapshot. */
      priceTolerancePct: z._default(z.number().check(z.positive(), z.maximum(50)), 2),
      /** Data older than this (source timestamps) is stale and not used. */
      maxDataAgeMinutes: z._default(z.int().check(z.positive()), 60),
      /** Hashrate against the last stored snapshot: a jump beyond this ratio (either way) is rejected. */
      maxHashrateJumpRatio: z._default(z.number().check(z.gt(1)), 3),
      /** Price against the last stored snapshot: a move beyond this ratio (either way) is rejected. */
      maxPriceJumpRatio: z._default(z.number().check(z.gt(1)), 1.5),
      /** The last snapshot is only a yardstick if it is at most this old. */
      outlierWindowHours: z._default(z.number().check(z.positive()), 24),
    }),
    {},
  ),
  storage: z.prefault(
    z.object({
      /** Raw snapshots expire (DynamoDB TTL) after this many days; daily rollups and epochs are kept. */
      rawSnapshotRetentionDays: z._default(z.int().check(z.positive()), 30),
    }),
    {},
  ),
  schedule: z.prefault(
    z.object({
      /** Ingest interval; a snapshot's identity is the start of its interval. */
      intervalMinutes: z._default(z.int().check(z.positive(), z.maximum(1440)), 10),
      /**
       * How long after a day closes its rollup may wait for mempool's per-block list to prove the
       * day complete (mempool lists a block only once it has linked an hourly price to it). Past
       * this, the rollup is stored without block count, issuance and fees.
       */
      dailyRollupGraceMinutes: z._default(z.int().check(z.nonnegative(), z.maximum(720)), 180),
      /**
       * The tip watch (issue #28): every `rateMinutes` a light check asks mempool for the tip height
       * only and runs a full cycle when a block has arrived since the last stored snapshot, so a
       * retarget or a price move reaches the owner within about a minute of its block, not up to
       * a whole interval later. The interval's own cycle still runs for everything else.
       */
      tipWatch: z.prefault(
        z.strictObject({
          enabled: z._default(z.boolean(), true),
          rateMinutes: z._default(z.int().check(z.positive(), z.maximum(60)), 1),
        }),
        {},
      ),
    }),
    {},
  ),
  backfill: z.prefault(
    z.object({
      enabled: z._default(z.boolean(), true),
      /** mempool interval for the daily hashrate series ('3m' is about 90 days, '1y' a year). */
      hashratePeriod: z._default(z.enum(['3m', '6m', '1y', '2y', '3y', 'all']), '1y'),
    }),
    {},
  ),
});

export type IngestConfig = z.infer<typeof ingestConfigSchema>;

export class IngestConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestConfigError';
  }
}

/** Parses the HASHWATCH_INGEST_CONFIG JSON (absent or empty means all defaults). */
export function parseIngestConfig(json: string | undefined): IngestConfig {
  let raw: unknown = {};
  if (json !== undefined && json.trim() !== '') {
    try {
      raw = JSON.parse(json);
    } catch (error) {
      throw new IngestConfigError(`HASHWATCH_INGEST_CONFIG is not valid JSON: ${(error as Error).message}`);
    }
  }
  // Parsed once per process: skip zod's compiled fast path (see PARSE_ONCE in computeConfig.ts).
  const result = ingestConfigSchema.safeParse(raw, { jitless: true });
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new IngestConfigError(`HASHWATCH_INGEST_CONFIG is invalid: ${issues}`);
  }
  return result.data;
}

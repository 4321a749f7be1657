/**
 * mempool.space REST API (or a self-hosted mempool: only the base URL differs). Units follow the
 * backend code (mempool/mempool @ 3b6ed8b), not its docs samples, which are outdated in places:
 * estimatedRetargetDate is unix ms but previousTime unix s; remainingTime/timeAvg ms; hashrates in
 * H/s with `timestamp` the 00:00 UTC that ENDS the averaged day; reward-stats sums are satoshi
 * strings; difficulty-adjustment rows carry a float32 ratio; prices use -1 for "unavailable".
 */
import * as z from '../../schema/z';
import { BLOCKS_PER_EPOCH, SECONDS_PER_DAY, satsToBtc } from '../../domain/units';
import { SourceError } from './http';
import type {
  BlockFeePoint,
  DailyHashrate,
  DailyPrice,
  DifficultyAdjustmentReading,
  DifficultyAdjustmentRow,
  FeeReading,
  HashrateReading,
  PriceQuote,
} from '../../ingest/readings';
import {
  INTEGER_STRING,
  SourceClient,
  isoDateOfUnixSeconds,
  millisToIso,
  secondsToIso,
  type SourceContext,
} from './sourceClient';

/** Unix ms are > 1e12 since 2001; unix s stay below that until the year 33658. */
const UNIX_MS_MIN = 1e12;
const unixSeconds = z.int().check(z.positive(), z.lt(UNIX_MS_MIN, 'expected unix seconds, got milliseconds'));
const unixMillis = z.number().check(z.positive(), z.gte(UNIX_MS_MIN, 'expected unix milliseconds, got seconds'));

const difficultyAdjustmentSchema = z.object({
  progressPercent: z.number().check(z.minimum(0), z.maximum(100)),
  difficultyChange: z.number(),
  estimatedRetargetDate: unixMillis,
  remainingBlocks: z.int().check(z.minimum(0), z.maximum(BLOCKS_PER_EPOCH)),
  remainingTime: z.number().check(z.nonnegative()),
  previousRetarget: z.number(),
  previousTime: unixSeconds,
  nextRetargetHeight: z.int().check(z.positive(), z.multipleOf(BLOCKS_PER_EPOCH)),
  timeAvg: z.number().check(z.positive()),
});

/**
 * `/api/v1/mining/blocks/fees/{period}` rows (BlocksRepository.$getHistoricalBlockFees): integers
 * from `CAST(AVG(..) AS INT)`; `avgFees` satoshis. Live rows also carry `USD` (ignored).
 */
const blockFeesSchema = z.array(
  z.looseObject({
    avgHeight: z.int().check(z.nonnegative()),
    timestamp: unixSeconds,
    avgFees: z.number().check(z.nonnegative()),
  }),
);

const hashrateSchema = z.object({
  hashrates: z.array(z.object({ timestamp: unixSeconds, avgHashrate: z.number().check(z.positive()) })),
  currentHashrate: z.number().check(z.positive()),
  currentDifficulty: z.number().check(z.positive()),
});

const satoshiString = z.string().check(z.regex(INTEGER_STRING, 'expected an integer string of satoshis'));
const rewardStatsSchema = z.object({
  startBlock: z.int().check(z.nonnegative()),
  endBlock: z.int().check(z.nonnegative()),
  totalReward: satoshiString,
  totalFee: satoshiString,
  totalTx: satoshiString,
});

const pricesSchema = z.catchall(z.object({ time: unixSeconds, USD: z.number() }), z.number());

const adjustmentsSchema = z.array(
  z.tuple([
    z.union([unixSeconds, z.literal(0)]),
    z.int().check(z.nonnegative()),
    z.number().check(z.positive()),
    z.number(),
  ]),
);

const historicalPriceSchema = z.object({
  prices: z.array(z.catchall(z.object({ time: unixSeconds, USD: z.number() }), z.number())),
});

/** The other fiat prices of one mempool price point: three-letter codes, -1 (unavailable) dropped. */
function fiatPricesOf(point: Readonly<Record<string, number>>): Record<string, number> {
  const fiatPrices: Record<string, number> = {};
  for (const [currency, value] of Object.entries(point)) {
    if (currency === 'time' || currency === 'USD' || !/^[A-Z]{3}$/.test(currency)) continue;
    if (value > 0) fiatPrices[currency] = value;
  }
  return fiatPrices;
}

/** A day's closes: USD and every other currency of the same observation. */
export interface DailyFiatPrices extends DailyPrice {
  fiatPrices: Record<string, number>;
}

const tipHeightBody = /^\s*(\d{1,9})\s*$/;

export class MempoolClient extends SourceClient {
  constructor(baseUrl: string, ctx: SourceContext) {
    super('mempool', baseUrl, ctx);
  }

  /** `/api/blocks/tip/height` answers text/plain, not JSON. */
  tipHeight(): Promise<number> {
    return this.call('tip-height', '/api/blocks/tip/height', (body, url) => {
      const match = tipHeightBody.exec(body);
      if (!match?.[1])
        throw new SourceError(this.name, 'parse', `tip height from ${url} is not an integer: "${body.slice(0, 40)}"`);
      return Number(match[1]);
    });
  }

  difficultyAdjustment(): Promise<DifficultyAdjustmentReading> {
    return this.getJson('difficulty-adjustment', '/api/v1/difficulty-adjustment', difficultyAdjustmentSchema, (raw) =>
      this.readAdjustment(raw),
    );
  }

  private readAdjustment(raw: z.infer<typeof difficultyAdjustmentSchema>): DifficultyAdjustmentReading {
    // The estimate is always ahead of now; far behind it, the instance has stopped following the chain.
    this.assertFresh(
      'difficulty-adjustment estimatedRetargetDate',
      new Date(Math.min(raw.estimatedRetargetDate, this.ctx.now().getTime())),
    );
    if (raw.difficultyChange < -75 || raw.difficultyChange > 300) {
      throw new SourceError(
        this.name,
        'range',
        `difficultyChange ${raw.difficultyChange}% is outside the protocol's -75..+300%`,
      );
    }
    return {
      progressPct: raw.progressPercent,
      estimatedChangePct: raw.difficultyChange,
      estimatedRetargetAt: millisToIso(raw.estimatedRetargetDate),
      remainingBlocks: raw.remainingBlocks,
      previousChangePct: raw.previousRetarget,
      epochStartedAt: secondsToIso(raw.previousTime),
      nextRetargetHeight: raw.nextRetargetHeight,
    };
  }

  /** Current hashrate/difficulty and the daily series for `period` (24h 3d 1w 1m 3m 6m 1y 2y 3y 4y; other = all). */
  hashrate(period: string): Promise<HashrateReading> {
    return this.getJson(
      'hashrate',
      `/api/v1/mining/hashrate/${encodeURIComponent(period)}`,
      hashrateSchema,
      (raw) => this.readHashrate(raw),
      period,
    );
  }

  private readHashrate(raw: z.infer<typeof hashrateSchema>): HashrateReading {
    const daily: DailyHashrate[] = raw.hashrates
      // The timestamp is the midnight that closes the averaged day: the day itself is the one before.
      .map((h) => ({ date: isoDateOfUnixSeconds(h.timestamp - SECONDS_PER_DAY), hashrateHps: h.avgHashrate }))
      .sort((a, b) => a.date.localeCompare(b.date));
    const last = raw.hashrates.reduce((max, h) => Math.max(max, h.timestamp), 0);
    // The daily series is rebuilt once a day; two days without a new point means the indexer stalled.
    if (last > 0) this.assertFreshWithin('hashrate series', new Date(last * 1000), 2 * SECONDS_PER_DAY * 1000);
    return { currentHashrateHps: raw.currentHashrate, currentDifficulty: raw.currentDifficulty, daily };
  }

  /** Mean fees per block over the last `blocks` blocks, in BTC (satoshi strings converted). */
  rewardStats(blocks: number): Promise<FeeReading> {
    return this.getJson('reward-stats', `/api/v1/mining/reward-stats/${blocks}`, rewardStatsSchema, (raw) =>
      this.readRewardStats(raw),
    );
  }

  private readRewardStats(raw: z.infer<typeof rewardStatsSchema>): FeeReading {
    const windowBlocks = raw.endBlock - raw.startBlock + 1;
    if (windowBlocks <= 0)
      throw new SourceError(this.name, 'range', `reward-stats window ${raw.startBlock}..${raw.endBlock} is empty`);
    return { feesBtcPerBlock: satsToBtc(Number(raw.totalFee)) / windowBlocks, windowBlocks, endHeight: raw.endBlock };
  }

  /**
   * Fees per block over time buckets (`/api/v1/mining/blocks/fees/{period}`), oldest first; for
   * 24h and 3d each row is one block. Only blocks mempool has linked to a price are listed (its
   * query joins `blocks_prices`), so the newest blocks can be missing: callers check completeness.
   */
  blockFees(period: string): Promise<BlockFeePoint[]> {
    return this.getJson(
      'block-fees',
      `/api/v1/mining/blocks/fees/${encodeURIComponent(period)}`,
      blockFeesSchema,
      (raw) => this.readBlockFees(raw),
      period,
    );
  }

  private readBlockFees(raw: z.infer<typeof blockFeesSchema>): BlockFeePoint[] {
    const points = raw
      .map((r) => ({ height: r.avgHeight, timeUnixS: r.timestamp, feesBtcPerBlock: satsToBtc(r.avgFees) }))
      .sort((a, b) => a.timeUnixS - b.timeUnixS || a.height - b.height);
    const newest = points.at(-1);
    if (!newest) throw new SourceError(this.name, 'range', 'block-fees lists no block');
    // A block comes every ten minutes or so; two days without one means the indexer stalled.
    this.assertFreshWithin('block-fees series', new Date(newest.timeUnixS * 1000), 2 * SECONDS_PER_DAY * 1000);
    return points;
  }

  /** `/api/v1/prices`: USD (required, > 0) and every other fiat it offers (-1 = unavailable, dropped). */
  prices(): Promise<PriceQuote> {
    return this.getJson('prices', '/api/v1/prices', pricesSchema, (raw) => this.readPrices(raw));
  }

  private readPrices(raw: z.infer<typeof pricesSchema>): PriceQuote {
    this.assertFresh('prices time', new Date(raw.time * 1000));
    if (!(raw.USD > 0)) throw new SourceError(this.name, 'range', `prices.USD is ${raw.USD} (unavailable)`);
    return { source: this.name, priceUsd: raw.USD, fiatPrices: fiatPricesOf(raw), observedAt: secondsToIso(raw.time) };
  }

  /** Every difficulty adjustment (`/api/v1/mining/difficulty-adjustments`, newest first), oldest first. */
  difficultyAdjustments(): Promise<DifficultyAdjustmentRow[]> {
    return this.getJson('difficulty-adjustments', '/api/v1/mining/difficulty-adjustments', adjustmentsSchema, (raw) =>
      raw
        .filter(([, height]) => height % BLOCKS_PER_EPOCH === 0)
        .map(([time, height, difficulty]) => ({ startedAt: secondsToIso(time), startHeight: height, difficulty }))
        .sort((a, b) => a.startHeight - b.startHeight),
    );
  }

  /** Daily USD closes from `/api/v1/historical-price?currency=USD` (last observation of each UTC day). */
  historicalPricesUsd(): Promise<DailyPrice[]> {
    return this.getJson('historical-price', '/api/v1/historical-price?currency=USD', historicalPriceSchema, (raw) =>
      this.readHistoricalPrices(raw).map(({ date, priceUsd }) => ({ date, priceUsd })),
    );
  }

  /**
   * Daily closes in every currency mempool prices in (`/api/v1/historical-price` without a
   * currency), the last observation of each UTC day: the USD close, and the other currencies of
   * the same observation (one moment, so a currency's price over the USD one is that day's rate).
   * A currency mempool has no price for (absent, or -1) is left out of the day, never zero.
   */
  historicalPricesAllCurrencies(): Promise<DailyFiatPrices[]> {
    return this.getJson('historical-price', '/api/v1/historical-price', historicalPriceSchema, (raw) =>
      this.readHistoricalPrices(raw),
    );
  }

  private readHistoricalPrices(raw: z.infer<typeof historicalPriceSchema>): DailyFiatPrices[] {
    const byDate = new Map<string, z.infer<typeof historicalPriceSchema>['prices'][number]>();
    for (const point of raw.prices) {
      if (!(point.USD > 0)) continue;
      const date = isoDateOfUnixSeconds(point.time);
      const seen = byDate.get(date);
      if (!seen || point.time > seen.time) byDate.set(date, point);
    }
    return [...byDate.entries()]
      .map(([date, point]) => ({ date, priceUsd: point.USD, fiatPrices: fiatPricesOf(point) }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  private assertFreshWithin(what: string, dataTime: Date, maxAgeMs: number): void {
    const ageMs = this.ctx.now().getTime() - dataTime.getTime();
    if (ageMs > maxAgeMs) {
      throw new SourceError(
        this.name,
        'stale',
        `${what} is stale: last point ${dataTime.toISOString()} is ${Math.round(ageMs / 3_600_000)} h old`,
      );
    }
  }
}

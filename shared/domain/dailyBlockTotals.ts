/**
 * A UTC day's block count, issuance (subsidy) and fees: what the realized hashprice and the Puell
 * multiple need from each daily rollup.
 *
 * Two ways to get them:
 * - exact (`dayTotalsFromBlocks`), from one row per block (mempool `/mining/blocks/fees/3d`): the
 *   blocks whose header time falls in the day. Coin Metrics buckets blocks by median time past
 *   instead; block counts agree, daily fees differ by a few percent day to day (docs/ingest.md,
 *   "What a daily rollup holds", gives the measured spread).
 * - estimated (`estimateDayTotals`), for the backfill, from the day's mean hashrate as mempool
 *   publishes it (Bitcoin Core `getnetworkhashps` over the day's actual blocks, so hashrate x time
 *   / work per block gives back the count) and time-bucketed mean fees per block (`/fees/1y`: 8 h
 *   buckets). Error measured against Coin Metrics in test/unit/domain/dailyBlockTotals.test.ts.
 */
import { blockSubsidyBtc } from './subsidy';
import type { DifficultyEpoch } from './difficultyEpoch';
import { HASHES_PER_DIFFICULTY_UNIT, SECONDS_PER_DAY } from './units';

/** One row of a per-block or per-bucket fee series: the bucket's mean height, time and fees. */
export interface BlockFeePoint {
  /** Mean height of the bucket's blocks (the block's own height when a row is one block). */
  height: number;
  /** Mean header time of the bucket's blocks, unix seconds. */
  timeUnixS: number;
  /** Mean fees per block in the bucket, BTC. */
  feesBtcPerBlock: number;
}

export interface DayBlockTotals {
  blockCount: number;
  issuanceBtc: number;
  feesBtc: number;
  /** Height of the day's last block by header time. */
  endHeight: number;
}

export type DayTotalsResult = { ok: true; totals: DayBlockTotals } | { ok: false; reason: string };

const dayBoundsUnixS = (date: string): [number, number] => {
  const start = Date.parse(`${date}T00:00:00Z`) / 1000;
  return [start, start + SECONDS_PER_DAY];
};

/**
 * Exact totals of `date` from one row per block. Refuses (with the reason) unless the rows prove
 * the day complete: they reach back before the day and on past its end (or the day's last block is
 * `tipHeight`, the chain tip: the day closed with no block since), and every height between
 * the day's first and last block is listed exactly once (mempool omits blocks it has not linked
 * to a price yet, and would merge two blocks with the same timestamp into one averaged row).
 */
export function dayTotalsFromBlocks(
  blocks: readonly BlockFeePoint[],
  date: string,
  tipHeight?: number,
): DayTotalsResult {
  const [start, end] = dayBoundsUnixS(date);
  const inDay = blocks.filter((b) => b.timeUnixS >= start && b.timeUnixS < end);
  if (inDay.length === 0) return { ok: false, reason: `no block of ${date} listed` };
  if (!blocks.some((b) => b.timeUnixS < start)) return { ok: false, reason: `the block list starts inside ${date}` };
  const heights = inDay.map((b) => b.height);
  const first = Math.min(...heights);
  const last = Math.max(...heights);
  // The day's end is proven by a later block, or (no block since midnight yet) by its last block
  // being the chain tip the same cycle read.
  const endsAtTip = tipHeight !== undefined && last === tipHeight;
  if (!endsAtTip && !blocks.some((b) => b.timeUnixS >= end))
    return { ok: false, reason: `no block after ${date} listed yet` };
  const listed = new Map<number, number>();
  for (const b of blocks)
    if (b.height >= first - 1 && b.height <= last + 1) listed.set(b.height, (listed.get(b.height) ?? 0) + 1);
  for (let h = first - 1; h <= (endsAtTip ? last : last + 1); h += 1) {
    const count = listed.get(h) ?? 0;
    if (count !== 1) return { ok: false, reason: `height ${h} is listed ${count} times around ${date}` };
  }
  return {
    ok: true,
    totals: {
      blockCount: inDay.length,
      issuanceBtc: inDay.reduce((sum, b) => sum + blockSubsidyBtc(b.height), 0),
      feesBtc: inDay.reduce((sum, b) => sum + b.feesBtcPerBlock, 0),
      endHeight: last,
    },
  };
}

export interface EstimateInput {
  date: string;
  /** The day's mean hashrate as mempool publishes it (getnetworkhashps over the day's blocks), H/s. */
  hashrateHps: number;
  /** Difficulty epochs, oldest first (the day's difficulty and any retarget within it). */
  epochs: readonly DifficultyEpoch[];
  /** Time-bucketed fee rows (any bucket size dividing a day); those of `date` give its mean fees. */
  feeBuckets: readonly BlockFeePoint[];
}

export interface EstimatedDayTotals {
  blockCount: number;
  /** Undefined when the day may straddle a halving (its subsidy is then unknown). */
  issuanceBtc?: number;
  /** Undefined when no fee bucket of the day is listed. */
  feesBtc?: number;
}

/** Seconds of `date` spent at each difficulty, from the epochs; undefined across a gap in the list. */
function difficultySegments(
  date: string,
  epochs: readonly DifficultyEpoch[],
): { seconds: number; difficulty: number }[] | undefined {
  const [start, end] = dayBoundsUnixS(date);
  const startOf = (e: DifficultyEpoch): number => Date.parse(e.startedAt) / 1000;
  const index = epochs.findLastIndex((e) => startOf(e) <= start);
  if (index < 0) return undefined;
  const segments: { seconds: number; difficulty: number }[] = [];
  let from = start;
  for (let i = index; i < epochs.length && from < end; i += 1) {
    const epoch = epochs[i]!;
    const next = epochs[i + 1];
    if (next && next.epoch !== epoch.epoch + 1 && startOf(next) < end) return undefined;
    const to = next ? Math.min(end, startOf(next)) : end;
    if (to > from) segments.push({ seconds: to - from, difficulty: epoch.difficulty });
    from = to;
  }
  return segments;
}

/** Height of the first block of `date`, roughly (the epoch's start plus ten-minute blocks). */
function roughStartHeight(date: string, epochs: readonly DifficultyEpoch[]): number | undefined {
  const [start] = dayBoundsUnixS(date);
  const epoch = epochs.findLast((e) => Date.parse(e.startedAt) / 1000 <= start);
  return epoch ? epoch.startHeight + Math.floor((start - Date.parse(epoch.startedAt) / 1000) / 600) : undefined;
}

/**
 * A bucket's share of blocks, from its neighbours' mean heights (consecutive bucket means lie about
 * half a bucket's blocks apart). Weighting matters: slow-block buckets hold fewer blocks that each
 * carry more fees, so a plain mean of bucket means overstates the day's fees (measured: +1.2 % on
 * 8 h buckets, +7.6 % on 2 h buckets, against +0.8 % and +3.9 % weighted).
 */
function bucketWeight(series: readonly BlockFeePoint[], i: number): number {
  const here = series[i]!.height;
  const before = series[i - 1]?.height;
  const after = series[i + 1]?.height;
  const span =
    before !== undefined && after !== undefined
      ? (after - before) / 2
      : after !== undefined
        ? after - here
        : before !== undefined
          ? here - before
          : 1;
  // Out-of-order or repeated heights say nothing useful: fall back to an equal share.
  return span > 0 ? span : 1;
}

/**
 * Estimated totals of `date`. Blocks: mean hashrate x the day's seconds / (difficulty x 2^32),
 * summed over the difficulties in force (a retarget within the day splits it), rounded. Fees: the
 * day's bucket means, weighted by each bucket's blocks (bucketWeight), x blocks. Issuance: blocks x subsidy, unless a halving may fall
 * in the day. Undefined when the day's difficulty is unknown.
 */
export function estimateDayTotals(input: EstimateInput): EstimatedDayTotals | undefined {
  const segments = difficultySegments(input.date, input.epochs);
  if (!segments || segments.length === 0) return undefined;
  const blocksExact = segments.reduce(
    (sum, s) => sum + (input.hashrateHps * s.seconds) / (s.difficulty * HASHES_PER_DIFFICULTY_UNIT),
    0,
  );
  const blockCount = Math.round(blocksExact);
  const [start, end] = dayBoundsUnixS(input.date);
  const series = [...input.feeBuckets].sort((a, b) => a.timeUnixS - b.timeUnixS);
  const buckets = series.flatMap((b, i) =>
    b.timeUnixS >= start && b.timeUnixS < end ? [{ ...b, weight: bucketWeight(series, i) }] : [],
  );
  const totalWeight = buckets.reduce((sum, b) => sum + b.weight, 0);
  const feesBtc =
    buckets.length > 0
      ? (buckets.reduce((sum, b) => sum + b.feesBtcPerBlock * b.weight, 0) / totalWeight) * blockCount
      : undefined;
  // The day's heights: from the buckets when listed (means of about 50 blocks each), else from the
  // epoch start at ten minutes a block; with a margin wide enough for either's error.
  const bucketHeights = buckets.map((b) => b.height);
  const rough = roughStartHeight(input.date, input.epochs);
  const low =
    bucketHeights.length > 0 ? Math.min(...bucketHeights) - 150 : rough !== undefined ? rough - 300 : undefined;
  const high =
    bucketHeights.length > 0
      ? Math.max(...bucketHeights) + 150
      : rough !== undefined
        ? rough + blockCount + 300
        : undefined;
  const subsidy =
    low !== undefined && high !== undefined && blockSubsidyBtc(Math.max(0, low)) === blockSubsidyBtc(high)
      ? blockSubsidyBtc(high)
      : undefined;
  return {
    blockCount,
    ...(subsidy !== undefined ? { issuanceBtc: blockCount * subsidy } : {}),
    ...(feesBtc !== undefined ? { feesBtc } : {}),
  };
}

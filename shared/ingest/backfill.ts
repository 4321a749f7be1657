/**
 * First-run backfill: on a table without history, load every difficulty epoch mempool knows and
 * the daily hashrate and price series (at least 90 days), so that every signal works from day one.
 * Each day also gets an ESTIMATED block count, issuance and fees (shared/domain/dailyBlockTotals:
 * blocks from the day's mean hashrate and difficulty, fees from mempool's time-bucketed fees per
 * block over the same period), which the realized hashprice and the Puell multiple need; the
 * day's `source` says so. Without the fee series (request failed) days still get blocks and issuance.
 *
 * Idempotent and resumable: each step writes with conditional puts (a rerun never duplicates or
 * overwrites), and the BACKFILL/PROGRESS item records finished steps, so a run that failed halfway
 * continues with the step that failed. Epoch change percentages come from consecutive difficulties
 * (exact) rather than mempool's float32 `adjustment` ratio.
 */
import type { IngestSources, NetworkRepository } from './ports';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DailyHashrate, DailyPrice } from './readings';
import { estimateDayTotals, type BlockFeePoint } from '../domain/dailyBlockTotals';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import { BLOCKS_PER_EPOCH } from '../domain/units';
import type { IngestTelemetry } from './telemetry';
import { forEachLimited } from '../async/forEachLimited';

export interface BackfillResult {
  status: 'complete' | 'already-complete' | 'skipped' | 'failed';
  epochsStored: number;
  daysStored: number;
  error?: string;
}

export interface BackfillDeps {
  sources: IngestSources;
  repository: NetworkRepository;
  telemetry: IngestTelemetry;
  hashratePeriod: string;
  now: Date;
  /**
   * Last resort for epochs the API does not list: the project's bundled epoch table
   * (shared/data/history, loadDifficultyEpochs). Only gaps up to the newest epoch the API knows
   * are filled, and those rows keep their own source label.
   */
  bundledEpochs?: () => DifficultyEpoch[];
}

/** Bounded concurrency for the conditional puts (DynamoDB is happy with a few in flight). */
const WRITE_CONCURRENCY = 16;

export async function runBackfill(deps: BackfillDeps): Promise<BackfillResult> {
  const { sources, repository, telemetry, now } = deps;
  const progress = (await repository.getBackfillProgress()) ?? {
    completedSteps: [],
    status: 'running' as const,
    updatedAt: now.toISOString(),
    epochsStored: 0,
    daysStored: 0,
  };
  if (progress.status === 'complete') return { status: 'already-complete', epochsStored: 0, daysStored: 0 };
  let epochsStored = 0;
  let daysStored = 0;
  try {
    if (!progress.completedSteps.includes('epochs')) {
      const rows = await sources.mempool.difficultyAdjustments();
      const fromApi: DifficultyEpoch[] = rows.map((row) => ({
        epoch: row.startHeight / BLOCKS_PER_EPOCH,
        startHeight: row.startHeight,
        startedAt: row.startedAt,
        difficulty: row.difficulty,
        source: 'mempool:difficulty-adjustments',
      }));
      const filled = fillGaps(fromApi, deps, telemetry);
      const epochs = withChangePct(filled);
      await forEachLimited(epochs, WRITE_CONCURRENCY, async (e) => {
        if ((await repository.putEpoch(e)) === 'stored') epochsStored += 1;
      });
      const missing = missingEpochs(epochs);
      if (missing.length > 0)
        telemetry.warn('backfill: epochs missing upstream', { count: missing.length, first: missing.slice(0, 5) });
      progress.completedSteps.push('epochs');
      progress.epochsStored += epochsStored;
      progress.updatedAt = now.toISOString();
      await repository.putBackfillProgress(progress);
    }
    if (!progress.completedSteps.includes('daily')) {
      // One long series after the other: only one raw body is parsed at a time, which keeps the
      // ingest's peak memory under half its size (bench/ingestPeakRss.bench.ts); the backfill runs
      // once, so the few seconds this adds do not matter.
      const hashrate = await sources.mempool.hashrate(deps.hashratePeriod);
      const prices = await sources.mempool.historicalPricesUsd();
      const epochs = await repository.listEpochs();
      // Optional: without it the days still get their estimated blocks and issuance.
      const feeBuckets = await sources.mempool.blockFees(deps.hashratePeriod).catch((error: unknown) => {
        telemetry.warn('backfill: block-fees unavailable, days stored without fees', {
          period: deps.hashratePeriod,
          error: error instanceof Error ? error.message : String(error),
        });
        return [] as BlockFeePoint[];
      });
      const hashrateByDate = new Map(hashrate.daily.map((d) => [d.date, d.hashrateHps]));
      const firstHashrateDate = hashrate.daily[0]?.date ?? '9999-12-31';
      const today = now.toISOString().slice(0, 10);
      // Days with hashrate, and the price days from the hashrate series' start (older prices alone
      // serve no signal that needs hashrate; they would only bloat the first run).
      const dates = [
        ...new Set([...hashrateByDate.keys(), ...prices.map((p) => p.date).filter((d) => d >= firstHashrateDate)]),
      ]
        .filter((d) => d < today)
        .sort();
      const days = mempoolDays({
        dates,
        hashrate: hashrate.daily,
        prices,
        epochs,
        feeBuckets,
        hashratePeriod: deps.hashratePeriod,
      });
      await forEachLimited(days, WRITE_CONCURRENCY, async (d) => {
        if ((await repository.putDaily(d)) === 'stored') daysStored += 1;
      });
      progress.completedSteps.push('daily');
      progress.daysStored += daysStored;
    }
    progress.status = 'complete';
    progress.updatedAt = now.toISOString();
    await repository.putBackfillProgress(progress);
    telemetry.info('backfill complete', { epochsStored: progress.epochsStored, daysStored: progress.daysStored });
    return { status: 'complete', epochsStored, daysStored };
  } catch (error) {
    progress.updatedAt = now.toISOString();
    await repository.putBackfillProgress(progress).catch((saveError: unknown) =>
      telemetry.warn('backfill progress not saved; the next run resumes from the last saved point', {
        error: String(saveError),
      }),
    );
    const message = error instanceof Error ? error.message : String(error);
    telemetry.warn('backfill failed; the next run resumes it', {
      completedSteps: progress.completedSteps,
      error: message,
    });
    return { status: 'failed', epochsStored, daysStored, error: message };
  }
}

export interface MempoolDaysInput {
  /** The UTC days to build, oldest first. */
  dates: readonly string[];
  hashrate: readonly DailyHashrate[];
  prices: readonly DailyPrice[];
  /** Every known epoch, oldest first: a day's difficulty and its estimated blocks come from them. */
  epochs: readonly DifficultyEpoch[];
  feeBuckets: readonly BlockFeePoint[];
  /** The fee series' period, named in the day's `source` when its fees are estimated from it. */
  hashratePeriod: string;
}

/**
 * The daily rows mempool's series give (hashrate, USD close, difficulty from the epochs, and the
 * ESTIMATED blocks, issuance and fees of shared/domain/dailyBlockTotals): one home for the backfill
 * and the local history update (local/history), so both store the same row for the same answers.
 * A field the series do not give for a day is left out, never zero.
 */
export function mempoolDays(input: MempoolDaysInput): DailyNetwork[] {
  const priceByDate = new Map(input.prices.map((p) => [p.date, p.priceUsd]));
  const hashrateByDate = new Map(input.hashrate.map((d) => [d.date, d.hashrateHps]));
  const { epochs, feeBuckets } = input;
  return input.dates.map((date) => {
    const difficulty = difficultyOn(date, epochs);
    const hashrateHps = hashrateByDate.get(date);
    const btcPriceUsd = priceByDate.get(date);
    const estimate =
      hashrateHps !== undefined ? estimateDayTotals({ date, hashrateHps, epochs, feeBuckets }) : undefined;
    const estimated = [
      ...(estimate ? ['blocks'] : []),
      ...(estimate?.issuanceBtc !== undefined ? ['issuance'] : []),
      ...(estimate?.feesBtc !== undefined ? [`fees(${input.hashratePeriod} buckets)`] : []),
    ];
    return {
      date,
      ...(hashrateHps !== undefined ? { hashrateHps } : {}),
      ...(btcPriceUsd !== undefined ? { btcPriceUsd } : {}),
      ...(difficulty !== undefined ? { difficulty } : {}),
      ...(estimate ? { blockCount: estimate.blockCount } : {}),
      ...(estimate?.issuanceBtc !== undefined ? { issuanceBtc: estimate.issuanceBtc } : {}),
      ...(estimate?.feesBtc !== undefined ? { feesBtc: estimate.feesBtc } : {}),
      source: estimated.length > 0 ? `backfill:mempool,estimated:${estimated.join('+')}` : 'backfill:mempool',
    };
  });
}

function fillGaps(fromApi: DifficultyEpoch[], deps: BackfillDeps, telemetry: IngestTelemetry): DifficultyEpoch[] {
  const missing = new Set(missingEpochs(fromApi));
  if (missing.size === 0 || !deps.bundledEpochs) return fromApi;
  let bundled: DifficultyEpoch[];
  try {
    bundled = deps.bundledEpochs();
  } catch (error) {
    telemetry.warn('backfill: bundled epoch history unavailable', {
      error: error instanceof Error ? error.message : String(error),
    });
    return fromApi;
  }
  const nowIso = deps.now.toISOString();
  const fill = bundled.filter((e) => missing.has(e.epoch) && e.startedAt <= nowIso);
  if (fill.length > 0)
    telemetry.info('backfill: epochs filled from the bundled history', {
      count: fill.length,
      epochs: fill.map((e) => e.epoch),
    });
  return [...fromApi, ...fill.map(({ changePct: _c, ...e }) => e)].sort((a, b) => a.epoch - b.epoch);
}

/** Change % from consecutive difficulties (exact), where the previous epoch is known. */
export function withChangePct(epochsAscending: DifficultyEpoch[]): DifficultyEpoch[] {
  const byEpoch = new Map(epochsAscending.map((e) => [e.epoch, e]));
  return epochsAscending.map((e) => {
    const previous = byEpoch.get(e.epoch - 1);
    return { ...e, ...(previous ? { changePct: (e.difficulty / previous.difficulty - 1) * 100 } : {}) };
  });
}

/** Difficulty in force at the start of `date` (the newest epoch that began on or before it). */
function difficultyOn(date: string, epochsAscending: readonly DifficultyEpoch[]): number | undefined {
  const dayStart = `${date}T00:00:00.000Z`;
  let found: DifficultyEpoch | undefined;
  let next: DifficultyEpoch | undefined;
  for (const e of epochsAscending) {
    if (e.startedAt <= dayStart) found = e;
    else {
      next = e;
      break;
    }
  }
  // Across a gap in the epoch list the difficulty of that day is unknown: leave it out.
  if (found && next && next.epoch !== found.epoch + 1) return undefined;
  return found?.difficulty;
}

function missingEpochs(epochs: readonly DifficultyEpoch[]): number[] {
  const have = new Set(epochs.map((e) => e.epoch));
  const newest = Math.max(0, ...have);
  const missing: number[] = [];
  for (let n = 0; n <= newest; n += 1) if (!have.has(n)) missing.push(n);
  return missing;
}

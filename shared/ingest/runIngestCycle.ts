/**
 * One ingest cycle: fetch everything at once, fall back where the primary failed, cross-check the
 * price, validate against the last stored snapshot, and store exactly one snapshot per interval
 * (plus the daily rollup of a day that just closed and the epoch that just began, when there are).
 *
 * Round 1 (concurrent): the six mempool endpoints (and the optional figures mempool reads), the first price fallback (the cross-check) and
 * the last stored records. The per-block fee list (the daily rollup's block count, issuance and
 * fees) only feeds the rollup: when it fails, the snapshot is stored all the same. Round 2 (concurrent, only when needed): the chain-data fallback for
 * fields mempool did not deliver, and the remaining price fallbacks when fewer than two quotes
 * agree. So a healthy cycle costs one request latency, a degraded one two (plus retries).
 */
import type { IngestConfig } from '../config/ingestConfig';
import type { IngestSources, NetworkRepository, PutOutcome } from './ports';
import type {
  BlockFeePoint,
  ChainStatsReading,
  DifficultyAdjustmentReading,
  FeeReading,
  HashrateReading,
  PriceQuote,
} from './readings';
import { dayTotalsFromBlocks } from '../domain/dailyBlockTotals';
import {
  networkSnapshotSchema,
  optionalFiguresSchema,
  type EpochProgress,
  type NetworkSnapshot,
  type OptionalFigures,
} from '../domain/networkSnapshot';
import { epochProgressOfProjection } from '../domain/networkSnapshot.mapper';
import { epochProgressOfReading, snapshotOfReadings } from './readings.mapper';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import { SECONDS_PER_DAY } from '../domain/units';
import { epochOfHeight } from '../domain/difficulty';
import { projectedAdjustment } from '../domain/projectedAdjustment';
import { decidePrice, type PriceDecision } from './priceCrossCheck';
import {
  checkDaily,
  checkSnapshot,
  epochChainDifficulty,
  retargetWithinTolerance,
  tipNeedsCrossCheck,
  tipSeenSince,
} from './snapshotChecks';
import type { IngestTelemetry } from './telemetry';

export const FEE_WINDOW_BLOCKS = 144;
/** The cycle only needs the newest daily points; mempool's smallest window with several days. */
export const CYCLE_HASHRATE_PERIOD = '1w';
/**
 * One row per block (mempool's 24h and 3d windows are unbucketed); 3d covers yesterday in full at
 * any time of today, and a day or two missed in an outage.
 */
export const CYCLE_BLOCK_FEES_PERIOD = '3d';

export { FLAG_PRICE_DISAGREE, FLAG_PRICE_SINGLE_SOURCE } from '../domain/networkSnapshot';
import { FLAG_PRICE_DISAGREE, FLAG_PRICE_SINGLE_SOURCE } from '../domain/networkSnapshot';

export interface IngestCycleResult {
  status: 'stored' | 'duplicate' | 'rejected';
  intervalStart: string;
  itemsWritten: number;
  /** Why the snapshot was not stored (status 'rejected'). */
  reasons: string[];
  snapshot?: NetworkSnapshot;
  fallbacksUsed: string[];
  dailyWritten: string[];
  epochWritten?: number;
}

export interface IngestCycleDeps {
  sources: IngestSources;
  repository: NetworkRepository;
  config: IngestConfig;
  telemetry: IngestTelemetry;
  now: Date;
}

export function intervalStartOf(now: Date, intervalMinutes: number): Date {
  const intervalMs = intervalMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function runIngestCycle(deps: IngestCycleDeps): Promise<IngestCycleResult> {
  const { sources, repository, config, telemetry, now } = deps;
  const intervalStart = intervalStartOf(now, config.schedule.intervalMinutes).toISOString();
  const [firstFallback, ...otherFallbacks] = sources.priceFallbacks;

  // Round 1: everything at once.
  const [tip, adjustment, hashrate, fees, blockFees, mempoolPrice, fallbackPrice, figures, last, lastDaily, lastEpoch] =
    await Promise.all([
      settle(sources.mempool.tipHeight()),
      settle(sources.mempool.difficultyAdjustment()),
      settle(sources.mempool.hashrate(CYCLE_HASHRATE_PERIOD)),
      settle(sources.mempool.rewardStats(FEE_WINDOW_BLOCKS)),
      settle(sources.mempool.blockFees(CYCLE_BLOCK_FEES_PERIOD)),
      settle(sources.mempool.prices()),
      firstFallback
        ? settle(firstFallback.price())
        : Promise.resolve<Settled<PriceQuote>>({ ok: false, error: new Error('no fallback') }),
      settle(sources.mempool.optionalFigures?.() ?? Promise.resolve({})),
      repository.latestSnapshot(),
      repository.latestDaily(),
      repository.latestEpoch(),
    ]);
  const failures: string[] = [];
  for (const [what, s] of [
    ['tip-height', tip],
    ['difficulty-adjustment', adjustment],
    ['hashrate', hashrate],
    ['reward-stats', fees],
    ['block-fees', blockFees],
    ['prices', mempoolPrice],
    ['price-fallback', fallbackPrice],
    ['optional-figures', figures],
  ] as const) {
    if (!s.ok) failures.push(`${what}: ${describe(s.error)}`);
  }
  // Optional figures are checked apart: a bad one is left out, it never rejects the snapshot.
  const optional = figures.ok ? optionalFiguresSchema.partial().safeParse(figures.value) : undefined;
  if (optional && !optional.success) failures.push(`optional-figures: ${optional.error.message}`);

  // Round 2: the chain-data fallback and the other price sources, only if needed. The chain source
  // also cross-checks a tip nothing shows to be live (tipNeedsCrossCheck): a frozen source is not believed.
  const crossCheck = tip.ok && tipNeedsCrossCheck(tip.value, last, now, config.schedule.intervalMinutes);
  const needChain = !tip.ok || !hashrate.ok || !fees.ok || crossCheck;
  const quotes: PriceQuote[] = [mempoolPrice, fallbackPrice].flatMap((s) => (s.ok ? [s.value] : []));
  let decision = decidePrice(quotes, config.validation.priceTolerancePct);
  const needMorePrices = otherFallbacks.length > 0 && (quotes.length < 2 || decision?.confirmedBy === undefined);
  const [chain, ...morePrices] = await Promise.all([
    needChain ? settle(sources.chainFallback.stats()) : Promise.resolve(undefined),
    ...(needMorePrices ? otherFallbacks.map((s) => settle(s.price())) : []),
  ]);
  for (const s of morePrices) {
    if (s?.ok) quotes.push(s.value);
    else if (s) failures.push(`price-fallback: ${describe(s.error)}`);
  }
  if (chain && !chain.ok) failures.push(`chain-fallback: ${describe(chain.error)}`);
  if (morePrices.length > 0) decision = decidePrice(quotes, config.validation.priceTolerancePct);

  const fallbacksUsed: string[] = [];
  const built = buildSnapshot({
    intervalStart,
    now,
    tip: tip.ok ? tip.value : undefined,
    adjustment: adjustment.ok ? adjustment.value : undefined,
    hashrate: hashrate.ok ? hashrate.value : undefined,
    fees: fees.ok ? fees.value : undefined,
    chain: chain?.ok ? chain.value : undefined,
    blocks: blockFees.ok ? blockFees.value : undefined,
    optionalFigures: optional?.success ? optional.data : {},
    lastEpoch,
    decision,
    fallbacksUsed,
  });
  if (fallbacksUsed.length > 0) {
    telemetry.count('FallbackUsed', fallbacksUsed.length);
    telemetry.warn('fallback used', { fallbacksUsed, failures });
  } else if (failures.length > 0) {
    telemetry.warn('source failures', { failures });
  }
  if (decision?.disagreement) {
    telemetry.count('PriceSourcesDisagree');
    telemetry.warn('price sources disagree', {
      quotes: quotes.map((q) => ({ source: q.source, priceUsd: q.priceUsd })),
      tolerancePct: config.validation.priceTolerancePct,
      chosen: decision.chosen.source,
      confirmedBy: decision.confirmedBy?.source,
    });
  }

  const reasons =
    built.problems.length > 0 || !built.snapshot
      ? built.problems
      : checkSnapshot(built.snapshot, last, config.validation, now, {
          lastEpoch,
          crossCheckTip:
            crossCheck && chain?.ok
              ? { tipHeight: chain.value.tipHeight, source: sources.chainFallback.name }
              : undefined,
        });
  if (crossCheck && !chain?.ok) telemetry.warn('tip not cross-checked', { tipHeight: tip.ok ? tip.value : undefined });
  if (!built.snapshot || reasons.length > 0) {
    telemetry.count('SnapshotRejected');
    telemetry.warn('snapshot rejected', { intervalStart, reasons, failures });
    reportFreshness(telemetry, last, now);
    return { status: 'rejected', intervalStart, itemsWritten: 0, reasons, fallbacksUsed, dailyWritten: [] };
  }
  const seenSince = tipSeenSince(built.snapshot, last);
  const snapshot: NetworkSnapshot = seenSince ? { ...built.snapshot, tipSeenSince: seenSince } : built.snapshot;

  // Rollups and epochs first: compute, woken by the snapshot's INSERT, reads them.
  let itemsWritten = 0;
  const dailyWritten: string[] = [];
  const blocks = blockFees.ok ? blockFees.value : undefined;
  const graceMs = config.schedule.dailyRollupGraceMinutes * 60_000;
  for (const day of closedDays(
    hashrate.ok ? hashrate.value : undefined,
    blocks,
    lastDaily,
    snapshot,
    now,
    graceMs,
    telemetry,
  )) {
    if ((await repository.putDaily(day)) === 'stored') {
      itemsWritten += 1;
      dailyWritten.push(day.date);
    }
  }
  let epochWritten: number | undefined;
  const epoch = runningEpoch(adjustment.ok ? adjustment.value : undefined, snapshot, last, lastEpoch);
  if (epoch && (await repository.putEpoch(epoch)) === 'stored') {
    itemsWritten += 1;
    epochWritten = epoch.epoch;
  }

  const expiresAt =
    Math.floor(Date.parse(intervalStart) / 1000) + config.storage.rawSnapshotRetentionDays * SECONDS_PER_DAY;
  const outcome: PutOutcome = await repository.putSnapshot(snapshot, expiresAt);
  if (outcome === 'stored') {
    itemsWritten += 1;
    telemetry.count('SnapshotStored');
    telemetry.info('snapshot stored', { intervalStart, sources: snapshot.sources, flags: snapshot.flags });
    reportFreshness(telemetry, snapshot, now);
  } else {
    telemetry.count('SnapshotDuplicate');
    telemetry.info('snapshot already stored for this interval', { intervalStart });
    reportFreshness(telemetry, (await repository.getSnapshot(intervalStart)) ?? last, now);
  }
  return {
    status: outcome,
    intervalStart,
    itemsWritten,
    reasons: [],
    snapshot,
    fallbacksUsed,
    dailyWritten,
    ...(epochWritten !== undefined ? { epochWritten } : {}),
  };
}

/**
 * dataFreshnessSeconds: the age of the newest stored chain data, from its tip block's time (or,
 * when mempool's list did not have that block, from when the ingest first saw the tip).
 */
function reportFreshness(telemetry: IngestTelemetry, newest: NetworkSnapshot | undefined, now: Date): void {
  if (!newest) return;
  const dataTime = newest.tipBlockTime ?? newest.tipSeenSince ?? newest.observedAt;
  telemetry.freshness(Math.max(0, (now.getTime() - Date.parse(dataTime)) / 1000));
}

interface BuildInput {
  intervalStart: string;
  now: Date;
  tip: number | undefined;
  adjustment: DifficultyAdjustmentReading | undefined;
  hashrate: HashrateReading | undefined;
  fees: FeeReading | undefined;
  chain: ChainStatsReading | undefined;
  optionalFigures: Partial<OptionalFigures>;
  lastEpoch: DifficultyEpoch | undefined;
  /** mempool's per-block list: the tip block's header time, when it lists the tip. */
  blocks: readonly BlockFeePoint[] | undefined;
  decision: PriceDecision | undefined;
  fallbacksUsed: string[];
}

/** Assembles the candidate from whatever arrived, recording the source of every field. */
function buildSnapshot(input: BuildInput): { snapshot?: NetworkSnapshot; problems: string[] } {
  const { hashrate, fees, chain, decision, fallbacksUsed } = input;
  const problems: string[] = [];
  const sources: Record<string, string> = {};
  const pick = <T>(
    field: string,
    primary: T | undefined,
    fallback: T | undefined,
    fallbackName: string,
  ): T | undefined => {
    if (primary !== undefined) {
      sources[field] = 'mempool';
      return primary;
    }
    if (fallback !== undefined) {
      sources[field] = fallbackName;
      fallbacksUsed.push(`${field}:${fallbackName}`);
      return fallback;
    }
    problems.push(`no source delivered ${field}`);
    return undefined;
  };
  const chainName = 'blockchain.info';
  const tipHeight = pick('tipHeight', input.tip, chain?.tipHeight, chainName);
  const difficulty = pick('difficulty', hashrate?.currentDifficulty, chain?.difficulty, chainName);
  const hashrateHps = pick('hashrateHps', hashrate?.currentHashrateHps, chain?.hashrateHps, chainName);
  const feeReading = pick<{ feesBtcPerBlock: number; windowBlocks: number }>('feesBtcPerBlock', fees, chain, chainName);
  const epochProgress = input.adjustment
    ? epochProgressOfReading(input.adjustment)
    : tipHeight !== undefined
      ? epochProgressFromStoredEpoch(tipHeight, input.lastEpoch, input.now)
      : undefined;
  if (input.adjustment) sources.epochProgress = 'mempool';
  else if (epochProgress) {
    sources.epochProgress = ADJUSTMENT_FALLBACK;
    fallbacksUsed.push(`epochProgress:${ADJUSTMENT_FALLBACK}`);
  } else
    problems.push(
      'no source delivered epochProgress (mempool difficulty-adjustment failed and the running epoch is not stored)',
    );
  const flags: string[] = [];
  if (!decision) problems.push('no source delivered btcPriceUsd');
  else {
    sources.btcPriceUsd = decision.chosen.source;
    if (decision.chosen.source !== 'mempool') fallbacksUsed.push(`btcPriceUsd:${decision.chosen.source}`);
    if (decision.confirmedBy) sources.btcPriceUsdConfirmedBy = decision.confirmedBy.source;
    else flags.push(decision.disagreement ? FLAG_PRICE_DISAGREE : FLAG_PRICE_SINGLE_SOURCE);
    if (Object.keys(decision.chosen.fiatPrices).length > 0) sources.fiatPrices = decision.chosen.source;
  }
  if (
    problems.length > 0 ||
    tipHeight === undefined ||
    difficulty === undefined ||
    hashrateHps === undefined ||
    !feeReading ||
    !epochProgress ||
    !decision
  ) {
    return { problems };
  }
  const candidate = snapshotOfReadings({
    intervalStart: input.intervalStart,
    now: input.now,
    tipHeight,
    difficulty,
    hashrateHps,
    price: decision.chosen,
    fees: feeReading,
    epochProgress,
    optionalFigures: input.optionalFigures,
    sources,
    flags,
  });
  const tipBlock = input.blocks?.find((b) => b.height === tipHeight);
  const parsed = networkSnapshotSchema.safeParse(
    tipBlock ? { ...candidate, tipBlockTime: new Date(tipBlock.timeUnixS * 1000).toISOString() } : candidate,
  );
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  return { snapshot: parsed.data, problems: [] };
}

const ADJUSTMENT_FALLBACK = 'computed:stored-epoch';

/**
 * When mempool's difficulty-adjustment fails: the running epoch's progress computed from the tip
 * height and the stored running epoch (its first block's time and its change), with the method
 * mempool uses (shared/domain/projectedAdjustment.ts). Only when that epoch is stored and its change known.
 */
function epochProgressFromStoredEpoch(
  tipHeight: number,
  lastEpoch: DifficultyEpoch | undefined,
  now: Date,
): EpochProgress | undefined {
  if (!lastEpoch || lastEpoch.changePct === undefined || epochOfHeight(tipHeight) !== lastEpoch.epoch) return undefined;
  const projected = projectedAdjustment({
    tipHeight,
    epochStartedAtMs: Date.parse(lastEpoch.startedAt),
    nowMs: now.getTime(),
  });
  return epochProgressOfProjection(projected, lastEpoch.changePct);
}

/**
 * The daily rollup of the oldest day that closed after the newest stored one, from mempool's daily
 * hashrate series: one per cycle at most (so a cycle writes at most 3 items), and a gap left by an
 * outage fills one day per cycle. The price of a day is the one observed when its rollup is written
 * (the close, within the grace below), so only yesterday gets a price. Block count, issuance and
 * fees come from the per-block fee list once it proves the day complete; until then the rollup
 * waits, up to `graceMs` after the day closed (mempool lists a block only once it has linked an
 * hourly price to it, so the last blocks of a day can lag), and is then stored without them
 * (`blocks:unavailable` in its source), the reason logged either way.
 */
function closedDays(
  hashrate: HashrateReading | undefined,
  blocks: readonly BlockFeePoint[] | undefined,
  lastDaily: DailyNetwork | undefined,
  snapshot: NetworkSnapshot,
  now: Date,
  graceMs: number,
  telemetry: IngestTelemetry,
): DailyNetwork[] {
  if (!hashrate) return [];
  const yesterday = new Date(now.getTime() - SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
  return (
    hashrate.daily
      // Without any stored day, history is the backfill's job: start with yesterday.
      .filter((d) => d.date <= yesterday && (lastDaily ? d.date > lastDaily.date : d.date === yesterday))
      .slice(0, 1)
      .flatMap((d) => {
        const closedAtMs = Date.parse(`${d.date}T00:00:00Z`) + SECONDS_PER_DAY * 1000;
        const inGrace = now.getTime() - closedAtMs < graceMs;
        let totals = blocks
          ? dayTotalsFromBlocks(blocks, d.date, snapshot.tipHeight)
          : { ok: false as const, reason: 'block-fees request failed' };
        const problems = checkDaily(
          { date: d.date, hashrateHps: d.hashrateHps, ...(totals.ok ? totals.totals : {}), source: '' },
          snapshot,
        );
        if (problems.blocks.length > 0) totals = { ok: false, reason: problems.blocks.join('; ') };
        const hashrateOk = problems.hashrate.length === 0;
        // A failed check is not stored for good: wait for a good reading within the grace, then store
        // the day without what failed (and say so in its source), so later days are not held up.
        if (!totals.ok || !hashrateOk) {
          const reason = [...problems.hashrate, ...(totals.ok ? [] : [totals.reason])].join('; ');
          const what = hashrateOk ? 'block totals' : 'a checked hashrate';
          if (inGrace) {
            telemetry.info(`daily rollup waits for ${what}`, { date: d.date, reason });
            return [];
          }
          telemetry.warn(`daily rollup without ${what}`, { date: d.date, reason });
        }
        const sourceParts = [
          hashrateOk ? 'hashrate:mempool' : 'hashrate:rejected',
          ...(d.date === yesterday ? [`price:${snapshot.sources.btcPriceUsd ?? 'unknown'}`] : []),
          totals.ok ? 'blocks:mempool' : problems.blocks.length > 0 ? 'blocks:rejected' : 'blocks:unavailable',
        ];
        return [
          {
            date: d.date,
            ...(hashrateOk ? { hashrateHps: d.hashrateHps } : {}),
            ...(d.date === yesterday ? { btcPriceUsd: snapshot.btcPriceUsd } : {}),
            ...(totals.ok ? totals.totals : {}),
            source: sourceParts.join(','),
          },
        ];
      })
  );
}

/**
 * The running epoch, when it is newer than the newest stored one (i.e. a retarget just happened),
 * written only once two cycles agree: the last stored snapshot is of the same epoch with the same
 * difficulty from mempool (a cached hashrate endpoint's one-cycle answer never becomes the epoch's
 * row for good). A retarget within the epoch chain's tolerance cannot tell the stale difficulty
 * from the new one, so its row takes the chain's difficulty (the previous epoch's times the
 * retarget), which lies within the tolerance of both: no retarget size leaves a row that rejects
 * the true difficulty (docs/resilience.md).
 */
function runningEpoch(
  adjustment: DifficultyAdjustmentReading | undefined,
  snapshot: NetworkSnapshot,
  last: NetworkSnapshot | undefined,
  lastEpoch: DifficultyEpoch | undefined,
): DifficultyEpoch | undefined {
  if (!adjustment || snapshot.sources.difficulty !== 'mempool') return undefined;
  const epoch = snapshot.epochProgress.epoch;
  if (lastEpoch && lastEpoch.epoch >= epoch) return undefined;
  const confirmed =
    last !== undefined &&
    last.epochProgress.epoch === epoch &&
    last.sources.difficulty === 'mempool' &&
    last.difficulty === snapshot.difficulty;
  if (!confirmed) return undefined;
  const chain = epochChainDifficulty(snapshot, lastEpoch);
  const judged = chain === undefined || !retargetWithinTolerance(adjustment.previousChangePct);
  return {
    epoch,
    startHeight: snapshot.epochProgress.startHeight,
    startedAt: adjustment.epochStartedAt,
    difficulty: judged ? snapshot.difficulty : chain.difficulty,
    changePct: adjustment.previousChangePct,
    source: judged ? 'mempool:difficulty-adjustment' : 'computed:previous-epoch-and-retarget',
  };
}

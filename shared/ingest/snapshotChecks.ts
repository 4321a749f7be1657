/**
 * Checks a candidate snapshot must pass before it is stored. Pure (no I/O, no clock: `now` is an
 * argument). A failed check rejects the whole snapshot: nothing is written, the last good one stays.
 *
 * - Sanity bounds: mainnet magnitudes with a wide margin (a unit slip of 1e3 or more lands outside).
 * - Internal consistency: the hashrate estimate must lie within 2x of the hashrate the difficulty
 *   implies (D * 2^32 / 600, docs/design.md §3) — this catches GH/s read as H/s; the tip must lie inside
 *   the epoch the difficulty-adjustment endpoint describes.
 * - Outliers against the last stored snapshot (if recent): hashrate and price jumps beyond the
 *   configured ratios, a difficulty change within one epoch, the tip going backwards past a reorg.
 * - The epoch chain (docs/resilience.md): the candidate's difficulty must be the stored running
 *   epoch's, or, just after a retarget, the previous epoch's times the retarget's change. This is
 *   the yardstick that cannot be poisoned by one bad snapshot: a candidate that matches it passes the
 *   in-epoch check even when the last snapshot carries another difficulty (so a wrong snapshot never
 *   locks the ingest out), and one that does not (a cached hashrate endpoint still serving the old
 *   difficulty after a retarget) is rejected before its epoch row is stored for good.
 * - A price move beyond the limit is accepted when a second, independent source confirms the new
 *   price (a real crash, or the end of an outage); an unconfirmed one is rejected.
 */
import { impliedHashrateHps } from '../domain/difficulty';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { BLOCKS_PER_EPOCH } from '../domain/units';

export const SANITY_BOUNDS = {
  /** ~1 EH/s (2015) to 1 ZH/s x 1000: far outside either means a unit error. */
  hashrateHps: { min: 1e17, max: 1e24 },
  difficulty: { min: 1e10, max: 1e17 },
  btcPriceUsd: { min: 100, max: 10_000_000 },
  /** Mean fees per block; the 2017 peak averaged ~5 BTC per block over a day. */
  feesBtcPerBlock: { min: 0, max: 25 },
  tipHeight: { min: 500_000, max: 10_000_000 },
} as const;

/** Blocks the tip may fall back between two snapshots (a reorg, or two nodes a little apart). */
export const MAX_TIP_REGRESSION_BLOCKS = 6;
/** Slack for the tip against the epoch bounds when tip and epoch come from different calls. */
const EPOCH_SLACK_BLOCKS = 3;
const MAX_IMPLIED_HASHRATE_RATIO = 2;

/**
 * A tip that has not moved for this long means a frozen source (a self-hosted mempool that stopped
 * following the chain, or replayed old responses): blocks come every 10 minutes on average, and no
 * 3-hour gap (P ~ e^-18 per block) is on record since 2009's early days.
 */
export const MAX_TIP_STALL_MS = 3 * 3_600_000;

/**
 * Blocks the tip may trail the second chain source (blockchain.info) by before it is taken for a
 * frozen source: two sources see a new block seconds to a minute apart, so one or two blocks of
 * lag happen; 4 blocks is ~40 minutes of chain no live source misses.
 */
export const MAX_TIP_LAG_BLOCKS = 3;

/** Blocks per UTC day: ~144, and never outside this on the 2016-2026 record (91..220). */
export const DAILY_BLOCK_BOUNDS = { min: 1, max: 400 } as const;

export interface OutlierLimits {
  maxHashrateJumpRatio: number;
  maxPriceJumpRatio: number;
  outlierWindowHours: number;
}

const ratio = (a: number, b: number): number => Math.max(a / b, b / a);

/**
 * How far the candidate's difficulty may lie from the epoch chain's: mempool's retarget percentage
 * comes from a float32 ratio (~1e-7 relative; it serves it at full double precision, e.g.
 * -0.03093703234718248), and the bundled table's percentages match its difficulties to 6e-9. A
 * stale difficulty is off by the whole retarget, and retargets as small as 0.03 % happen (epoch
 * 461: +0.0426 %): 5e-4, the first tolerance, let the simulation store epoch 461 with epoch 460's
 * difficulty. 2e-5 keeps a 200x margin over the rounding and judges every retarget above 0.002 %.
 * It is the one tolerance of the epoch chain: a retarget within it cannot be told from rounding,
 * so the previous difficulty matches too (it lies within the tolerance of the new one), and the
 * epoch row of such a retarget takes the chain's difficulty (retargetWithinTolerance).
 */
export const EPOCH_CHAIN_TOLERANCE = 2e-5;

/** True when `a` and `b` agree within the epoch chain's tolerance. */
export const matchesEpochChain = (a: number, b: number): boolean => ratio(a, b) <= 1 + EPOCH_CHAIN_TOLERANCE;

/**
 * A retarget too small to tell a stale difficulty from the new one: the previous difficulty
 * matches the retargeted one within the same tolerance the check uses.
 */
export const retargetWithinTolerance = (changePct: number): boolean => matchesEpochChain(1, 1 + changePct / 100);

export interface CheckContext {
  /** The newest stored difficulty epoch (the running one, or the one before it just after a retarget). */
  lastEpoch?: DifficultyEpoch | undefined;
  /** The tip the second chain source reports, when the cycle cross-checked the tip (tipNeedsCrossCheck). */
  crossCheckTip?: { tipHeight: number; source: string } | undefined;
}

/** The difficulty the stored epochs say the candidate's epoch has, with how it was derived. */
export function epochChainDifficulty(
  candidate: NetworkSnapshot,
  lastEpoch: DifficultyEpoch | undefined,
): { difficulty: number; from: string } | undefined {
  if (!lastEpoch) return undefined;
  const { epoch, previousChangePct } = candidate.epochProgress;
  if (lastEpoch.epoch === epoch) return { difficulty: lastEpoch.difficulty, from: `the stored epoch ${epoch}` };
  if (lastEpoch.epoch === epoch - 1)
    return {
      difficulty: lastEpoch.difficulty * (1 + previousChangePct / 100),
      from: `epoch ${lastEpoch.epoch} and its ${previousChangePct}% retarget`,
    };
  return undefined;
}

export function checkSnapshot(
  candidate: NetworkSnapshot,
  last: NetworkSnapshot | undefined,
  limits: OutlierLimits,
  now: Date,
  context: CheckContext = {},
): string[] {
  const problems: string[] = [];
  for (const [field, bounds] of Object.entries(SANITY_BOUNDS)) {
    const value = candidate[field as keyof typeof SANITY_BOUNDS];
    if (!(value >= bounds.min && value <= bounds.max))
      problems.push(`${field} ${value} outside sanity bounds [${bounds.min}, ${bounds.max}]`);
  }
  const implied = impliedHashrateHps(candidate.difficulty);
  if (ratio(candidate.hashrateHps, implied) > MAX_IMPLIED_HASHRATE_RATIO) {
    problems.push(
      `hashrateHps ${candidate.hashrateHps.toExponential(3)} is not within ${MAX_IMPLIED_HASHRATE_RATIO}x of the ${implied.toExponential(3)} the difficulty implies`,
    );
  }
  const { startHeight } = candidate.epochProgress;
  if (
    candidate.tipHeight < startHeight - EPOCH_SLACK_BLOCKS ||
    candidate.tipHeight >= startHeight + BLOCKS_PER_EPOCH + EPOCH_SLACK_BLOCKS
  ) {
    problems.push(
      `tipHeight ${candidate.tipHeight} is outside the running epoch ${startHeight}..${startHeight + BLOCKS_PER_EPOCH - 1}`,
    );
  }
  const chain = epochChainDifficulty(candidate, context.lastEpoch);
  const matchesChain = chain !== undefined && matchesEpochChain(candidate.difficulty, chain.difficulty);
  if (chain && !matchesChain) {
    problems.push(
      `difficulty ${candidate.difficulty} does not match epoch ${candidate.epochProgress.epoch} (expected ${chain.difficulty} from ${chain.from})`,
    );
  }
  const cross = context.crossCheckTip;
  if (cross && cross.tipHeight - candidate.tipHeight > MAX_TIP_LAG_BLOCKS) {
    problems.push(
      `tipHeight ${candidate.tipHeight} is ${cross.tipHeight - candidate.tipHeight} blocks behind the ${cross.tipHeight} of ${cross.source}: the chain data is stale (a frozen source)`,
    );
  }
  // The tip block's own time when known, else since when the ingest has seen the tip.
  const stalledSince = candidate.tipBlockTime ?? tipSeenSince(candidate, last);
  if (stalledSince !== undefined && now.getTime() - Date.parse(stalledSince) > MAX_TIP_STALL_MS) {
    problems.push(
      `tipHeight ${candidate.tipHeight} has not advanced since ${stalledSince}: the chain data is stale (a frozen source or an old response)`,
    );
  }
  if (!last) return problems;
  const lastAgeHours = (now.getTime() - Date.parse(last.observedAt)) / 3_600_000;
  if (lastAgeHours > limits.outlierWindowHours || lastAgeHours < 0) return problems;
  if (ratio(candidate.hashrateHps, last.hashrateHps) > limits.maxHashrateJumpRatio) {
    problems.push(
      `hashrateHps jumped ${ratio(candidate.hashrateHps, last.hashrateHps).toFixed(2)}x against the last snapshot (limit ${limits.maxHashrateJumpRatio}x)`,
    );
  }
  if (
    ratio(candidate.btcPriceUsd, last.btcPriceUsd) > limits.maxPriceJumpRatio &&
    candidate.sources.btcPriceUsdConfirmedBy === undefined
  ) {
    problems.push(
      `btcPriceUsd moved ${ratio(candidate.btcPriceUsd, last.btcPriceUsd).toFixed(2)}x against the last snapshot (limit ${limits.maxPriceJumpRatio}x) and no second source confirms it`,
    );
  }
  if (
    // The epoch chain, when there is one, has judged the difficulty already (above).
    chain === undefined &&
    candidate.epochProgress.epoch === last.epochProgress.epoch &&
    ratio(candidate.difficulty, last.difficulty) > 1 + 1e-9
  ) {
    problems.push(
      `difficulty changed within epoch ${candidate.epochProgress.epoch} (${last.difficulty} -> ${candidate.difficulty})`,
    );
  }
  if (candidate.epochProgress.epoch < last.epochProgress.epoch) {
    problems.push(`epoch went backwards (${last.epochProgress.epoch} -> ${candidate.epochProgress.epoch})`);
  }
  if (candidate.tipHeight < last.tipHeight - MAX_TIP_REGRESSION_BLOCKS) {
    problems.push(`tipHeight fell from ${last.tipHeight} to ${candidate.tipHeight}: a stale source`);
  }
  return problems;
}

/**
 * Whether the cycle must cross-check the tip with the second chain source before believing it:
 * when nothing shows it is live, i.e. there is no recent snapshot to compare with (a fresh table,
 * or the end of an outage: a source frozen during it can stand ahead of the last stored tip) or
 * the tip has not advanced since the last snapshot.
 */
export function tipNeedsCrossCheck(
  tipHeight: number,
  last: NetworkSnapshot | undefined,
  now: Date,
  intervalMinutes: number,
): boolean {
  if (!last || tipHeight <= last.tipHeight) return true;
  return now.getTime() - Date.parse(last.observedAt) > 2 * intervalMinutes * 60_000;
}

/**
 * Since when the ingest has seen the candidate's tip (the last snapshot's time, or its own record
 * of it), when the tip has not moved; undefined when it advanced.
 */
export function tipSeenSince(candidate: NetworkSnapshot, last: NetworkSnapshot | undefined): string | undefined {
  if (!last || candidate.tipHeight > last.tipHeight) return undefined;
  return last.tipSeenSince ?? last.observedAt;
}

export interface DailyProblems {
  /** Why the day's hashrate cannot be stored. */
  hashrate: string[];
  /** Why its block count, issuance and fees cannot be stored. */
  blocks: string[];
}

/**
 * Checks a daily rollup before it is stored for good: the same sanity bounds as a snapshot, the
 * day's hashrate within 2x of what the running difficulty implies (GH/s read as H/s lands 1e9
 * away), its block count plausible and its fees per block inside the snapshot bounds (sats read as
 * BTC lands 1e8 away). Pure.
 */
export function checkDaily(day: DailyNetwork, snapshot: Pick<NetworkSnapshot, 'difficulty'>): DailyProblems {
  const hashrate: string[] = [];
  const blocks: string[] = [];
  if (day.hashrateHps !== undefined) {
    const implied = impliedHashrateHps(snapshot.difficulty);
    const { min, max } = SANITY_BOUNDS.hashrateHps;
    if (
      !(day.hashrateHps >= min && day.hashrateHps <= max) ||
      ratio(day.hashrateHps, implied) > MAX_IMPLIED_HASHRATE_RATIO
    )
      hashrate.push(
        `daily hashrateHps ${day.hashrateHps.toExponential(3)} of ${day.date} is not within ${MAX_IMPLIED_HASHRATE_RATIO}x of the ${implied.toExponential(3)} the difficulty implies`,
      );
  }
  if (day.blockCount !== undefined) {
    if (day.blockCount < DAILY_BLOCK_BOUNDS.min || day.blockCount > DAILY_BLOCK_BOUNDS.max)
      blocks.push(
        `blockCount ${day.blockCount} of ${day.date} outside [${DAILY_BLOCK_BOUNDS.min}, ${DAILY_BLOCK_BOUNDS.max}]`,
      );
    else if (day.feesBtc !== undefined) {
      const perBlock = day.feesBtc / day.blockCount;
      const { min, max } = SANITY_BOUNDS.feesBtcPerBlock;
      if (!(perBlock >= min && perBlock <= max))
        blocks.push(`feesBtc ${day.feesBtc} of ${day.date} is ${perBlock} BTC per block, outside [${min}, ${max}]`);
    }
  }
  return { hashrate, blocks };
}

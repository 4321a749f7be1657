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
 */
import { impliedHashrateHps } from '../domain/difficulty';
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

export interface OutlierLimits {
  maxHashrateJumpRatio: number;
  maxPriceJumpRatio: number;
  outlierWindowHours: number;
}

const ratio = (a: number, b: number): number => Math.max(a / b, b / a);

export function checkSnapshot(
  candidate: NetworkSnapshot,
  last: NetworkSnapshot | undefined,
  limits: OutlierLimits,
  now: Date,
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
  if (!last) return problems;
  const lastAgeHours = (now.getTime() - Date.parse(last.observedAt)) / 3_600_000;
  if (lastAgeHours > limits.outlierWindowHours || lastAgeHours < 0) return problems;
  if (ratio(candidate.hashrateHps, last.hashrateHps) > limits.maxHashrateJumpRatio) {
    problems.push(
      `hashrateHps jumped ${ratio(candidate.hashrateHps, last.hashrateHps).toFixed(2)}x against the last snapshot (limit ${limits.maxHashrateJumpRatio}x)`,
    );
  }
  if (ratio(candidate.btcPriceUsd, last.btcPriceUsd) > limits.maxPriceJumpRatio) {
    problems.push(
      `btcPriceUsd moved ${ratio(candidate.btcPriceUsd, last.btcPriceUsd).toFixed(2)}x against the last snapshot (limit ${limits.maxPriceJumpRatio}x)`,
    );
  }
  if (
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

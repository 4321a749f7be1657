/**
 * Epoch detection: the difficulty epoch row a cycle writes once a retarget has happened and two
 * cycles agree on the new epoch's difficulty. Pure.
 */
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import type { DifficultyAdjustmentReading } from './readings';
import { epochChainDifficulty, retargetWithinTolerance } from './snapshotChecks';

/**
 * The running epoch, when it is newer than the newest stored one (i.e. a retarget just happened),
 * written only once two cycles agree: the last stored snapshot is of the same epoch with the same
 * difficulty from mempool (a cached hashrate endpoint's one-cycle answer never becomes the epoch's
 * row for good). A retarget within the epoch chain's tolerance cannot tell the stale difficulty
 * from the new one, so its row takes the chain's difficulty (the previous epoch's times the
 * retarget), which lies within the tolerance of both: no retarget size leaves a row that rejects
 * the true difficulty (docs/resilience.md).
 */
export function runningEpochRow(
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

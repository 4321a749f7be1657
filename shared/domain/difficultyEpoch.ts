/** A completed or running difficulty epoch: its start and its difficulty and change. */
import * as z from '../schema/z';

export const difficultyEpochSchema = z.object({
  epoch: z.int().check(z.nonnegative()),
  startHeight: z.int().check(z.nonnegative()),
  /** Start time of the epoch's first block, ISO 8601; date-only history gives 00:00Z of that day. */
  startedAt: z.iso.datetime({ offset: true }),
  difficulty: z.number().check(z.positive()),
  /** Change against the previous epoch, percent; absent for epoch 0. */
  changePct: z.optional(z.number()),
  source: z.string(),
});
export type DifficultyEpoch = z.infer<typeof difficultyEpochSchema>;

/**
 * How many of the epochs (sorted oldest first) had started by `atMs`: a binary search, since the
 * backtest asks for every snapshot over ~474 epochs, and a replay's table may already hold later
 * epochs than the moment it judges.
 */
export function epochsStartedBy(epochs: readonly DifficultyEpoch[], atMs: number): number {
  let lo = 0;
  let hi = epochs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse(epochs[mid]!.startedAt) <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

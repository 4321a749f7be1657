/**
 * Streaks of negative difficulty adjustments. Consecutive downward retargets mean hashrate kept
 * leaving the network epoch after epoch: the classic miner-capitulation pattern (e.g. the three in
 * a row of Nov-Dec 2025, or the long runs of 2011-2012). A run is broken by an adjustment that is
 * zero or positive, by an epoch without a known change, or by a gap in the epoch numbers.
 */

/** One epoch's adjustment: the change at the start of `epoch` against the previous epoch, percent. */
export interface EpochChange {
  epoch: number;
  changePct?: number | undefined;
}

export interface NegativeRun {
  /** First epoch of the run (its start was a downward retarget). */
  startEpoch: number;
  /** Last epoch of the run. */
  endEpoch: number;
  /** Number of consecutive negative adjustments. */
  length: number;
}

export interface DifficultyStreak {
  /** Every maximal run of consecutive negative adjustments, oldest first. */
  runs: NegativeRun[];
  /**
   * The run still going at the end of the sequence (its last epoch is the last one seen), or
   * undefined when the latest adjustment was not negative.
   */
  current: NegativeRun | undefined;
  /** Length of the current run; 0 when there is none. */
  currentLength: number;
}

/** Runs of consecutive negative adjustments over `changes`, which must be in ascending epoch order. */
export function difficultyStreak(changes: readonly EpochChange[]): DifficultyStreak {
  const runs: NegativeRun[] = [];
  let open: NegativeRun | undefined;
  let previousEpoch: number | undefined;
  for (const change of changes) {
    if (previousEpoch !== undefined && change.epoch <= previousEpoch) {
      throw new RangeError(`epochs must be ascending: ${change.epoch} after ${previousEpoch}`);
    }
    const contiguous = previousEpoch !== undefined && change.epoch === previousEpoch + 1;
    const negative = change.changePct !== undefined && change.changePct < 0;
    if (negative) {
      if (open !== undefined && contiguous) {
        open.endEpoch = change.epoch;
        open.length += 1;
      } else {
        open = { startEpoch: change.epoch, endEpoch: change.epoch, length: 1 };
        runs.push(open);
      }
    } else {
      open = undefined;
    }
    previousEpoch = change.epoch;
  }
  const current = open === undefined ? undefined : { ...open };
  return { runs: runs.map((run) => ({ ...run })), current, currentLength: current?.length ?? 0 };
}

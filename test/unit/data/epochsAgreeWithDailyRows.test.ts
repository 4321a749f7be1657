/**
 * The epochs added after the research collection (474 on: see shared/data/history/SOURCES.md) hold
 * the chain facts the ingest checks (shared/ingest/snapshotChecks.ts), and agree with the bundled
 * daily rows they were proven by: the epoch starts at 2016 x epoch, on the UTC day whose blocks
 * (the day after the previous day's end_height, up to its own) hold that height; its difficulty
 * is the previous epoch's times its change, within the epoch chain's tolerance; and every day
 * whose blocks all lie in the epoch carries exactly its difficulty.
 */
import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../../shared/data/history/loadDifficultyEpochs';
import { epochOfHeight, epochStartHeight } from '../../../shared/domain/difficulty';
import { matchesEpochChain } from '../../../shared/ingest/snapshotChecks';

/** The first epoch this project added to the research collection's table (which ended at 473). */
const FIRST_ADDED_EPOCH = 474;

describe('epochs 474 on agree with the bundled daily rows', () => {
  const epochs = loadDifficultyEpochs();
  const days = loadDailyHistory();
  const added = epochs.filter((e) => e.epoch >= FIRST_ADDED_EPOCH);

  /** The day's block heights: after the previous day's last block, up to its own. */
  const blocksOf = (i: number): { first: number; last: number } | undefined => {
    const previous = days[i - 1]?.endHeight;
    const last = days[i]?.endHeight;
    return previous === undefined || last === undefined ? undefined : { first: previous + 1, last };
  };

  it('adds at least the 474 retarget (+7.15 % to 133.87 T at 955,584 on 2026-06-27)', () => {
    const e474 = added.find((e) => e.epoch === 474);
    expect(e474).toMatchObject({ startHeight: 955_584, startedAt: '2026-06-27T00:00:00.000Z' });
    expect(e474?.difficulty).toBeCloseTo(133_869_853_540_305.39, 1);
    expect(e474?.changePct).toBeCloseTo(7.153432, 6);
  });

  it.each(added.map((e) => [e.epoch, e] as const))('epoch %i: height, date, change and daily difficulty', (_, e) => {
    // Height: a chain fact.
    expect(e.startHeight).toBe(epochStartHeight(e.epoch));
    expect(epochOfHeight(e.startHeight)).toBe(e.epoch);

    // Change: the previous epoch's difficulty times the change, as the ingest's epoch chain checks.
    const previous = epochs.find((p) => p.epoch === e.epoch - 1)!;
    expect(e.changePct).toBeDefined();
    expect(matchesEpochChain(e.difficulty, previous.difficulty * (1 + e.changePct! / 100))).toBe(true);

    // Date: the day whose blocks hold the start height.
    const startDay = days.findIndex((_d, i) => {
      const b = blocksOf(i);
      return b !== undefined && b.first <= e.startHeight && e.startHeight <= b.last;
    });
    expect(startDay).toBeGreaterThan(0);
    expect(e.startedAt.slice(0, 10)).toBe(days[startDay]!.date);

    // Difficulty: every day wholly inside the epoch carries it (at least one such day is checked).
    const next = epochs.find((n) => n.epoch === e.epoch + 1);
    const end = next ? next.startHeight - 1 : Number.POSITIVE_INFINITY;
    let checked = 0;
    for (let i = startDay + 1; i < days.length; i += 1) {
      const b = blocksOf(i);
      if (b === undefined || b.last > end || epochOfHeight(b.first) !== e.epoch) break;
      if (epochOfHeight(b.last) !== e.epoch) break;
      expect(days[i]!.difficulty, days[i]!.date).toBeDefined();
      expect(matchesEpochChain(days[i]!.difficulty!, e.difficulty), days[i]!.date).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('reads no epoch the daily rows have not reached', () => {
    const lastHeight = days.at(-1)!.endHeight!;
    for (const e of added) expect(e.startHeight).toBeLessThanOrEqual(lastHeight);
  });
});

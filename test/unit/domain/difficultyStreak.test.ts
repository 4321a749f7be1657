import { describe, expect, it } from 'vitest';
import { loadDifficultyEpochs } from '../../../shared/data/history/loadDifficultyEpochs';
import { difficultyStreak } from '../../../shared/domain/difficultyStreak';

const epochs = loadDifficultyEpochs();

describe('difficultyStreak', () => {
  it('finds the Nov-Dec 2025 run of three negative adjustments in the real epoch table', () => {
    // Prepare: every epoch from 2025-10-01 to 2025-12-31
    const q4 = epochs.filter((e) => e.startedAt >= '2025-10-01' && e.startedAt < '2026-01-01');

    // Act
    const { runs } = difficultyStreak(q4);

    // Assess: epochs 458-460 (-2.37%, -1.95%, -0.74%); the retarget after them (2025-12-25) was
    // +0.04% and ended the run. The single -2.73% of 2025-10-16 is a run of one.
    const run = runs.find((r) => r.length === 3);
    expect(run).toEqual({ startEpoch: 458, endEpoch: 460, length: 3 });
    expect(epochs[458]?.startedAt.slice(0, 10)).toBe('2025-11-12');
    expect(epochs[459]?.startedAt.slice(0, 10)).toBe('2025-11-27');
    expect(epochs[460]?.startedAt.slice(0, 10)).toBe('2025-12-11');
    expect(epochs[458]?.changePct).toBeCloseTo(-2.37, 2);
    expect(epochs[459]?.changePct).toBeCloseTo(-1.95, 2);
    expect(epochs[460]?.changePct).toBeCloseTo(-0.74, 2);
    expect(epochs[461]?.changePct).toBeGreaterThan(0);
    expect(runs).toEqual([
      { startEpoch: 456, endEpoch: 456, length: 1 },
      { startEpoch: 458, endEpoch: 460, length: 3 },
    ]);
  });

  it('over the whole history the longest run is the eight of Aug-Nov 2011, after the 2011 price crash', () => {
    // Act
    const { runs } = difficultyStreak(epochs);

    // Assess
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a));
    expect(longest).toEqual({ startEpoch: 70, endEpoch: 77, length: 8 });
    expect(epochs[70]?.startedAt.slice(0, 7)).toBe('2011-08');
    // the four of May-July 2021 (China's mining ban) includes the -27.94% of 2021-07-03
    expect(runs).toContainEqual({ startEpoch: 340, endEpoch: 343, length: 4 });
  });

  it('reports the streak still running at the end of the sequence', () => {
    // Prepare: up to epoch 460, the run of three is the current streak
    const toDecember = epochs.slice(0, 461);

    // Act
    const streak = difficultyStreak(toDecember);
    const afterNextRetarget = difficultyStreak(epochs.slice(0, 462));

    // Assess
    expect(streak.current).toEqual({ startEpoch: 458, endEpoch: 460, length: 3 });
    expect(streak.currentLength).toBe(3);
    expect(afterNextRetarget.current).toBeUndefined();
    expect(afterNextRetarget.currentLength).toBe(0);
  });

  it('breaks a run at a zero change, an unknown change or a gap in epoch numbers', () => {
    expect(difficultyStreak([]).runs).toEqual([]);
    expect(
      difficultyStreak([
        { epoch: 1, changePct: -1 },
        { epoch: 2, changePct: 0 },
        { epoch: 3, changePct: -1 },
        { epoch: 4 },
        { epoch: 5, changePct: -1 },
        { epoch: 7, changePct: -1 },
        { epoch: 8, changePct: -2 },
      ]).runs,
    ).toEqual([
      { startEpoch: 1, endEpoch: 1, length: 1 },
      { startEpoch: 3, endEpoch: 3, length: 1 },
      { startEpoch: 5, endEpoch: 5, length: 1 },
      { startEpoch: 7, endEpoch: 8, length: 2 },
    ]);
  });

  it('rejects epochs out of order', () => {
    expect(() =>
      difficultyStreak([
        { epoch: 3, changePct: -1 },
        { epoch: 2, changePct: -1 },
      ]),
    ).toThrow(/ascending/);
  });
});

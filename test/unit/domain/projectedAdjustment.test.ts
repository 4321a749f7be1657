import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDifficultyEpochs } from '../../../shared/data/history/loadDifficultyEpochs';
import { projectedAdjustment } from '../../../shared/domain/projectedAdjustment';

const epochs = loadDifficultyEpochs();
const DAY_MS = 86_400_000;

describe('projectedAdjustment', () => {
  it('at the end of the real epoch 341 projects the -27.94% retarget of 2021-07-03', () => {
    // Prepare: tip = last block of epoch 341; "now" = the time the first block of 342 was found
    const epoch341 = epochs[341]!;
    const epoch342 = epochs[342]!;

    // Act
    const projection = projectedAdjustment({
      tipHeight: epoch342.startHeight - 1,
      epochStartedAtMs: Date.parse(epoch341.startedAt),
      nowMs: Date.parse(epoch342.startedAt),
    });

    // Assess: the pace over 2015 intervals is the epoch's real pace, so the projection lands on the
    // real change to within 0.05 points (block-time noise of the last block, compact rounding)
    expect(projection.epoch).toBe(341);
    expect(projection.remainingBlocks).toBe(1);
    expect(Math.abs(projection.projectedChangePct - epoch342.changePct!)).toBeLessThan(0.05);
    expect(epoch342.changePct).toBeCloseTo(-27.94, 2);
  });

  it('half an epoch in exactly 7 days keeps the pace: +0.05% (the 2015-interval off-by-one) and retarget 7 days later', () => {
    // Prepare: epoch 440 starts at 887,040; tip 888,048 = 1,008 blocks in; 1,008 x 600 s = 7 days
    const startedAtMs = Date.parse('2025-03-01T00:00:00Z');
    const nowMs = startedAtMs + 7 * DAY_MS;

    // Act
    const projection = projectedAdjustment({ tipHeight: 888_048, epochStartedAtMs: startedAtMs, nowMs });

    // Assess: 1,209,600 / (2015 x 600) - 1 = 1/2015 = 0.0496%
    expect(projection).toEqual({
      epoch: 440,
      startHeight: 887_040,
      nextRetargetHeight: 889_056,
      blocksSinceStart: 1008,
      remainingBlocks: 1008,
      progressPct: 50,
      meanBlockIntervalSeconds: 600,
      projectedTimespanSeconds: 1_209_000,
      projectedChangePct: expect.closeTo(100 / 2015, 9),
      estimatedRetargetAtMs: nowMs + 7 * DAY_MS,
    });
  });

  it('blocks twice as fast project about +100%; absurdly fast ones are clamped to +300%, slow ones to -75%', () => {
    const startedAtMs = Date.parse('2025-03-01T00:00:00Z');
    const twiceAsFast = projectedAdjustment({
      tipHeight: 888_048,
      epochStartedAtMs: startedAtMs,
      nowMs: startedAtMs + 3.5 * DAY_MS,
    });
    // 1,209,600 / (2015 x 300) - 1 = 100.099%
    expect(twiceAsFast.projectedChangePct).toBeCloseTo(100.0993, 3);
    expect(twiceAsFast.meanBlockIntervalSeconds).toBe(300);

    const clampedUp = projectedAdjustment({
      tipHeight: 888_048,
      epochStartedAtMs: startedAtMs,
      nowMs: startedAtMs + 1000,
    });
    expect(clampedUp.projectedChangePct).toBeCloseTo(300, 9);

    const clampedDown = projectedAdjustment({
      tipHeight: 887_050,
      epochStartedAtMs: startedAtMs,
      nowMs: startedAtMs + 60 * DAY_MS,
    });
    expect(clampedDown.projectedChangePct).toBeCloseTo(-75, 9);
  });

  it('with no interval yet (tip at the epoch start) or a clock behind the block time, assumes the 600 s target', () => {
    const startedAtMs = Date.parse('2025-03-01T00:00:00Z');
    const atStart = projectedAdjustment({
      tipHeight: 887_040,
      epochStartedAtMs: startedAtMs,
      nowMs: startedAtMs + 120_000,
    });
    expect(atStart.meanBlockIntervalSeconds).toBe(600);
    expect(atStart.remainingBlocks).toBe(2016);
    expect(atStart.estimatedRetargetAtMs).toBe(startedAtMs + 120_000 + 2016 * 600_000);

    const skewed = projectedAdjustment({
      tipHeight: 887_045,
      epochStartedAtMs: startedAtMs,
      nowMs: startedAtMs - 60_000,
    });
    expect(skewed.meanBlockIntervalSeconds).toBe(600);
  });
});

describe('projectedAdjustment against mempool.space', () => {
  it("matches mempool's real 2024-02-11 vector (height 830,027): progress, remaining blocks and retarget time", () => {
    // Prepare: mempool's inputs are the epoch start time (previousTime, s) and "now", which the
    // vector gives as expectedBlocks = seconds since the epoch start / 600
    const vector = JSON.parse(
      readFileSync(new URL('../../fixtures/domain/mempool-difficulty-adjustment-830027.json', import.meta.url), 'utf8'),
    ) as {
      progressPercent: number;
      difficultyChange: number;
      estimatedRetargetDate: number;
      remainingBlocks: number;
      nextRetargetHeight: number;
      timeAvg: number;
      previousTime: number;
      expectedBlocks: number;
    };
    const epochStartedAtMs = vector.previousTime * 1000;
    const nowMs = epochStartedAtMs + Math.round(vector.expectedBlocks * 600) * 1000;

    // Act
    const projection = projectedAdjustment({ tipHeight: 830_027, epochStartedAtMs, nowMs });

    // Assess: the bookkeeping matches exactly; the mean interval to mempool's ms rounding
    expect(projection.nextRetargetHeight).toBe(vector.nextRetargetHeight);
    expect(projection.remainingBlocks).toBe(vector.remainingBlocks);
    expect(projection.progressPct).toBeCloseTo(vector.progressPercent, 9);
    expect(Math.abs(projection.meanBlockIntervalSeconds * 1000 - vector.timeAvg)).toBeLessThan(1);
    expect(Math.abs(projection.estimatedRetargetAtMs - vector.estimatedRetargetDate)).toBeLessThan(1000);
    // mempool divides the elapsed time by blocksInEpoch + 1 and compares with 600 s (+8.513%); we
    // project 2015 intervals at the observed pace as consensus measures them (+8.49%): within 0.05 points
    expect(Math.abs(projection.projectedChangePct - vector.difficultyChange)).toBeLessThan(0.05);
  });
});

/**
 * Defect 1 of issue #15: the outlier checks' yardstick (the last stored snapshot) could lock the
 * ingest out at a retarget, and a large price move confirmed by a second source was refused for ever.
 */
import { describe, expect, it } from 'vitest';
import { checkSnapshot } from '../../../shared/ingest/snapshotChecks';
import type { DifficultyEpoch } from '../../../shared/domain/difficultyEpoch';
import type { NetworkSnapshot } from '../../../shared/domain/networkSnapshot';
import { recordedSnapshot } from '../../support/recordedSnapshot';

// Epoch 463 (from the recorded 2026-02-01 scenario) and a retarget into epoch 464 of -14.3 %.
const d463 = 141668107417558.25;
const d464 = d463 * (1 - 0.143);
const epoch463: DifficultyEpoch = {
  epoch: 463,
  startHeight: 933408,
  startedAt: '2026-01-25T00:00:00.000Z',
  difficulty: d463,
  changePct: -3.28,
  source: 'mempool:difficulty-adjustments',
};
const epoch464: DifficultyEpoch = { ...epoch463, epoch: 464, startHeight: 935424, difficulty: d464, changePct: -14.3 };

const before: NetworkSnapshot = {
  ...recordedSnapshot,
  intervalStart: '2026-02-08T04:00:00.000Z',
  observedAt: '2026-02-08T04:00:00.000Z',
  tipHeight: 935423,
  difficulty: d463,
  epochProgress: { ...recordedSnapshot.epochProgress, progressPct: 99.9, remainingBlocks: 1 },
  sources: { btcPriceUsd: 'mempool', btcPriceUsdConfirmedBy: 'coinbase' },
};
const newEpoch = {
  epoch: 464,
  startHeight: 935424,
  progressPct: 0.05,
  remainingBlocks: 2015,
  estimatedChangePct: 0,
  estimatedRetargetAt: '2026-02-22T04:00:00.000Z',
  previousChangePct: -14.3,
};
const after = (minutes: number, over: Partial<NetworkSnapshot>): NetworkSnapshot => {
  const at = new Date(Date.parse(before.observedAt) + minutes * 60_000).toISOString();
  return { ...before, intervalStart: at, observedAt: at, tipHeight: 935425, epochProgress: newEpoch, ...over };
};
const limits = { maxHashrateJumpRatio: 3, maxPriceJumpRatio: 1.5, outlierWindowHours: 24 };
const at = (minutes: number): Date => new Date(Date.parse(before.observedAt) + minutes * 60_000);

describe('retarget lock-out (issue #15, defect 1)', () => {
  it('rejects a new-epoch candidate still carrying the previous epoch difficulty (cached hashrate endpoint)', () => {
    const stale = after(10, { difficulty: d463, hashrateHps: 7.3e20 });
    const problems = checkSnapshot(stale, before, limits, at(10), { lastEpoch: epoch463 });
    expect(problems).toEqual([
      `difficulty ${d463} does not match epoch 464 (expected ${d464} from epoch 463 and its -14.3% retarget)`,
    ]);
    // The same candidate with the retargeted difficulty passes.
    expect(
      checkSnapshot(after(10, { difficulty: d464, hashrateHps: 7.3e20 }), before, limits, at(10), {
        lastEpoch: epoch463,
      }),
    ).toEqual([]);
  });

  it('rejects the previous difficulty after a tiny retarget too (found by the simulation: epoch 461, +0.0426 %)', () => {
    // Real figures: epoch 460's difficulty and the +0.042597 % retarget into 461 (mempool serves
    // previousRetarget at full precision, e.g. -0.03093703234718248 in the 2026-10-05 capture).
    const d460 = 148195306640204.72;
    const d461 = 148258433855481.3;
    const epoch460: DifficultyEpoch = { ...epoch463, epoch: 460, difficulty: d460, changePct: -0.740717 };
    const into461 = { ...newEpoch, epoch: 461, previousChangePct: 0.042597 };
    const cached = after(10, { difficulty: d460, hashrateHps: 7.3e20, epochProgress: into461 });
    const fresh = after(10, { difficulty: d461, hashrateHps: 7.3e20, epochProgress: into461 });
    expect(checkSnapshot(cached, undefined, limits, at(10), { lastEpoch: epoch460 })[0]).toMatch(
      /difficulty 148195306640204\.72 does not match epoch 461/,
    );
    expect(checkSnapshot(fresh, undefined, limits, at(10), { lastEpoch: epoch460 })).toEqual([]);
  });

  it('accepts a correct candidate even when the last stored snapshot carries a wrong difficulty', () => {
    // The poisoned yardstick: epoch 464 with epoch 463's difficulty, stored before the fix.
    const poisoned = after(10, { difficulty: d463, hashrateHps: 7.3e20 });
    const correct = after(20, { difficulty: d464, hashrateHps: 7.3e20 });
    expect(checkSnapshot(correct, poisoned, limits, at(20), { lastEpoch: epoch464 })).toEqual([]);
    expect(checkSnapshot(correct, poisoned, limits, at(20), { lastEpoch: epoch463 })).toEqual([]);
    // Without any epoch yardstick the in-epoch check still applies.
    expect(checkSnapshot(correct, poisoned, limits, at(20))[0]).toMatch(/difficulty changed within epoch 464/);
  });

  it('accepts a price move beyond the limit once a second source confirms it, and only then', () => {
    const crash = {
      ...before,
      btcPriceUsd: 40_000,
      intervalStart: at(10).toISOString(),
      observedAt: at(10).toISOString(),
    };
    expect(checkSnapshot(crash, before, limits, at(10))).toEqual([]);
    const single = { ...crash, sources: { btcPriceUsd: 'mempool' }, flags: ['price-single-source'] };
    expect(checkSnapshot(single, before, limits, at(10))[0]).toMatch(
      /btcPriceUsd moved 1.97x .*no second source confirms it/,
    );
  });
});

/**
 * Defect 1 of issue #15: the outlier checks' yardstick (the last stored snapshot) could lock the
 * ingest out at a retarget, and a large price move confirmed by a second source was refused for ever.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIngestConfig } from '../../../shared/config/ingestConfig';
import { impliedHashrateHps } from '../../../shared/domain/difficulty';
import { BLOCKS_PER_EPOCH } from '../../../shared/domain/units';
import type { IngestSources, NetworkRepository } from '../../../shared/ingest/ports';
import { runIngestCycle } from '../../../shared/ingest/runIngestCycle';
import { checkSnapshot, EPOCH_CHAIN_TOLERANCE } from '../../../shared/ingest/snapshotChecks';
import { silentTelemetry } from '../../../shared/ingest/telemetry';
import type { DifficultyEpoch } from '../../../shared/domain/difficultyEpoch';
import { networkSnapshot, type NetworkSnapshot } from '../../../shared/domain/networkSnapshot';
import { figuresAsRead } from '../../support/figuresAsRead';
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

const before: NetworkSnapshot = networkSnapshot({
  ...recordedSnapshot,
  intervalStart: '2026-02-08T04:00:00.000Z',
  observedAt: '2026-02-08T04:00:00.000Z',
  tipHeight: 935423,
  difficulty: d463,
  epochProgress: { ...recordedSnapshot.epochProgress, progressPct: 99.9, remainingBlocks: 1 },
  sources: { btcPriceUsd: 'mempool', btcPriceUsdConfirmedBy: 'coinbase' },
});
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
  return networkSnapshot({
    ...before,
    intervalStart: at,
    observedAt: at,
    tipHeight: 935425,
    epochProgress: newEpoch,
    ...over,
  });
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

/**
 * Issue #22: a retarget of 0.002-0.004 % seen first through the cached hashrate endpoint stored
 * its epoch row with the old difficulty ("too small to judge" was twice the matching tolerance),
 * and every later correct snapshot was rejected. The real ingest cycle (runIngestCycle) over an
 * in-memory table and sources, cycle after cycle across a retarget of any size: the cached
 * hashrate endpoint serves the previous difficulty for the first few cycles, mempool reports the
 * retarget's percentage through a float32 ratio as it does. No retarget size may lock it out.
 */
describe('no retarget size locks the ingest out (issue #22)', () => {
  const d460 = 148195306640204.72;
  const retargetAt = Date.parse('2025-12-25T06:00:00.000Z');
  const startHeight = 461 * BLOCKS_PER_EPOCH;
  const config = parseIngestConfig('{}');

  function memoryRepository(): NetworkRepository & { snapshots: NetworkSnapshot[]; epochs: DifficultyEpoch[] } {
    const snapshots: NetworkSnapshot[] = [];
    const epochs: DifficultyEpoch[] = [
      {
        epoch: 460,
        startHeight: 460 * BLOCKS_PER_EPOCH,
        startedAt: '2025-12-11T07:00:00.000Z',
        difficulty: d460,
        source: 'seed',
      },
    ];
    const newest = <T>(items: T[]): T | undefined => items.at(-1);
    return {
      snapshots,
      epochs,
      async putSnapshot(s) {
        if (snapshots.some((x) => x.intervalStart === s.intervalStart)) return 'duplicate';
        snapshots.push(s);
        return 'stored';
      },
      latestSnapshot: async () => newest(snapshots),
      getSnapshot: async (at) => snapshots.find((s) => s.intervalStart === at),
      putDaily: async () => 'stored',
      latestDaily: async () => undefined,
      listDaily: async () => [],
      async putEpoch(e) {
        if (epochs.some((x) => x.epoch === e.epoch)) return 'duplicate';
        epochs.push(e);
        return 'stored';
      },
      latestEpoch: async () => newest(epochs),
      listEpochs: async () => epochs,
      getBackfillProgress: async () => undefined,
      putBackfillProgress: async () => undefined,
    };
  }

  /** One cycle `cycle` (0 = the first after the retarget), the hashrate endpoint stale for `staleCycles`. */
  function sources(changePct: number, staleCycles: number, cycle: number): IngestSources {
    const d461 = d460 * (1 + changePct / 100);
    // mempool's previousRetarget: a float32 difficulty ratio served at full double precision.
    const reportedPct = (Math.fround(d461 / d460) - 1) * 100;
    const difficulty = cycle < staleCycles ? d460 : d461;
    const nowMs = retargetAt + (cycle + 1) * 600_000;
    const quote = (source: string) => ({ source, priceUsd: 87_000, fiatPrices: {} });
    const fail = () => Promise.reject(new Error('not needed'));
    // Any figure a reading carries under its own name, as the recorded network has it.
    const read = figuresAsRead(recordedSnapshot);
    return {
      mempool: {
        name: 'mempool',
        tipHeight: async () => startHeight + cycle + 1,
        difficultyAdjustment: async () => ({
          ...read,
          progressPct: ((cycle + 2) / BLOCKS_PER_EPOCH) * 100,
          estimatedChangePct: 0.5,
          estimatedRetargetAt: new Date(retargetAt + 14 * 86_400_000).toISOString(),
          remainingBlocks: BLOCKS_PER_EPOCH - cycle - 2,
          previousChangePct: reportedPct,
          epochStartedAt: new Date(retargetAt).toISOString(),
          nextRetargetHeight: startHeight + BLOCKS_PER_EPOCH,
        }),
        hashrate: async () => ({
          ...read,
          currentDifficulty: difficulty,
          currentHashrateHps: impliedHashrateHps(difficulty),
          daily: [],
        }),
        rewardStats: async () => ({
          ...read,
          feesBtcPerBlock: 0.02,
          windowBlocks: 144,
          endHeight: startHeight + cycle + 1,
        }),
        blockFees: async () => [],
        prices: async () => ({ ...quote('mempool'), observedAt: new Date(nowMs).toISOString() }),
        difficultyAdjustments: fail,
        historicalPricesUsd: fail,
      },
      priceFallbacks: [{ name: 'coinbase', price: async () => quote('coinbase') }],
      chainFallback: { name: 'blockchain.info', stats: fail },
    };
  }

  const retargetPct = fc.oneof(
    // The sizes that locked the ingest out, the real epoch 461, and the tolerance's edge.
    fc.constantFrom(0.002, 0.0025, 0.003, 0.0035, 0.004, -0.003, 0.0426, 0.042597, 0.00199, 0.00201, 0),
    fc.double({ min: -0.01, max: 0.01, noNaN: true }),
    fc.double({ min: -0.1, max: 0.1, noNaN: true }),
    fc.double({ min: -20, max: 20, noNaN: true }),
  );

  it('stores the retargeted difficulty after any stale cycles, and an epoch row that judges it as matching', async () => {
    await fc.assert(
      fc.asyncProperty(retargetPct, fc.integer({ min: 0, max: 3 }), async (changePct, staleCycles) => {
        const repository = memoryRepository();
        const d461 = d460 * (1 + changePct / 100);
        const statuses: string[] = [];
        for (let cycle = 0; cycle < staleCycles + 4; cycle += 1) {
          const now = new Date(retargetAt + (cycle + 1) * 600_000);
          const result = await runIngestCycle({
            sources: sources(changePct, staleCycles, cycle),
            repository,
            config,
            telemetry: silentTelemetry,
            now,
          });
          statuses.push(result.status);
        }
        // Every cycle once the endpoint is fresh stores a snapshot with the retargeted difficulty.
        expect(statuses.slice(staleCycles)).toEqual(['stored', 'stored', 'stored', 'stored']);
        expect(repository.snapshots.at(-1)!.difficulty).toBe(d461);
        // The epoch row is written, and within the one tolerance of the true difficulty.
        const row = repository.epochs.find((e) => e.epoch === 461);
        expect(row).toBeDefined();
        expect(Math.abs(row!.difficulty / d461 - 1)).toBeLessThanOrEqual(EPOCH_CHAIN_TOLERANCE);
        // And a snapshot of the next epoch judged against it passes too (no lock-out one epoch later).
        const next = {
          ...repository.snapshots.at(-1)!,
          epochProgress: {
            ...repository.snapshots.at(-1)!.epochProgress,
            epoch: 462,
            startHeight: startHeight + BLOCKS_PER_EPOCH,
            previousChangePct: 1,
          },
          tipHeight: startHeight + BLOCKS_PER_EPOCH + 1,
          difficulty: d461 * 1.01,
        };
        expect(checkSnapshot(next, undefined, limits, new Date(next.observedAt), { lastEpoch: row })).toEqual([]);
      }),
      { numRuns: 200, seed: 22 },
    );
  });
});

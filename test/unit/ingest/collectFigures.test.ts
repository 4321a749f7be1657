/**
 * The collector runs the rounds the figure declarations imply (shared/ingest/figures.ts): the
 * primaries and the price cross-check at once, a fallback only for a required figure its primary
 * did not deliver, and reports what it took from where. Sources in memory, figures of the recorded
 * 2026-02-01 network (epoch 463).
 */
import { describe, expect, it } from 'vitest';
import { parseIngestConfig } from '../../../shared/config/ingestConfig';
import type { DifficultyEpoch } from '../../../shared/domain/difficultyEpoch';
import { networkSnapshotSchema } from '../../../shared/domain/networkSnapshot';
import { collectFigures } from '../../../shared/ingest/collectFigures';
import { SNAPSHOT_FIGURES, STORED_EPOCH_FALLBACK } from '../../../shared/ingest/figures';
import type { IngestSources, NetworkRepository } from '../../../shared/ingest/ports';
import type { PriceQuote } from '../../../shared/ingest/readings';
import { figuresAsRead } from '../../support/figuresAsRead';
import { recordedSnapshot } from '../../support/recordedSnapshot';

const config = parseIngestConfig('{}');
// Ten minutes after the recorded snapshot, one block later: a tip that shows itself live.
const now = new Date('2026-02-01T00:20:30.000Z');
const tipHeight = recordedSnapshot.tipHeight + 1;
const epoch463: DifficultyEpoch = {
  epoch: 463,
  startHeight: 933408,
  startedAt: '2026-01-25T00:00:00.000Z',
  difficulty: recordedSnapshot.difficulty,
  changePct: -3.28,
  source: 'mempool:difficulty-adjustments',
};

type Endpoint = 'tip' | 'adjustment' | 'hashrate' | 'fees' | 'blocks' | 'prices' | 'chain' | 'coinbase' | 'kraken';

/** In-memory sources that count their calls; `failing` answer with an error. */
function sourcesFailing(...failing: Endpoint[]) {
  const calls: Endpoint[] = [];
  const answer = <T>(endpoint: Endpoint, value: T): Promise<T> => {
    calls.push(endpoint);
    return failing.includes(endpoint) ? Promise.reject(new Error(`${endpoint} down`)) : Promise.resolve(value);
  };
  const quote = (source: string): PriceQuote => ({
    source,
    priceUsd: 78_702,
    fiatPrices: source === 'mempool' ? { EUR: 66_000 } : {},
  });
  const unused = () => Promise.reject(new Error('not part of a cycle'));
  // Any figure a reading carries under its own name, as the recorded network has it.
  const read = figuresAsRead(recordedSnapshot);
  const sources: IngestSources = {
    mempool: {
      name: 'mempool',
      tipHeight: () => answer('tip', tipHeight),
      difficultyAdjustment: () =>
        answer('adjustment', {
          ...read,
          progressPct: 56.25,
          estimatedChangePct: -14.3,
          estimatedRetargetAt: '2026-02-08T04:07:29.225Z',
          remainingBlocks: 882,
          previousChangePct: -3.28,
          epochStartedAt: epoch463.startedAt,
          nextRetargetHeight: 935424,
        }),
      hashrate: () =>
        answer('hashrate', {
          ...read,
          currentDifficulty: recordedSnapshot.difficulty,
          currentHashrateHps: recordedSnapshot.hashrateHps,
          daily: [],
        }),
      rewardStats: () => answer('fees', { ...read, feesBtcPerBlock: 0.0217, windowBlocks: 144, endHeight: tipHeight }),
      blockFees: () => answer('blocks', [{ height: tipHeight, timeUnixS: 1769905200, feesBtcPerBlock: 0.02 }]),
      prices: () => answer('prices', quote('mempool')),
      difficultyAdjustments: unused,
      historicalPricesUsd: unused,
    },
    priceFallbacks: [
      { name: 'coinbase', price: () => answer('coinbase', quote('coinbase')) },
      { name: 'kraken', price: () => answer('kraken', quote('kraken')) },
    ],
    chainFallback: {
      name: 'blockchain.info',
      stats: () =>
        answer('chain', {
          ...read,
          observedAt: '2026-02-01T00:19:00.000Z',
          tipHeight,
          difficulty: recordedSnapshot.difficulty,
          hashrateHps: 8.5e20,
          feesBtcPerBlock: 0.025,
          windowBlocks: 150,
        }),
    },
  };
  return { sources, calls };
}

function repositoryWith(lastEpoch: DifficultyEpoch | undefined): NetworkRepository {
  const none = () => Promise.reject(new Error('the collector only reads the newest records'));
  return {
    latestSnapshot: async () => recordedSnapshot,
    latestDaily: async () => undefined,
    latestEpoch: async () => lastEpoch,
    putSnapshot: none,
    getSnapshot: none,
    putDaily: none,
    listDaily: none,
    putEpoch: none,
    listEpochs: none,
    getBackfillProgress: none,
    putBackfillProgress: none,
  };
}

const collect = (sources: IngestSources, lastEpoch: DifficultyEpoch | undefined = epoch463) =>
  collectFigures({ sources, repository: repositoryWith(lastEpoch), config, now });

describe('collectFigures', () => {
  it('takes every figure from its primary in one round when the sources are healthy', async () => {
    const { sources, calls } = sourcesFailing();
    const collected = await collect(sources);
    // One round: each figure's first source and the price cross-check; no fallback asked.
    expect(calls.sort()).toEqual(['adjustment', 'blocks', 'coinbase', 'fees', 'hashrate', 'prices', 'tip']);
    expect(collected.problems).toEqual([]);
    expect(collected.failures).toEqual([]);
    expect(collected.fallbacksUsed).toEqual([]);
    expect(collected.sources).toEqual({
      tipHeight: 'mempool',
      difficulty: 'mempool',
      hashrateHps: 'mempool',
      feesBtcPerBlock: 'mempool',
      epochProgress: 'mempool',
      btcPriceUsd: 'mempool',
      btcPriceUsdConfirmedBy: 'coinbase',
      fiatPrices: 'mempool',
    });
    expect(collected.figures).toMatchObject({
      tipHeight,
      subsidyBtc: 3.125,
      feeWindowBlocks: 144,
      fiatPrices: { EUR: 66_000 },
      tipBlockTime: '2026-02-01T00:20:00.000Z',
    });
    expect(collected.tipCrossCheck).toEqual({ needed: false });
    // Every field a declaration names was filled, and nothing else.
    const declared = SNAPSHOT_FIGURES.flatMap((f) => f.fields as readonly string[]).sort();
    expect(Object.keys(collected.figures).sort()).toEqual(declared);
  });

  it('asks the chain-data fallback in a second round for the figures whose primary failed, and says so', async () => {
    const { sources, calls } = sourcesFailing('hashrate');
    const collected = await collect(sources);
    expect(calls.filter((c) => c === 'chain')).toHaveLength(1);
    expect(collected.failures).toEqual(['hashrate: hashrate down']);
    expect(collected.fallbacksUsed).toEqual(['difficulty:blockchain.info', 'hashrateHps:blockchain.info']);
    expect(collected.sources).toMatchObject({ difficulty: 'blockchain.info', hashrateHps: 'blockchain.info' });
    expect(collected.figures.hashrateHps).toBe(8.5e20);
    // The other figures stay with their primary although the fallback also has them.
    expect(collected.figures.feesBtcPerBlock).toBe(0.0217);
    expect(collected.sources.feesBtcPerBlock).toBe('mempool');
  });

  it("computes the running epoch's progress from the stored epoch when mempool's estimate fails, with no request", async () => {
    const { sources, calls } = sourcesFailing('adjustment');
    const collected = await collect(sources);
    expect(calls).not.toContain('chain');
    expect(collected.problems).toEqual([]);
    expect(collected.sources.epochProgress).toBe(STORED_EPOCH_FALLBACK);
    expect(collected.fallbacksUsed).toEqual([`epochProgress:${STORED_EPOCH_FALLBACK}`]);
    expect(collected.figures.epochProgress).toMatchObject({
      epoch: 463,
      startHeight: 933408,
      previousChangePct: -3.28,
    });
  });

  it('leaves an optional figure out when its source fails, asking no fallback and rejecting nothing', async () => {
    const { sources, calls } = sourcesFailing('blocks');
    const collected = await collect(sources);
    expect(calls).not.toContain('chain');
    expect(collected.problems).toEqual([]);
    expect(collected.failures).toEqual(['block-fees: blocks down']);
    expect(collected.figures).not.toHaveProperty('tipBlockTime');
  });

  it('names every required figure no source delivered, in declaration order', async () => {
    const { sources } = sourcesFailing('tip', 'adjustment', 'chain', 'prices', 'coinbase', 'kraken');
    const collected = await collect(sources, undefined);
    expect(collected.problems).toEqual([
      'no source delivered tipHeight',
      'no source delivered epochProgress (mempool difficulty-adjustment failed and the running epoch is not stored)',
      'no source delivered btcPriceUsd',
    ]);
    expect(collected.failures).toEqual([
      'tip-height: tip down',
      'difficulty-adjustment: adjustment down',
      'prices: prices down',
      'price-fallback: coinbase down',
      'price-fallback: kraken down',
      'chain-fallback: chain down',
    ]);
  });

  it('fills a snapshot the schema accepts', async () => {
    const { sources } = sourcesFailing();
    const collected = await collect(sources);
    const parsed = networkSnapshotSchema.safeParse({
      ...collected.figures,
      schemaVersion: 1,
      intervalStart: '2026-02-01T00:20:00.000Z',
      observedAt: now.toISOString(),
      sources: collected.sources,
      flags: collected.flags,
    });
    expect(parsed.success).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { decidePrice, spreadPct } from '../../../shared/ingest/priceCrossCheck';
import { checkSnapshot } from '../../../shared/ingest/snapshotChecks';
import { intervalStartOf } from '../../../shared/ingest/runIngestCycle';
import { parseIngestConfig } from '../../../shared/config/ingestConfig';
import type { PriceQuote } from '../../../shared/ingest/readings';
import { recordedSnapshot } from '../../support/recordedSnapshot';

const quote = (source: string, priceUsd: number): PriceQuote => ({ source, priceUsd, fiatPrices: {} });

// The network at 2026-02-01T00:10Z (recorded fixtures), as a stored snapshot.
const real = recordedSnapshot;
const limits = { maxHashrateJumpRatio: 3, maxPriceJumpRatio: 1.5, outlierWindowHours: 24 };
const later = (minutes: number): Date => new Date(Date.parse(real.observedAt) + minutes * 60_000);

describe('price cross-check', () => {
  it('measures the spread against the lower price', () => {
    expect(spreadPct(100, 102)).toBeCloseTo(2, 12);
    expect(spreadPct(102, 100)).toBeCloseTo(2, 12);
  });
  it('confirms the preferred price when a second source agrees', () => {
    expect(decidePrice([quote('mempool', 78702), quote('coinbase', 78702.39)], 2)).toMatchObject({
      chosen: { source: 'mempool' },
      confirmedBy: { source: 'coinbase' },
      disagreement: false,
    });
  });
  it('lets a third source break a tie, and leaves the price unconfirmed when nothing agrees', () => {
    const tie = decidePrice([quote('mempool', 100), quote('coinbase', 110), quote('kraken', 110.5)], 2);
    expect(tie).toMatchObject({
      chosen: { source: 'coinbase' },
      confirmedBy: { source: 'kraken' },
      disagreement: true,
    });
    const none = decidePrice([quote('mempool', 100), quote('coinbase', 110), quote('kraken', 120)], 2);
    expect(none?.chosen.source).toBe('mempool');
    expect(none?.confirmedBy).toBeUndefined();
    expect(decidePrice([], 2)).toBeUndefined();
  });
});

describe('snapshot checks', () => {
  it('accepts the real network of 2026-02-01 and its own successor', () => {
    expect(checkSnapshot(real, undefined, limits, later(0))).toEqual([]);
    expect(checkSnapshot({ ...real, tipHeight: 934542, btcPriceUsd: 78900 }, real, limits, later(10))).toEqual([]);
  });
  it('rejects a 10x hashrate jump against the last snapshot, even one the difficulty would allow', () => {
    const lowLast = { ...real, hashrateHps: real.hashrateHps / 10 };
    expect(checkSnapshot(real, lowLast, limits, later(10))).toEqual([
      'hashrateHps jumped 10.00x against the last snapshot (limit 3x)',
    ]);
  });
  it('ignores a last snapshot older than the outlier window', () => {
    // (a day earlier, so ~150 blocks lower: an unmoved tip a day on is stale data, see defect 4 of #15)
    const lowLast = {
      ...real,
      hashrateHps: real.hashrateHps / 10,
      btcPriceUsd: 20_000,
      tipHeight: real.tipHeight - 150,
    };
    expect(checkSnapshot(real, lowLast, limits, later(25 * 60))).toEqual([]);
  });
  it('catches unit slips, a difficulty change inside an epoch, a tip going backwards and an epoch mismatch', () => {
    expect(checkSnapshot({ ...real, hashrateHps: real.hashrateHps / 1e9 }, undefined, limits, later(0))[0]).toMatch(
      /hashrateHps .* outside sanity bounds/,
    );
    expect(checkSnapshot({ ...real, btcPriceUsd: 7.8702 }, undefined, limits, later(0))[0]).toMatch(/btcPriceUsd/);
    expect(checkSnapshot({ ...real, difficulty: real.difficulty * 1.01 }, real, limits, later(10))).toEqual([
      'difficulty changed within epoch 463 (141668107417558.25 -> 143084788491733.84)',
    ]);
    expect(checkSnapshot({ ...real, tipHeight: 934500 }, real, limits, later(10))).toEqual([
      'tipHeight fell from 934541 to 934500: a stale source',
    ]);
    expect(checkSnapshot({ ...real, tipHeight: 940000 }, undefined, limits, later(0))[0]).toMatch(
      /outside the running epoch 933408..935423/,
    );
    expect(checkSnapshot({ ...real, btcPriceUsd: 40000 }, real, limits, later(10))[0]).toMatch(
      /btcPriceUsd moved 1.97x/,
    );
  });
});

describe('ingest config and intervals', () => {
  it('defaults every field and validates overrides by name', () => {
    const config = parseIngestConfig(undefined);
    expect(config.sources.mempoolBaseUrl).toBe('https://mempool.space');
    expect(config.storage.rawSnapshotRetentionDays).toBe(30);
    expect(config.schedule.intervalMinutes).toBe(10);
    expect(parseIngestConfig('{"sources":{"mempoolBaseUrl":"http://umbrel.local:3006/"}}').sources.mempoolBaseUrl).toBe(
      'http://umbrel.local:3006',
    );
    expect(() => parseIngestConfig('{"validation":{"priceTolerancePct":-1}}')).toThrow(/validation.priceTolerancePct/);
    expect(() => parseIngestConfig('{"sourcez":{}}')).toThrow(/sourcez/);
    expect(() => parseIngestConfig('{not json')).toThrow(/not valid JSON/);
  });
  it('maps a moment to the start of its interval', () => {
    expect(intervalStartOf(new Date('2026-02-01T00:19:59.999Z'), 10).toISOString()).toBe('2026-02-01T00:10:00.000Z');
    expect(intervalStartOf(new Date('2026-02-01T00:20:00Z'), 10).toISOString()).toBe('2026-02-01T00:20:00.000Z');
    expect(intervalStartOf(new Date('2026-02-01T07:59:00Z'), 60).toISOString()).toBe('2026-02-01T07:00:00.000Z');
  });
});

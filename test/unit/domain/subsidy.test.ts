import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import {
  blockSubsidyBtc,
  blockSubsidySats,
  halvingHeight,
  halvingsAt,
  nextHalving,
} from '../../../shared/domain/subsidy';

const days = loadDailyHistory();

describe('block subsidy', () => {
  it('is 3.125 BTC from height 840,000 and 1.5625 BTC from 1,050,000 (docs/design.md §3)', () => {
    expect(blockSubsidyBtc(839_999)).toBe(6.25);
    expect(blockSubsidyBtc(840_000)).toBe(3.125);
    expect(blockSubsidyBtc(1_049_999)).toBe(3.125);
    expect(blockSubsidyBtc(1_050_000)).toBe(1.5625);
  });

  it('follows the genesis schedule: 50 BTC, 5,000,000,000 sats, and zero after 64 halvings', () => {
    expect(blockSubsidySats(0)).toBe(5_000_000_000);
    expect(blockSubsidyBtc(209_999)).toBe(50);
    // 5e9 >> 32 = 1 sat (5e9 < 2^33); at 33 halvings the shift leaves 0 (Core behaves alike)
    expect(blockSubsidySats(32 * 210_000)).toBe(1);
    expect(blockSubsidySats(33 * 210_000)).toBe(0);
    expect(blockSubsidySats(64 * 210_000)).toBe(0);
    expect(() => blockSubsidySats(-1)).toThrow(RangeError);
    expect(() => blockSubsidySats(1.5)).toThrow(RangeError);
  });
});

describe('halvings', () => {
  it.each([
    [1, 210_000, '2012-11-28', 50, 25],
    [2, 420_000, '2016-07-09', 25, 12.5],
    [3, 630_000, '2020-05-11', 12.5, 6.25],
    [4, 840_000, '2024-04-20', 6.25, 3.125],
  ])('halving %i at height %i happened on %s in the real Coin Metrics history', (n, height, date, before, after) => {
    // Prepare
    expect(halvingHeight(n)).toBe(height);

    // Act: the first UTC day whose last block (end_height) reaches the halving height
    const index = days.findIndex((d) => d.endHeight !== undefined && d.endHeight >= height);
    const day = days[index];
    const dayBefore = days[index - 1];

    // Assess: the date, the schedule either side, and the issuance of the following full day,
    // which is below (old subsidy x 144 blocks) and close to (new subsidy x blocks mined)
    expect(day?.date).toBe(date);
    expect(dayBefore?.endHeight).toBeLessThan(height);
    expect(blockSubsidyBtc(height - 1)).toBe(before);
    expect(blockSubsidyBtc(height)).toBe(after);
    expect(halvingsAt(height)).toBe(n);
    const nextDay = days[index + 1];
    expect(nextDay?.issuanceBtc).toBeCloseTo(after * (nextDay?.blockCount ?? 0), 6);
  });

  it('the next halving after tip 874,000 is 1,050,000, 176,000 blocks (about 3.35 years at 600 s) away', () => {
    // Prepare
    const nowMs = Date.parse('2024-12-10T00:00:00Z');

    // Act
    const next = nextHalving(874_000, nowMs);

    // Assess: 176,000 x 600 s = 105,600,000 s = 1,222.2 days
    expect(next).toEqual({
      height: 1_050_000,
      blocksRemaining: 176_000,
      subsidyAfterBtc: 1.5625,
      estimatedAtMs: nowMs + 105_600_000_000,
    });
  });

  it('at a halving height the halving has happened; the next one is 210,000 blocks later', () => {
    expect(nextHalving(840_000, 0).height).toBe(1_050_000);
    expect(nextHalving(839_999, 0)).toMatchObject({ height: 840_000, blocksRemaining: 1, subsidyAfterBtc: 3.125 });
    // a faster mean interval brings the estimate forward in proportion
    expect(nextHalving(839_000, 0, 540).estimatedAtMs).toBe(1000 * 540 * 1000);
  });
});

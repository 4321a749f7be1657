import { describe, expect, it } from 'vitest';
import { expectedHashprice, realizedHashprice } from '../../../shared/domain/hashprice';
import { thsToHps } from '../../../shared/domain/units';

describe('hashprice', () => {
  it('expected: D = 148.2e12, $74,500, reward 3.15 BTC gives about $31.85/PH/day (DESIGN.md §3)', () => {
    const hashprice = expectedHashprice({ btcPriceUsd: 74_500, difficulty: 148.2e12, subsidyBtc: 3.125, feesBtcPerBlock: 0.025 });
    expect(hashprice.usdPerPhDay).toBeCloseTo(31.85, 1);
    expect(hashprice.btcPerPhDay * 74_500).toBeCloseTo(hashprice.usdPerPhDay, 9);
  });

  it('realized: Coin Metrics 2025-12-29 gives about $37.16/PH/day, inside the Q4 2025 $36-38 range', () => {
    const hashprice = realizedHashprice({
      issuanceBtc: 481.25,
      feesBtc: 2.80614074,
      btcPriceUsd: 87_133.51,
      hashrateHps: thsToHps(1_134_974_870),
    });
    expect(hashprice.usdPerPhDay).toBeCloseTo(37.16, 1);
    expect(hashprice.usdPerPhDay).toBeGreaterThan(36);
    expect(hashprice.usdPerPhDay).toBeLessThan(38);
  });
});

/**
 * The listed-miner signals' judgements on the bundled series, as public on given days: the events
 * our users' sources report come out in the months they were reported, and not before.
 */
import { describe, expect, it } from 'vitest';
import { loadPublicMinersMonthly, treasuryPeriodOf } from '../../../../shared/data/publicMinersMonthly';
import {
  companyLiquidationsAt,
  periodsPublishedBy,
  sectorSelling,
} from '../../../../shared/domain/minerTreasury/treasuryAlerts';

const periods = loadPublicMinersMonthly().rows.map(treasuryPeriodOf);
const raising = (atDate: string) =>
  companyLiquidationsAt(periods, atDate, { quarterDeclinePct: 20 })
    .filter((o) => o.reasons.length > 0 && (o.ageMonths ?? 0) <= o.periodMonths - 1 + 3)
    .map((o) => `${o.ticker} ${o.month} ${o.reasons.join('+')}`);

describe('miner treasury judgements on the bundled series', () => {
  it('mid-2022: Core Scientific sold 7,202 BTC in June against 1,106 mined, and the sector sold more than it mined', () => {
    expect(raising('2022-07-14')).not.toContain('CORZ 2022-06 sold-more-than-produced+treasury-fell');
    expect(raising('2022-07-15')).toContain('CORZ 2022-06 sold-more-than-produced+treasury-fell');
    const sector = sectorSelling(periodsPublishedBy(periods, '2022-07-15'), { windowMonths: 3, minCompanies: 2 })!;
    expect([sector.fromMonth, sector.toMonth, sector.btcSold, sector.btcProduced]).toEqual([
      '2022-04',
      '2022-06',
      8212,
      3390,
    ]);
  });

  it('Riot December 2025, Bitdeer January and February 2026', () => {
    expect(raising('2026-01-08')).toContain('RIOT 2025-12 sold-more-than-produced');
    expect(raising('2026-02-15')).toContain('BTDR 2026-01 sold-more-than-produced');
    expect(raising('2026-02-21')).toContain('BTDR 2026-02 treasury-fell+treasury-at-zero');
  });

  it('Q1 2026: Core Scientific on an estimated production, MARA on its sales and its treasury', () => {
    const at = companyLiquidationsAt(periods, '2026-05-15', { quarterDeclinePct: 20 });
    const corz = at.find((o) => o.ticker === 'CORZ')!;
    expect([corz.month, corz.btcSold, corz.btcProduced, corz.productionBasis]).toEqual([
      '2026-03',
      2385,
      345 * 3,
      'estimated',
    ]);
    const mara = at.find((o) => o.ticker === 'MARA')!;
    expect(mara.reasons).toEqual(['sold-more-than-produced', 'treasury-fell']);
    expect(mara.treasuryChangePct).toBeCloseTo(((38_689 - 53_822) / 53_822) * 100, 9);
    // Not public before the 10-Q deadline the data assumes (its copies were read later and are undated).
    expect(
      companyLiquidationsAt(periods, '2026-05-14', { quarterDeclinePct: 20 }).find((o) => o.ticker === 'MARA')!.month,
    ).toBe('2025-12');
  });
});

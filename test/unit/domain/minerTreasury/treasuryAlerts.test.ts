/**
 * The listed-miner signals' judgements on the bundled series, as public on given days: the events
 * our users' sources report come out in the months they were reported, and not before.
 */
import { describe, expect, it } from 'vitest';
import { loadPublicMinersMonthly, treasuryPeriodOf } from '../../../../shared/data/publicMinersMonthly';
import type { MinerPeriod } from '../../../../shared/domain/minerTreasury/treasuryPeriod';
import {
  companyLiquidations,
  companyLiquidationsAt,
  QUARTER_BEFORE_MONTHS,
  periodsPublishedBy,
  sectorSelling,
  sectorSellingAt,
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
      // Sold: Riot 250 + 250 + 300, CleanSpark 210 + 328, Core Scientific 0 + 7,202 (May not found),
      // MARA and Hut 8 none; mined: Riot 508 + 466 + 421, CleanSpark 312 + 339, Core Scientific
      // 1,121 + 1,106, MARA 268 (May), Hut 8 309 (April): the months public by 2022-07-15.
      8540,
      4850,
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

  it("never reads a change of what a holding counts as a sale: MARA's unrestricted-only months of late 2022", () => {
    // October 2022: 11,285 BTC in all; November: 4,200 unrestricted (the rest pledged to Silvergate).
    const mara = (atDate: string) =>
      companyLiquidationsAt(periods, atDate, { quarterDeclinePct: 20 }).find((o) => o.ticker === 'MARA')!;
    expect(mara('2022-12-07')).toMatchObject({ month: '2022-11', btcHeldAtEnd: 4200, btcHeldQuarterBefore: null });
    expect(mara('2022-12-07').reasons).toEqual([]);
    expect(mara('2023-02-15')).toMatchObject({ month: '2023-01', btcHeldQuarterBefore: null, reasons: [] });
  });
});

describe('a treasury fall is judged over about a quarter, between holdings of one basis', () => {
  const period = (month: string, held: number, extra: Partial<MinerPeriod> = {}): MinerPeriod => ({
    ticker: 'TEST',
    month,
    periodMonths: 1,
    btcProduced: 100,
    btcSold: 50,
    btcBought: 0,
    btcOtherChange: 0,
    btcHeldAtEnd: held,
    operatingHashrateEhs: null,
    powerCapacityMw: null,
    aiHpcContractedMw: null,
    interestExpenseUsd: null,
    ...extra,
  });
  const judged = (rows: MinerPeriod[]) => companyLiquidations(rows, { quarterDeclinePct: 20 })[0]!;

  it('compares with the latest holding three to five months before, and with none older', () => {
    expect(judged([period('2025-01', 1000), period('2025-04', 700)])).toMatchObject({
      btcHeldQuarterBefore: 1000,
      reasons: ['treasury-fell'],
    });
    expect(judged([period('2025-01', 1000), period('2025-06', 700)]).reasons).toEqual(['treasury-fell']);
    // Six months or more: no quarter to compare with (the updates between were not found).
    expect(judged([period('2024-12', 1000), period('2025-06', 700)])).toMatchObject({
      btcHeldQuarterBefore: null,
      treasuryChangePct: null,
      reasons: [],
    });
    // Two months is not yet a quarter; the one before it is.
    expect(judged([period('2025-01', 1000), period('2025-02', 600), period('2025-04', 700)]).btcHeldQuarterBefore).toBe(
      1000,
    );
    expect(QUARTER_BEFORE_MONTHS).toEqual({ min: 3, max: 5 });
  });

  it('skips a holding of another basis, in either direction', () => {
    const unrestricted = { btcHeldBasis: 'unrestricted' as const };
    expect(judged([period('2025-01', 1000), period('2025-04', 400, unrestricted)]).btcHeldQuarterBefore).toBeNull();
    expect(judged([period('2025-01', 400, unrestricted), period('2025-04', 1000)]).btcHeldQuarterBefore).toBeNull();
    expect(judged([period('2025-01', 1000, unrestricted), period('2025-04', 700, unrestricted)]).reasons).toEqual([
      'treasury-fell',
    ]);
    // 'total' written out is the same basis as none.
    expect(
      judged([period('2025-01', 1000, { btcHeldBasis: 'total' }), period('2025-04', 700)]).btcHeldQuarterBefore,
    ).toBe(1000);
  });

  it('judges a day the same whichever days were judged before it (the judgements are remembered by the periods public)', () => {
    // Every first of the month 2021-2026, forward, backward and shuffled by a fixed stride: each
    // answer must equal the one computed afresh from the periods public that day.
    const days: string[] = [];
    for (let year = 2021; year <= 2026; year += 1)
      for (let month = 1; month <= 12; month += 1) days.push(`${year}-${String(month).padStart(2, '0')}-01`);
    const orders = [days, [...days].reverse(), days.map((_, i) => days[(i * 37) % days.length]!)];
    const config = { quarterDeclinePct: 20, windowMonths: 3, minCompanies: 3 };
    for (const order of orders) {
      for (const day of order) {
        const published = periodsPublishedBy(periods, day);
        expect(
          companyLiquidationsAt(periods, day, config).map(({ ageMonths: _age, ...o }) => o),
          day,
        ).toEqual(companyLiquidations(published, config));
        expect(sectorSellingAt(periods, day, config), day).toEqual(sectorSelling(published, config));
      }
    }
    // Another config on the same day is judged on its own, not taken from the remembered answer.
    const strict = companyLiquidationsAt(periods, '2022-08-01', { quarterDeclinePct: 1 });
    const loose = companyLiquidationsAt(periods, '2022-08-01', { quarterDeclinePct: 99 });
    expect(strict.filter((o) => o.reasons.includes('treasury-fell')).length).toBeGreaterThan(
      loose.filter((o) => o.reasons.includes('treasury-fell')).length,
    );
  });
});

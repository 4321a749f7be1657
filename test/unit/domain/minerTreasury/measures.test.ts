/**
 * The selling-pressure and runway measures, on the bundled monthly series where it has the
 * figures (the events) and on hand-worked cases where it does not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPublicMinersMonthly, treasuryPeriodOf } from '../../../../shared/data/publicMinersMonthly';
import { aiHpcCapacityShare } from '../../../../shared/domain/minerTreasury/aiHpcCapacityShare';
import { companyMeasures } from '../../../../shared/domain/minerTreasury/companyMeasures';
import { interestCostUsdPerBtcMined } from '../../../../shared/domain/minerTreasury/interestCostPerBtc';
import { sectorMeasures } from '../../../../shared/domain/minerTreasury/sectorMeasures';
import { shareOfProductionSold } from '../../../../shared/domain/minerTreasury/shareOfProductionSold';
import { treasuryChange } from '../../../../shared/domain/minerTreasury/treasuryChange';
import type { MinerPeriod } from '../../../../shared/domain/minerTreasury/treasuryPeriod';
import { btcMinedPerMonth, monthsOfCashCostsCovered } from '../../../../shared/domain/minerTreasury/treasuryRunway';

const periods = loadPublicMinersMonthly().rows.map(treasuryPeriodOf);
const measures = companyMeasures(periods);
const of = (ticker: string, month: string) => measures.find((m) => m.ticker === ticker && m.month === month)!;

const period = (ticker: string, month: string, flows: Partial<MinerPeriod>): MinerPeriod => ({
  ticker,
  month,
  periodMonths: 1,
  btcProduced: null,
  btcSold: null,
  btcBought: 0,
  btcOtherChange: 0,
  btcHeldAtEnd: null,
  operatingHashrateEhs: null,
  powerCapacityMw: null,
  aiHpcContractedMw: null,
  interestExpenseUsd: null,
  ...flows,
});

describe('share of production sold', () => {
  it('is sold / produced: Riot sold 3.95x its December 2025 output, Core Scientific 6.5x its June 2022', () => {
    expect(of('RIOT', '2025-12').shareOfProductionSold).toBeCloseTo(1818 / 460, 10);
    expect(of('CORZ', '2022-06').shareOfProductionSold).toBeCloseTo(7202 / 1106, 10);
    expect(of('BTDR', '2026-01').shareOfProductionSold).toBeCloseTo(1.73, 2); // "1.73x production"
    expect(of('HIVE', '2024-01').shareOfProductionSold).toBe(0);
    expect(of('BTDR', '2026-02').shareOfProductionSold).toBeNull(); // no month totals found
    expect(shareOfProductionSold({ btcSold: 5, btcProduced: 0 })).toBeNull();
  });
});

describe('treasury change', () => {
  it('compares consecutive period-end holdings only', () => {
    expect(of('RIOT', '2025-12').treasuryChange).toEqual({ changeBtc: -1363, changeShare: -1363 / 19_368 });
    expect(of('BTDR', '2026-01').treasuryChange).toEqual({ changeBtc: -470, changeShare: -0.235 });
    expect(of('BTDR', '2026-02').treasuryChange).toBeNull(); // a holding of 2026-02-20, not the month end
    expect(of('RIOT', '2024-12').treasuryChange).toBeNull(); // no November 2024 row
    expect(of('MARA', '2022-11').treasuryChange).toBeNull(); // unrestricted bitcoin after a total
    expect(of('MARA', '2023-02').treasuryChange).toEqual({ changeBtc: 170, changeShare: 170 / 8090 }); // both unrestricted
    expect(treasuryChange(0, 10)).toEqual({ changeBtc: 10, changeShare: null });
  });

  it('shrinks exactly when more than the production is sold, for a miner that neither buys nor moves coins', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.nat(10_000),
        (held, produced, wanted) => {
          const sold = Math.min(wanted, held + produced);
          const change = treasuryChange(held, held + produced - sold)!;
          expect(change.changeBtc < 0).toBe(shareOfProductionSold({ btcSold: sold, btcProduced: produced })! > 1);
        },
      ),
    );
  });
});

describe('months of cash costs the treasury covers', () => {
  it('values the treasury at the BTC price against a month of cash costs at the hashprice', () => {
    // Riot's 18,005 BTC and 32.2 EH/s at $40/PH/day, $90,000/BTC and a $60,000 cash cost per BTC:
    // 32,200 PH/s x $40 x 30.4375 days = $39.2M a month of revenue = 435.6 BTC, costing $26.1M;
    // the treasury is worth $1,620M: 62.0 months.
    expect(btcMinedPerMonth(32.2, 40, 90_000)).toBeCloseTo((32_200 * 40 * 30.4375) / 90_000, 9);
    const months = monthsOfCashCostsCovered({
      btcHeld: 18_005,
      operatingHashrateEhs: 32.2,
      hashpriceUsdPerPhDay: 40,
      btcPriceUsd: 90_000,
      cashCostUsdPerBtc: 60_000,
    });
    expect(months).toBeCloseTo(62.0, 1);
    // Bitdeer at zero covers nothing; an unknown cost or hashrate gives no answer rather than a guess.
    const base = { hashpriceUsdPerPhDay: 40, btcPriceUsd: 90_000, cashCostUsdPerBtc: 60_000 };
    expect(monthsOfCashCostsCovered({ ...base, btcHeld: 0, operatingHashrateEhs: 30 })).toBe(0);
    expect(monthsOfCashCostsCovered({ ...base, btcHeld: 10, operatingHashrateEhs: null })).toBeNull();
    expect(monthsOfCashCostsCovered({ ...base, btcHeld: 10, operatingHashrateEhs: 0 })).toBeNull();
    expect(() => monthsOfCashCostsCovered({ ...base, btcPriceUsd: 0, btcHeld: 1, operatingHashrateEhs: 1 })).toThrow(
      /btcPriceUsd/,
    );
  });

  it('is given per company when market conditions are', () => {
    const withMarket = companyMeasures(periods, {
      hashpriceUsdPerPhDay: 40,
      btcPriceUsd: 90_000,
      cashCostUsdPerBtc: (ticker) => (ticker === 'RIOT' ? 60_000 : null),
    });
    const riot = withMarket.find((m) => m.ticker === 'RIOT' && m.month === '2025-09')!;
    expect(riot.monthsOfCashCostsCovered).toBeCloseTo(
      (19_287 * 90_000) / (btcMinedPerMonth(32.2, 40, 90_000) * 60_000),
      9,
    );
    expect(withMarket.find((m) => m.ticker === 'CIFR' && m.month === '2024-01')!.monthsOfCashCostsCovered).toBeNull();
  });
});

describe('interest per BTC mined and capacity moving to AI/HPC', () => {
  it('divides the period interest by the BTC mined, and contracted AI/HPC MW by capacity', () => {
    expect(interestCostUsdPerBtcMined({ interestExpenseUsd: 30e6, btcProduced: 1500 })).toBe(20_000);
    expect(interestCostUsdPerBtcMined({ interestExpenseUsd: 30e6, btcProduced: 0 })).toBeNull();
    expect(aiHpcCapacityShare({ aiHpcContractedMw: 200, powerCapacityMw: 400 })).toBe(0.5);
    expect(aiHpcCapacityShare({ aiHpcContractedMw: 200, powerCapacityMw: null })).toBeNull();
    // TeraWulf, Q3 2025: 522.5 MW of HPC leases against 267.5 MW energized: the leases reach past today's sites.
    expect(of('WULF', '2025-09').aiHpcCapacityShare).toBeCloseTo(522.5 / 267.5, 10);
  });
});

describe('the sector month by month', () => {
  it('shows the mid-2022 selling: the reporting miners sold several times their output in June and July', () => {
    const sector = new Map(sectorMeasures(periods).map((s) => [s.month, s]));
    expect(sector.get('2022-06')).toMatchObject({
      tickers: ['RIOT', 'CLSK', 'CORZ'],
      btcProduced: 421 + 339 + 1106,
      btcSold: 300 + 328 + 7202,
      treasuryChangeTickers: ['RIOT', 'CLSK', 'CORZ'],
      treasuryChangeBtc: 6654 - 6536 + (561 - 550) + (1959 - 8058),
    });
    expect(sector.get('2022-06')!.shareOfProductionSold).toBeCloseTo(7830 / 1866, 10);
    // Riot, Core Scientific and Bitfarms (1,623 sold on 500 mined) reported both in July.
    expect(sector.get('2022-07')!.shareOfProductionSold).toBeCloseTo((275 + 1975 + 1623) / (318 + 1221 + 500), 10);
    // Quarterly rows (MARA's and Core Scientific's Q1 2026) are not placed in a month: March 2026
    // counts Cango's monthly update alone.
    expect(sector.get('2026-03')!.tickers).toEqual(['CANG']);
  });

  it('weighs companies by output: the sector share lies between the smallest and largest company share', () => {
    const miner = fc.record({ produced: fc.integer({ min: 1, max: 3000 }), sold: fc.integer({ min: 0, max: 8000 }) });
    fc.assert(
      fc.property(fc.array(miner, { minLength: 1, maxLength: 12 }), (miners) => {
        const rows = miners.map((m, i) => period(`M${i}`, '2022-06', { btcProduced: m.produced, btcSold: m.sold }));
        const shares = miners.map((m) => m.sold / m.produced);
        const [month] = sectorMeasures(rows);
        expect(month!.shareOfProductionSold!).toBeGreaterThanOrEqual(Math.min(...shares) - 1e-12);
        expect(month!.shareOfProductionSold!).toBeLessThanOrEqual(Math.max(...shares) + 1e-12);
      }),
    );
  });
});

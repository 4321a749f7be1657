import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  reconcileHoldings,
  reconciliationToleranceBtc,
} from '../../../../shared/domain/minerTreasury/holdingsReconciliation';
import { addMonths, type TreasuryPeriod } from '../../../../shared/domain/minerTreasury/treasuryPeriod';

const period = (month: string, held: number | null, flows: Partial<TreasuryPeriod> = {}): TreasuryPeriod => ({
  ticker: 'TEST',
  month,
  periodMonths: 1,
  btcProduced: 0,
  btcSold: 0,
  btcBought: 0,
  btcOtherChange: 0,
  btcHeldAtEnd: held,
  ...flows,
});

describe('holdings reconciliation', () => {
  it('checks held(t) = held(t-1) + produced - sold + bought + other within max(2 BTC, 0.1 %)', () => {
    const [first, second] = reconcileHoldings([
      period('2022-05', 8058),
      period('2022-06', 1959, { btcProduced: 1106, btcSold: 7202 }),
    ]);
    expect(first).toMatchObject({ status: 'not-checkable', reason: 'no period ending 2022-04 to start from' });
    expect(second).toMatchObject({ status: 'reconciles', expectedHeldBtc: 1962, gapBtc: -3, toleranceBtc: 8.058 });
    const [, gap] = reconcileHoldings([
      period('2026-01', 2000),
      period('2026-02', 1530, { btcProduced: 668, btcSold: 1155 }),
    ]);
    expect(gap).toMatchObject({ status: 'gap', expectedHeldBtc: 1513, gapBtc: 17, toleranceBtc: 2 });
  });

  it('chains quarters, and will not check across a missing month, an unknown flow or a mid-month holding', () => {
    const q3 = { ...period('2025-09', 100), periodMonths: 3 };
    const q4 = { ...period('2025-12', 150, { btcProduced: 50 }), periodMonths: 3 };
    expect(reconcileHoldings([q3, q4])[1]).toMatchObject({ status: 'reconciles', gapBtc: 0 });
    const checks = reconcileHoldings([
      period('2024-01', 10),
      period('2024-03', 10),
      period('2024-04', 10, { btcSold: null }),
      period('2024-05', 0, { btcHeldAsOf: '2024-05-20' }),
    ]);
    expect(checks.map((c) => (c.status === 'not-checkable' ? c.reason : c.status))).toEqual([
      'no period ending 2023-12 to start from',
      'no period ending 2024-02 to start from',
      'btcSold not known',
      'holding is of 2024-05-20, not the period end',
    ]);
    // A holding of unpledged bitcoin only is not the total it follows (MARA, November 2022).
    const basis = reconcileHoldings([
      period('2022-10', 11_285),
      period('2022-11', 4_200, { btcHeldBasis: 'unrestricted' }),
      period('2022-12', 4_200, { btcHeldBasis: 'unrestricted' }),
    ]);
    expect(basis[1]).toMatchObject({
      status: 'not-checkable',
      reason: "holding counts unrestricted bitcoin, 2022-10's total",
    });
    expect(basis[2]).toMatchObject({ status: 'reconciles' });
  });

  it('reconciles any consistent series and flags any holding moved by more than the tolerance', () => {
    const flows = fc.record({
      produced: fc.integer({ min: 0, max: 3000 }),
      sold: fc.integer({ min: 0, max: 3000 }),
      bought: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.array(flows, { minLength: 1, maxLength: 24 }),
        fc.nat(),
        (start, months, pick) => {
          let held = start;
          const series = [period('2022-01', held)];
          months.forEach((m, k) => {
            const sold = Math.min(m.sold, held + m.produced + m.bought);
            held = held + m.produced - sold + m.bought;
            series.push(
              period(addMonths('2022-01', k + 1), held, {
                btcProduced: m.produced,
                btcSold: sold,
                btcBought: m.bought,
              }),
            );
          });
          expect(
            reconcileHoldings(series)
              .slice(1)
              .every((c) => c.status === 'reconciles'),
          ).toBe(true);
          // Move one holding by more than its tolerance: that period (and only a neighbour) breaks.
          const k = 1 + (pick % months.length);
          const opening = series[k - 1]!.btcHeldAtEnd!;
          const moved = series.map((p, i) =>
            i === k ? { ...p, btcHeldAtEnd: p.btcHeldAtEnd! + reconciliationToleranceBtc(opening) + 1 } : p,
          );
          const checks = reconcileHoldings(moved);
          expect(checks[k]).toMatchObject({ status: 'gap' });
          expect(checks.filter((c) => c.status === 'gap').length).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakEvenPowerPriceUsdPerKwh } from '../../shared/domain/breakEven';
import { difficultyChangePct, retargetDifficulty } from '../../shared/domain/difficulty';
import { difficultyStreak } from '../../shared/domain/difficultyStreak';
import { fleetDay, machineDay } from '../../shared/domain/machineEconomics';
import { simpleMovingAverage } from '../../shared/domain/movingAverage';
import { projectedAdjustment } from '../../shared/domain/projectedAdjustment';
import { blockSubsidySats } from '../../shared/domain/subsidy';

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Relative closeness for values that may be far from 1 in magnitude. */
function closeRelative(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('break-even power price (property)', () => {
  it('falls as J/TH rises: a less efficient machine needs cheaper power', () => {
    fc.assert(
      fc.property(
        positive(0.01, 1000),
        positive(1, 200),
        positive(0.001, 100),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (hashprice, e1, delta, fee) => {
          expect(breakEvenPowerPriceUsdPerKwh(hashprice, e1 + delta, fee)).toBeLessThan(
            breakEvenPowerPriceUsdPerKwh(hashprice, e1, fee),
          );
        },
      ),
    );
  });
});

describe('fleet economics (property)', () => {
  const machine = fc.record({ hashrateThs: positive(1, 500), powerWatts: positive(100, 10_000) });
  const terms = fc.record({
    powerPriceUsdPerKwh: positive(0, 0.3),
    poolFeeFraction: positive(0, 0.05),
    uptimeFraction: positive(0, 1),
    hostingOpexUsdPerDay: positive(0, 5),
  });
  const market = fc.record({ hashpriceUsdPerPhDay: positive(1, 500), btcPriceUsd: positive(1000, 500_000) });

  it('fleet profit is linear in machine count: k machines make k times one, and counts add', () => {
    fc.assert(
      fc.property(
        machine,
        terms,
        market,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (m, t, mk, k1, k2) => {
          const one = machineDay(m, t, mk).profitUsdPerDay;
          const fleetK1 = fleetDay([{ machine: m, count: k1 }], t, mk).profitUsdPerDay;
          const fleetBoth = fleetDay([{ machine: m, count: k1 + k2 }], t, mk).profitUsdPerDay;
          const split = fleetDay(
            [
              { machine: m, count: k1 },
              { machine: m, count: k2 },
            ],
            t,
            mk,
          ).profitUsdPerDay;
          expect(closeRelative(fleetK1, k1 * one)).toBe(true);
          expect(closeRelative(fleetBoth, split)).toBe(true);
        },
      ),
    );
  });
});

describe('subsidy (property)', () => {
  it('halves (rounding down, in sats) every 210,000 blocks and is constant within a halving era', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 * 210_000 }), (height) => {
        const sats = blockSubsidySats(height);
        expect(blockSubsidySats(height + 210_000)).toBe(Math.floor(sats / 2));
        expect(blockSubsidySats(Math.floor(height / 210_000) * 210_000)).toBe(sats);
      }),
    );
  });

  it('is 0 from the 64th halving on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 64 * 210_000, max: Number.MAX_SAFE_INTEGER }), (height) => {
        expect(blockSubsidySats(height)).toBe(0);
      }),
    );
  });
});

describe('difficulty streaks (property)', () => {
  it('a negative run never exceeds the epochs seen, and runs account for every negative change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -75, max: 300, noNaN: true }), { nil: undefined }), { maxLength: 200 }),
        (changes) => {
          const epochs = changes.map((changePct, epoch) => ({ epoch, changePct }));
          const streak = difficultyStreak(epochs);
          const negatives = changes.filter((c) => c !== undefined && c < 0).length;
          for (const run of streak.runs) {
            expect(run.length).toBeLessThanOrEqual(epochs.length);
            expect(run.endEpoch - run.startEpoch + 1).toBe(run.length);
          }
          expect(streak.runs.reduce((sum, run) => sum + run.length, 0)).toBe(negatives);
          expect(streak.currentLength).toBeLessThanOrEqual(epochs.length);
        },
      ),
    );
  });
});

describe('moving average (property)', () => {
  it('of a constant series is that constant once the window is full', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e21, max: 1e21, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 600 }),
        (value, window, length) => {
          const sma = simpleMovingAverage(new Array<number>(length).fill(value), window);
          sma.forEach((v, i) => {
            if (i < window - 1) expect(v).toBeUndefined();
            else expect(closeRelative(v!, value, 1e-12)).toBe(true);
          });
        },
      ),
    );
  });
});

describe('retarget (property)', () => {
  it('any change is within [-75%, +300%], whatever the timespan', () => {
    fc.assert(
      fc.property(positive(1e-3, 1e16), positive(-1e12, 1e12), (difficulty, timespanSeconds) => {
        const change = difficultyChangePct(difficulty, retargetDifficulty(difficulty, timespanSeconds));
        expect(change).toBeGreaterThanOrEqual(-75 - 1e-9);
        expect(change).toBeLessThanOrEqual(300 + 1e-9);
      }),
    );
  });

  it('the projected change of a running epoch is within [-75%, +300%] too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: -7_200_000, max: 200 * 86_400_000 }),
        (tipHeight, elapsedMs) => {
          const { projectedChangePct } = projectedAdjustment({
            tipHeight,
            epochStartedAtMs: 1_700_000_000_000,
            nowMs: 1_700_000_000_000 + elapsedMs,
          });
          expect(projectedChangePct).toBeGreaterThanOrEqual(-75 - 1e-9);
          expect(projectedChangePct).toBeLessThanOrEqual(300 + 1e-9);
        },
      ),
    );
  });
});

/**
 * The one count of curtailment savings, on a live timeline: the mode in force per class from the
 * changes before and within the window, figures by hand-computed arithmetic (not the module's
 * helpers), days and months, and what could not be counted said, never counted as zero.
 */
import { describe, expect, it } from 'vitest';
import { countCurtailmentSavings, type ModeChangeAt } from '../../../shared/domain/power/curtailmentSavings';
import type { SiteMachineClass } from '../../../shared/domain/power/curtailmentReplay';
import type { IntervalPrice } from '../../../shared/domain/power/intervalPrice';

const Q = 15 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Consecutive quarter hours from `startIso`; a null price leaves its quarter out (a gap). */
function quarters(startIso: string, usdPerMwh: readonly (number | null)[]): IntervalPrice[] {
  const start = Date.parse(startIso);
  return usdPerMwh.flatMap((price, i) =>
    price === null
      ? []
      : [
          {
            startIso: iso(start + i * Q),
            endIso: iso(start + (i + 1) * Q),
            intervalMinutes: 15 as const,
            usdPerMwh: price,
            source: 'ercot-api-rt' as const,
            market: 'ERCOT' as const,
            location: 'LZ_WEST',
          },
        ],
  );
}

// 1 PH/s of a 34.5 J/TH class (0.0345 MW) and 1 PH/s of a 17.5 J/TH class (0.0175 MW).
const OLD: SiteMachineClass = { name: 'S19', efficiencyJPerTh: 34.5, hashrateThs: 1000 };
const NEW: SiteMachineClass = { name: 'S21', efficiencyJPerTh: 17.5, hashrateThs: 1000 };
const HASHPRICE = 300;
const FEE = 0.02;
const mwhPerQuarter = (jPerTh: number) => (jPerTh * 1000) / 1e6 / 4;
const revenuePerQuarter = ((HASHPRICE / 1000) * 1000 * (1 - FEE)) / 96;

const change = (machineClass: string, mode: 'run' | 'curtail', effectiveIso: string): ModeChangeAt => ({
  machineClass,
  mode,
  effectiveIso,
});

describe('countCurtailmentSavings', () => {
  it('counts each class under the last change at or before each interval, the one before the window included', () => {
    // S19 curtailed since the day before; resumes at 00:30. S21 curtailed 00:15-00:45.
    const prices = quarters('2026-12-01T00:00:00.000Z', [900, 800, 700, 60]);
    const savings = countCurtailmentSavings({
      prices,
      changes: [
        change('S21', 'run', '2026-12-01T00:45:00.000Z'),
        change('S19', 'curtail', '2026-11-30T22:00:00.000Z'),
        change('S21', 'curtail', '2026-12-01T00:15:00.000Z'),
        change('S19', 'run', '2026-12-01T00:30:00.000Z'),
      ],
      classes: [OLD, NEW],
      hashpriceAt: () => HASHPRICE,
      poolFeeFraction: FEE,
      window: { fromIso: '2026-12-01T00:00:00.000Z', toIso: '2026-12-01T01:00:00.000Z' },
    });
    const energyUsd = mwhPerQuarter(34.5) * (900 + 800) + mwhPerQuarter(17.5) * (800 + 700);
    const revenueUsd = revenuePerQuarter * 4;
    expect(savings.total.energyNotBoughtUsd).toBeCloseTo(energyUsd, 9);
    expect(savings.total.energyNotBoughtMwh).toBeCloseTo(2 * mwhPerQuarter(34.5) + 2 * mwhPerQuarter(17.5), 12);
    expect(savings.total.revenueNotMinedUsd).toBeCloseTo(revenueUsd, 9);
    expect(savings.total.netUsd).toBeCloseTo(energyUsd - revenueUsd, 9);
    expect(savings.total.curtailedClassHours).toBeCloseTo(1, 12);
    expect(savings.total.uncounted).toEqual({
      missingPriceHours: 0,
      uncountedCurtailedClassHours: 0,
      uncountedIntervals: 0,
    });
    expect(savings.daily.map((d) => d.period)).toEqual(['2026-12-01']);
    expect(savings.monthly.map((m) => [m.period, m.netUsd])).toEqual([['2026-12', savings.total.netUsd]]);
    expect(savings.priceGaps).toEqual([]);
  });

  it('lists every day and month of the window, idle ones at zero, and splits a curtailment across midnight', () => {
    const prices = quarters('2026-11-30T23:30:00.000Z', [500, 500, 500, 500]);
    const savings = countCurtailmentSavings({
      prices,
      changes: [change('S19', 'curtail', '2026-11-30T23:45:00.000Z')],
      classes: [OLD],
      hashpriceAt: () => HASHPRICE,
      poolFeeFraction: FEE,
      window: { fromIso: '2026-11-30T23:30:00.000Z', toIso: '2026-12-01T00:30:00.000Z' },
    });
    expect(savings.daily.map((d) => [d.period, d.curtailedClassHours])).toEqual([
      ['2026-11-30', 0.25],
      ['2026-12-01', 0.5],
    ]);
    expect(savings.monthly.map((m) => m.period)).toEqual(['2026-11', '2026-12']);
    expect(savings.daily[0]!.energyNotBoughtUsd).toBeCloseTo(mwhPerQuarter(34.5) * 500, 9);
  });

  it('says a gap in the prices and the curtailed hours in it, never counting them as zero', () => {
    // 01:00-01:30 has no price; the S19 is curtailed throughout, the S21 from 01:15.
    const prices = quarters('2026-12-01T00:30:00.000Z', [900, 900, null, null, 900, 900]);
    const savings = countCurtailmentSavings({
      prices,
      changes: [
        change('S19', 'curtail', '2026-12-01T00:30:00.000Z'),
        change('S21', 'curtail', '2026-12-01T01:15:00.000Z'),
      ],
      classes: [OLD, NEW],
      hashpriceAt: () => HASHPRICE,
      poolFeeFraction: FEE,
      window: { fromIso: '2026-12-01T00:00:00.000Z', toIso: '2026-12-01T02:00:00.000Z' },
    });
    expect(savings.priceGaps).toEqual([
      { fromIso: '2026-12-01T00:00:00.000Z', toIso: '2026-12-01T00:30:00.000Z', hours: 0.5 },
      { fromIso: '2026-12-01T01:00:00.000Z', toIso: '2026-12-01T01:30:00.000Z', hours: 0.5 },
    ]);
    // Uncounted: S19 0.5 h + S21 0.25 h in the second gap; nothing curtailed in the first.
    expect(savings.total.uncounted).toEqual({
      missingPriceHours: 1,
      uncountedCurtailedClassHours: 0.75,
      uncountedIntervals: 0,
    });
    // Counted: only the priced quarters (S19 four, S21 two).
    expect(savings.total.curtailedClassHours).toBeCloseTo(1.5, 12);
    expect(savings.total.energyNotBoughtUsd).toBeCloseTo(
      4 * mwhPerQuarter(34.5) * 900 + 2 * mwhPerQuarter(17.5) * 900,
      9,
    );
    expect(savings.daily[0]!.uncounted.missingPriceHours).toBe(1);
  });

  it('leaves a curtailed interval with no hashprice uncounted, and names a class it does not know', () => {
    const prices = quarters('2026-12-01T00:00:00.000Z', [900, 900, 900]);
    const savings = countCurtailmentSavings({
      prices,
      changes: [
        change('S19', 'curtail', '2026-12-01T00:00:00.000Z'),
        change('S9 retired', 'curtail', '2026-12-01T00:00:00.000Z'),
      ],
      classes: [OLD],
      hashpriceAt: (ms) => (ms < Date.parse('2026-12-01T00:30:00.000Z') ? HASHPRICE : undefined),
      poolFeeFraction: FEE,
    });
    expect(savings.total.curtailedClassHours).toBeCloseTo(0.5, 12);
    expect(savings.total.uncounted).toEqual({
      missingPriceHours: 0,
      uncountedCurtailedClassHours: 0.25,
      uncountedIntervals: 1,
    });
    expect(savings.unknownClasses).toEqual(['S9 retired']);
  });

  it('gives up a payment when curtailed on a negative price (the net is negative)', () => {
    const savings = countCurtailmentSavings({
      prices: quarters('2026-12-01T00:00:00.000Z', [-40]),
      changes: [change('S19', 'curtail', '2026-12-01T00:00:00.000Z')],
      classes: [OLD],
      hashpriceAt: () => HASHPRICE,
      poolFeeFraction: FEE,
    });
    expect(savings.total.energyNotBoughtUsd).toBeCloseTo(mwhPerQuarter(34.5) * -40, 12);
    expect(savings.total.netUsd).toBeCloseTo(mwhPerQuarter(34.5) * -40 - revenuePerQuarter, 12);
  });
});

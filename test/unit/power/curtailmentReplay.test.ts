/**
 * The curtailment replay: the live decision stepped over a series, and its savings counted against
 * running always. Figures are checked by hand-computed arithmetic (not the module's own helpers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IntervalPrice } from '../../../shared/domain/power/intervalPrice';
import { replayCurtailment, type SiteMachineClass } from '../../../shared/domain/power/curtailmentReplay';

const START_MS = Date.parse('2021-02-15T06:00:00Z');
const Q = 15 * 60_000;

function series(usdPerMwh: readonly number[], minutes: 15 | 60 = 15): IntervalPrice[] {
  const step = minutes * 60_000;
  return usdPerMwh.map((price, i) => ({
    startIso: new Date(START_MS + i * step).toISOString(),
    endIso: new Date(START_MS + (i + 1) * step).toISOString(),
    intervalMinutes: minutes,
    usdPerMwh: price,
    source: 'ercot-api-rt',
    market: 'ERCOT',
    location: 'HB_HUBAVG',
  }));
}

// 1 PH/s of an S19 class (34.5 J/TH: 34.5 kW = 0.0345 MW) and 1 PH/s of an S21 class (17.5 J/TH).
const OLD: SiteMachineClass = { name: 'S19', efficiencyJPerTh: 34.5, hashrateThs: 1000 };
const NEW: SiteMachineClass = { name: 'S21', efficiencyJPerTh: 17.5, hashrateThs: 1000 };
const noFriction = { marginUsdPerMwh: 0, minRunMs: 0, minCurtailMs: 0 };
const HASHPRICE = 300; // USD/PH/day: strikes 300 x 0.98 / (E x 0.024) = 355.07 (S19) and 700.00 (S21) USD/MWh

describe('replayCurtailment', () => {
  const prices = series([30, 30, 9000, 9000, 9000, 9000, 500, 30, 30]);

  it('curtails on the cap from the next interval (real-time prices are known after the fact) and counts what it saved', () => {
    const replay = replayCurtailment({
      site: 'tx-1',
      prices,
      hashpriceAt: () => HASHPRICE,
      classes: [NEW, OLD],
      poolFeeFraction: 0.02,
      policy: noFriction,
      strike: { kind: 'dynamic' },
      timing: 'next-interval',
    });
    expect(replay.transitions.map((t) => `${t.effectiveIso.slice(11, 16)} ${t.machineClass} ${t.mode}`)).toEqual([
      '06:45 S19 curtail', // decided on the first $9,000 interval (06:30), effective from the next
      '06:45 S21 curtail',
      '07:45 S21 run', // $500 is under the S21's strike (700) but over the S19's (355)
      '08:00 S19 run',
    ]);
    // Curtailed, a decision late each way: S19 06:45-08:00 (3 x $9,000, $500, $30), S21 06:45-07:45
    // (3 x $9,000, $500): the lag pays the first cap interval and curtails through the first cheap one.
    const mwhPerQuarter = (e: number) => (e * 1000) / 1e6 / 4; // MW x 0.25 h
    const revenuePerQuarter = ((300 / 1000) * 1000 * 0.98) / 96;
    const energyUsd = mwhPerQuarter(34.5) * (3 * 9000 + 500 + 30) + mwhPerQuarter(17.5) * (3 * 9000 + 500);
    const revenueUsd = revenuePerQuarter * (5 + 4);
    expect(replay.total.energyNotBoughtUsd).toBeCloseTo(energyUsd, 9);
    expect(replay.total.revenueNotMinedUsd).toBeCloseTo(revenueUsd, 9);
    expect(replay.total.netUsd).toBeCloseTo(energyUsd - revenueUsd, 9);
    expect(replay.total.curtailedClassHours).toBeCloseTo(9 * 0.25, 12);
    expect(replay.daily.map((d) => d.period)).toEqual(['2021-02-15']);
    expect(replay.monthly[0]!.netUsd).toBeCloseTo(replay.total.netUsd, 9);
  });

  it('with day-ahead prices the decision applies to the interval itself', () => {
    const replay = replayCurtailment({
      site: 'tx-1',
      prices,
      hashpriceAt: () => HASHPRICE,
      classes: [OLD],
      poolFeeFraction: 0.02,
      policy: noFriction,
      strike: { kind: 'dynamic' },
      timing: 'same-interval',
    });
    expect(replay.transitions.map((t) => t.effectiveIso.slice(11, 16))).toEqual(['06:30', '07:45']);
    expect(replay.total.curtailedClassHours).toBeCloseTo(5 * 0.25, 12);
  });

  it('a fixed strike keeps curtailing after hashprice has moved its break-even above the price', () => {
    // Hashprice doubles on the second day: the S19's strike goes from 355 to 710 USD/MWh; power at 500.
    const day = 96;
    const twoDays = series([...Array(day).fill(500), ...Array(day).fill(500)]);
    const hashpriceAt = (ms: number) => (ms < START_MS + day * Q ? HASHPRICE : 2 * HASHPRICE);
    const common = {
      site: 'tx-1',
      prices: twoDays,
      hashpriceAt,
      classes: [OLD],
      poolFeeFraction: 0.02,
      policy: noFriction,
      timing: 'next-interval' as const,
    };
    const dynamic = replayCurtailment({ ...common, strike: { kind: 'dynamic' } });
    const fixed = replayCurtailment({ ...common, strike: { kind: 'fixed', hashpriceUsdPerPhDay: HASHPRICE } });
    expect(dynamic.transitions.map((t) => t.mode)).toEqual(['curtail', 'run']);
    expect(fixed.transitions.map((t) => t.mode)).toEqual(['curtail']);
    // On the second day the fixed strike gives up more revenue than the power it saves.
    expect(fixed.daily[1]!.netUsd).toBeLessThan(0);
    expect(dynamic.total.netUsd).toBeGreaterThan(fixed.total.netUsd);
  });

  it('never curtails on a negative price, and takes no decision without a hashprice', () => {
    const replay = replayCurtailment({
      site: 'tx-1',
      prices: series([-50, -10, 9000, 9000]),
      hashpriceAt: (ms) => (ms >= START_MS + 2 * Q ? undefined : HASHPRICE),
      classes: [OLD],
      poolFeeFraction: 0.02,
      policy: noFriction,
      strike: { kind: 'dynamic' },
      timing: 'next-interval',
    });
    expect(replay.transitions).toEqual([]);
    expect(replay.undecidedIntervals).toBe(2);
  });

  it('property: deciding on the interval itself with no margin and no minimum times never loses against running always', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -250, max: 9000, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 1, max: 2000, noNaN: true }),
        (priceList, hashprice) => {
          const replay = replayCurtailment({
            site: 'tx-1',
            prices: series(priceList),
            hashpriceAt: () => hashprice,
            classes: [OLD, NEW],
            poolFeeFraction: 0.02,
            policy: noFriction,
            strike: { kind: 'dynamic' },
            timing: 'same-interval',
          });
          return replay.daily.every((d) => d.netUsd >= -1e-9);
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPUTE_CONFIG, parseComputeConfig } from '../../../shared/config/computeConfig';
import { DETECTORS } from '../../../shared/domain/signals/detectors';
import type { FleetSignalInput } from '../../../shared/domain/signals/signalInput';
import { signalInputWith } from '../../support/signalInput';
import { USD_RATE } from '../../../shared/domain/currency';
import { moneyText } from '../../../shared/domain/signals/moneyText';
import type { Evidence } from '../../../shared/domain/signals/evidence';

const cfg = DEFAULT_COMPUTE_CONFIG.signals;

const input = signalInputWith;

const levels = (obs: { entered: unknown; recovered: boolean }[]) => obs.map((o) => [o.entered ?? 'none', o.recovered]);

describe('detectors', () => {
  it('difficulty-negative-streak: warning at 2, critical at 3, recovered only at a non-negative adjustment', () => {
    const at = (negativeStreak: number) =>
      DETECTORS['difficulty-negative-streak'].observe(
        input({
          difficulty: {
            negativeStreak,
            previousNegativeStreak: 0,
            streakChangesPct: [],
            lastChangePct: negativeStreak ? -1 : 1,
            lastEpoch: 1,
            lastAdjustmentAt: '2026-01-01T00:00:00Z',
          },
        }),
        cfg['difficulty-negative-streak'],
      );
    expect([0, 1, 2, 3, 4].flatMap((n) => levels(at(n)))).toEqual([
      ['none', true],
      ['none', false],
      ['warning', false],
      ['critical', false],
      ['critical', false],
    ]);
    expect(DETECTORS['difficulty-negative-streak'].observe(input({}), cfg['difficulty-negative-streak'])).toEqual([]);
  });

  it('projected-negative-adjustment: needs epoch progress to raise, clears above the band', () => {
    const at = (estimatedChangePct: number, progressPct: number) =>
      levels(
        DETECTORS['projected-negative-adjustment'].observe(
          input({ projectedAdjustment: { epoch: 470, estimatedChangePct, progressPct } }),
          cfg['projected-negative-adjustment'],
        ),
      );
    expect(at(-4, 10)).toEqual([['none', false]]);
    expect(at(-4, 50)).toEqual([['warning', false]]);
    expect(at(-7, 50)).toEqual([['critical', false]]);
    expect(at(-2, 50)).toEqual([['none', false]]);
    expect(at(-1, 50)).toEqual([['none', true]]);
  });

  it('hashprice-floor: the docs/design.md §3 check ($31.85) is above the $30 floor; under the floor warns; under floor and 20% under the mean is critical', () => {
    const at = (usdPerPhDay: number, mean90dUsdPerPhDay: number | undefined) =>
      levels(
        DETECTORS['hashprice-floor'].observe(
          input({ hashprice: { usdPerPhDay, basis: 'expected', mean90dUsdPerPhDay } }),
          cfg['hashprice-floor'],
        ),
      );
    expect(at(31.85, 33)).toEqual([['none', true]]);
    expect(at(30.5, 33)).toEqual([['none', false]]); // inside the 3% band above $30 (30.9)
    expect(at(29, 33)).toEqual([['warning', false]]);
    expect(at(35, 45)).toEqual([['warning', false]]); // 22% under the mean, 17% above the floor: near it
    expect(at(39, 50)).toEqual([['none', true]]); // 22% under the mean but 30% above the floor: not a floor
    expect(at(255, 354)).toEqual([['none', true]]); // 2021-05-15: a 28% fall at $255 is no floor
    expect(at(29, 40)).toEqual([['critical', false]]); // 27.5% under the mean and under the floor
    expect(at(29, undefined)).toEqual([['warning', false]]);
  });

  it('hash-ribbon-capitulation: raises 0.5% under, clears 0.5% over, critical 5% under', () => {
    const at = (ratio: number) =>
      levels(
        DETECTORS['hash-ribbon-capitulation'].observe(
          input({ hashRibbon: { date: '2026-01-04', sma30Hps: 1000e18 * ratio, sma60Hps: 1000e18 } }),
          cfg['hash-ribbon-capitulation'],
        ),
      );
    expect([0.998, 0.994, 0.94, 1.004, 1.006].flatMap(at)).toEqual([
      ['none', false],
      ['warning', false],
      ['critical', false],
      ['none', false],
      ['none', true],
    ]);
  });

  it('fleet-share-negative: 15% warning, 20% critical, clears under 13%', () => {
    const at = (pct: number) =>
      levels(
        DETECTORS['fleet-share-negative'].observe(input({ fleetShareNegativePct: pct }), cfg['fleet-share-negative']),
      );
    expect([12.9, 13.5, 15, 19.9, 20].flatMap(at)).toEqual([
      ['none', true],
      ['none', false],
      ['warning', false],
      ['warning', false],
      ['critical', false],
    ]);
  });

  it('fleet-share-negative: reports the band across the low and high power-price cases beside the central share', () => {
    const detector = DETECTORS['fleet-share-negative'];
    const [observed] = detector.observe(
      input({ fleetShareNegativePct: 17.25, fleetShareNegativeBandPct: { lowPct: 9.5, highPct: 26.75 } }),
      cfg['fleet-share-negative'],
    );
    const figures = detector.figures(observed!.evidence, USD_RATE);
    expect(figures.slice(0, 3)).toEqual([
      { name: 'Share of global hashrate cash-flow negative', value: 17.25, unit: 'pct' },
      { name: 'Band low (across the power-price cases)', value: 9.5, unit: 'pct' },
      { name: 'Band high (across the power-price cases)', value: 26.75, unit: 'pct' },
    ]);
    // The e-mail's line of the share, as the status view words the band.
    const shareLine = (evidence: Evidence) =>
      detector.describe({
        subject: '',
        severity: 'warning',
        transition: 'raised',
        previousSeverity: null,
        evidence,
        money: moneyText(undefined),
      }).details[0];
    expect(shareLine(observed!.evidence)).toBe(
      'Share of global hashrate cash-flow negative: 17.3% (band 9.5-26.8% across the low and high power-price cases)',
    );
    // Without power-price cases (and in evidence stored before the band was recorded): no band, no gap.
    const [bandless] = detector.observe(input({ fleetShareNegativePct: 17.25 }), cfg['fleet-share-negative']);
    expect(Object.keys(bandless!.evidence.values)).toEqual([
      'fleetShareNegativePct',
      'hashpriceUsdPerPhDay',
      'btcPriceUsd',
    ]);
    const bandlessFigures = detector.figures(bandless!.evidence, USD_RATE).map((f) => f.name);
    expect(bandlessFigures.filter((name) => name.startsWith('Band'))).toEqual([]);
    expect(shareLine(bandless!.evidence)).toBe('Share of global hashrate cash-flow negative: 17.3%');
  });

  // An S19 XP fleet (21.5 J/TH) at $29/PH/day: break-even about 5.6 c/kWh (docs/design.md §3). 100
  // machines of 140 TH/s: 14 PH/s earn 14 x 29 = $406/day; power at 6.2 c/kWh:
  // 14,000 TH/s x 21.5 W = 301 kW x 24 h x $0.062 = $447.89/day.
  const s19xp = (powerPriceUsdPerKwh: number, hostingOpexUsdPerDay: number): FleetSignalInput => {
    const revenueUsdPerDay = 14 * 29;
    const powerCostUsdPerDay = 301 * 24 * powerPriceUsdPerKwh;
    return {
      name: 'Texas S19',
      revenueUsdPerDay,
      powerCostUsdPerDay,
      hostingOpexUsdPerDay,
      profitUsdPerDay: revenueUsdPerDay - powerCostUsdPerDay - hostingOpexUsdPerDay,
      powerPriceUsdPerKwh,
      breakEvenPowerPriceUsdPerKwh: 29 / 1000 / (21.5 * 0.024),
      cashCostUsdPerBtc: 0,
      allInCostUsdPerBtc: 0,
    };
  };

  it('fleet-break-even-breach: power above break-even is critical, a hosting-only loss a warning', () => {
    const at = (f: FleetSignalInput) =>
      DETECTORS['fleet-break-even-breach'].observe(input({ fleets: [f] }), cfg['fleet-break-even-breach']);
    const losing = at(s19xp(0.062, 0));
    expect(levels(losing)).toEqual([['critical', false]]);
    expect(losing[0]!.subject).toBe('Texas S19');
    expect(losing[0]!.evidence.values.powerCostUsdPerDay).toBeCloseTo(447.888, 3);
    expect(levels(at(s19xp(0.05, 50)))).toEqual([['warning', false]]); // power $361.20 + hosting $50 > $406
    expect(levels(at(s19xp(0.05, 0)))).toEqual([['none', true]]); // margin 11%
    expect(levels(at(s19xp(0.054, 0)))).toEqual([['none', false]]); // power $390.10: margin 3.9%, inside the 5% band
  });

  it('production-cost-above-price: all-in over price warns, 20% over is critical, clears 5% under', () => {
    const at = (allIn: number) =>
      levels(
        DETECTORS['production-cost-above-price'].observe(
          input({
            btcPriceUsd: 80_000,
            fleets: [{ ...s19xp(0.05, 0), allInCostUsdPerBtc: allIn, cashCostUsdPerBtc: allIn / 2 }],
          }),
          cfg['production-cost-above-price'],
        ),
      );
    expect([77_000, 75_900, 80_001, 96_100, Number.POSITIVE_INFINITY].flatMap(at)).toEqual([
      ['none', false],
      ['none', true],
      ['warning', false],
      ['critical', false],
    ]);
  });

  it('price-level: one subject per level, below warns, clears 2% above (live price)', () => {
    const config = parseComputeConfig({
      signals: { 'price-level': { levelsUsd: [74_500, 100_000], judgedOn: {} } },
    }).signals['price-level'];
    const obs = DETECTORS['price-level'].observe(input({ btcPriceUsd: 74_800 }), config);
    expect(obs.map((o) => [o.subject, o.entered ?? 'none', o.recovered])).toEqual([
      ['74500', 'none', false], // 74,800 < 74,500 x 1.02 = 75,990
      ['100000', 'warning', false],
    ]);
  });

  it('price-level: each level judged on its own basis; $74,500 on the weekly close by default', () => {
    const config = parseComputeConfig({
      signals: { 'price-level': { levelsUsd: [74_500, 80_000, 90_000], judgedOn: { '80000': 'daily-close' } } },
    }).signals['price-level'];
    expect(config.judgedOn).toEqual({ '80000': 'daily-close' });
    expect(parseComputeConfig({}).signals['price-level'].judgedOn).toEqual({ '74500': 'weekly-close' });
    const weeklyDefault = { ...config, judgedOn: { ...config.judgedOn, '74500': 'weekly-close' as const } };
    // Live $70k, yesterday closed $79k, the week closed (Sunday) at $76k.
    const closes = { daily: { date: '2026-02-04', usd: 79_000 }, weekly: { weekEnding: '2026-02-01', usd: 76_000 } };
    const obs = DETECTORS['price-level'].observe(input({ btcPriceUsd: 70_000, btcCloses: closes }), weeklyDefault);
    expect(obs.map((o) => [o.subject, o.entered ?? 'none', o.evidence.values.judgedOn])).toEqual([
      ['74500', 'none', 'weekly-close'], // the week closed above: no "failure to reclaim" yet
      ['80000', 'warning', 'daily-close'],
      ['90000', 'warning', 'live'],
    ]);
    // Without daily history a close-judged level gives no verdict (neither raise nor clear: state kept).
    const noCloses = DETECTORS['price-level'].observe(input({ btcPriceUsd: 70_000 }), weeklyDefault);
    expect(noCloses.map((o) => [o.subject, o.entered ?? 'none', o.recovered])).toEqual([
      ['74500', 'none', false],
      ['80000', 'none', false],
      ['90000', 'warning', false],
    ]);
    expect(() =>
      parseComputeConfig({ signals: { 'price-level': { judgedOn: { '74500': 'monthly-close' } } } }),
    ).toThrow(/signals\.price-level\.judgedOn\.74500/);
  });

  it("evidence: an observation's is checked and a missing field named; an earlier version's stored one is taken as it is", () => {
    const price = DETECTORS['price-level'];
    // Evidence as a version before `judgedOn` stored it.
    const old = { values: { btcPriceUsd: 70_000 }, thresholds: { levelUsd: 80_000 } };
    const event = {
      subject: '80000',
      severity: 'warning' as const,
      transition: 'cleared' as const,
      previousSeverity: 'warning' as const,
      evidence: old,
      money: moneyText(undefined),
    };
    expect(() => price.describe(event)).toThrow(/^price-level evidence (values|thresholds)\.\w+: /);
    expect(() => price.figures(old, USD_RATE)).toThrow(/^price-level evidence (values|thresholds)\.\w+: /);
    expect(price.describe(event, 'stored').title).toMatch(/80,000/);
    expect(price.figures(old, USD_RATE, 'stored')).toContainEqual({
      name: 'BTC price',
      value: 70_000,
      unit: 'money',
      currency: 'USD',
    });
  });
});

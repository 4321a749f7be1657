/**
 * projected-fleet-loss: the detector's thresholds and band, that evaluations without the day's
 * projection judge nothing (no dwell advanced, no subject retired), that the compute projects each
 * fleet once a UTC day, and that a losing fleet raises after its dwell of two daily evaluations
 * on the real early-2026 snapshots.
 */
import { describe, expect, it } from 'vitest';
import { fleetLossOutlooks } from '../../../shared/compute/fleetLossOutlook';
import { loadProfitabilityReference } from '../../../shared/compute/profitabilityReference';
import { parseComputeConfig } from '../../../shared/config/computeConfig';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../../shared/data/history/loadDifficultyEpochs';
import { DETECTORS } from '../../../shared/domain/signals/detectors';
import { evaluateSignals, statesByKey } from '../../../shared/domain/signals/evaluateSignals';
import type { FleetLossOutlookInput } from '../../../shared/domain/signals/signalInput';
import { stateKey, type SignalState } from '../../../shared/domain/signals/signalState';
import { snapshotAt } from '../../support/computeHarness';
import { EXAMPLE_FLEETS } from '../../support/liveReplay';
import { signalInputWith } from '../../support/signalInput';

const config = parseComputeConfig({ fleets: EXAMPLE_FLEETS });
const cfg = config.signals['projected-fleet-loss'];

const outlook = (probabilityPct: number, name = 'Texas S19 XP'): FleetLossOutlookInput => ({
  name,
  horizonDays: 180,
  paths: 1000,
  probabilityPct,
  breakEvenHashpriceUsdPerPhDay: 32,
  hashpriceAtHorizonUsdPerPhDay: { p10: 22, p50: 30, p90: 41 },
  likelyFromMonth: 2,
});

describe('projected-fleet-loss', () => {
  it('warns at 50%, is critical at 80%, clears under 40%, one subject per fleet', () => {
    const at = (p: number) =>
      DETECTORS['projected-fleet-loss']
        .observe(signalInputWith({ fleetLossOutlooks: [outlook(p)] }), cfg)
        .map((o) => [o.subject, o.entered ?? 'none', o.recovered]);
    expect(at(85)).toEqual([['Texas S19 XP', 'critical', false]]);
    expect(at(80)).toEqual([['Texas S19 XP', 'critical', false]]);
    expect(at(50)).toEqual([['Texas S19 XP', 'warning', false]]);
    expect(at(45)).toEqual([['Texas S19 XP', 'none', false]]);
    expect(at(39.9)).toEqual([['Texas S19 XP', 'none', true]]);
  });

  it('judges only the evaluation carrying the day’s projection: an active fleet is neither cleared nor retired between', () => {
    const active: SignalState = {
      signal: 'projected-fleet-loss',
      subject: 'Texas S19 XP',
      status: 'active',
      severity: 'warning',
      activeSince: '2026-01-04T00:10:00.000Z',
      episodeId: 'e1',
      pending: null,
      evaluatedAt: '2026-01-05T00:10:00.000Z',
      lastEvidence: null,
    };
    const previous = statesByKey([active]);
    const between = evaluateSignals(
      signalInputWith({ decidedAt: '2026-01-05T10:00:00.000Z' }),
      previous,
      config.signals,
    );
    expect(between.states.filter((s) => s.signal === 'projected-fleet-loss')).toEqual([]);
    expect(between.events).toEqual([]);
    const daily = evaluateSignals(
      signalInputWith({ decidedAt: '2026-01-06T00:10:00.000Z', fleetLossOutlooks: [outlook(20)] }),
      previous,
      { ...config.signals, 'projected-fleet-loss': { ...cfg, clearDwellHours: 0 } },
    );
    expect(daily.events.map((e) => [e.signal, e.transition])).toEqual([['projected-fleet-loss', 'cleared']]);
  });

  it('projects each fleet once a UTC day, the same figures for the same snapshot, a losing fleet near certain to lose', () => {
    const daily = loadDailyHistory();
    const epochs = loadDifficultyEpochs();
    const reference = loadProfitabilityReference(config);
    const snapshot = snapshotAt('2026-02-10T12:00:00Z');
    const known = daily.filter((d) => d.date < '2026-02-10');
    const run = (states: Map<string, SignalState>) =>
      fleetLossOutlooks({ snapshot, daily: known, epochs, reference, config: cfg, states });
    const first = run(new Map())!;
    expect(first.map((o) => o.name)).toEqual(['Texas S19 XP', 'Quebec S21']);
    expect(run(new Map())).toEqual(first);
    const texas = first[0]!;
    const quebec = first[1]!;
    // S19 XP (21.5 J/TH) at 6.2 c/kWh breaks even near $32/PH/day: February 2026 paid $28-30.
    expect(texas.breakEvenHashpriceUsdPerPhDay).toBeCloseTo(32.6, 0);
    expect(texas.probabilityPct).toBeGreaterThanOrEqual(cfg.criticalProbabilityPct);
    expect(texas.likelyFromMonth).toBe(0);
    expect(quebec.probabilityPct).toBeLessThan(texas.probabilityPct);
    expect(texas.hashpriceAtHorizonUsdPerPhDay.p10).toBeLessThan(texas.hashpriceAtHorizonUsdPerPhDay.p90);

    const evaluated = (at: string): SignalState => ({
      signal: 'projected-fleet-loss',
      subject: 'Texas S19 XP',
      status: 'clear',
      severity: null,
      activeSince: null,
      episodeId: null,
      pending: null,
      evaluatedAt: at,
      lastEvidence: null,
    });
    const key = stateKey('projected-fleet-loss', 'Texas S19 XP');
    // Texas was judged today already: only Quebec is due.
    expect(run(new Map([[key, evaluated('2026-02-10T00:10:00.000Z')]]))!.map((o) => o.name)).toEqual(['Quebec S21']);
    expect(run(new Map([[key, evaluated('2026-02-09T23:50:00.000Z')]]))!.map((o) => o.name)).toHaveLength(2);
    const off = { ...cfg, enabled: false };
    expect(
      fleetLossOutlooks({ snapshot, daily: known, epochs, reference, config: off, states: new Map() }),
    ).toBeUndefined();
  });

  it('refuses a daily projection too large for the compute, naming the field', () => {
    expect(() =>
      parseComputeConfig({ signals: { 'projected-fleet-loss': { paths: 1000, horizonDays: 731 } } }),
    ).toThrow(/projected-fleet-loss\.horizonDays/);
    expect(() =>
      parseComputeConfig({ signals: { 'projected-fleet-loss': { paths: 1000, horizonDays: 730 } } }),
    ).not.toThrow();
    expect(() => parseComputeConfig({ signals: { 'projected-fleet-loss': { paths: 5000 } } })).toThrow(
      /projected-fleet-loss\.paths/,
    );
    expect(() => parseComputeConfig({ signals: { 'projected-fleet-loss': { horizonDay: 90 } } })).toThrow(/horizonDay/);
  });
});

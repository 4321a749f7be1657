/**
 * The signals judged once a UTC day (the listed miners', projected-fleet-loss) judge figures that
 * stand for the day: a day whose first snapshot failed is judged on a later one, and the dwell
 * must still count from the day's start. It once counted from the late judgement, so the 168-hour
 * clear of a company's treasury alert ended a day late (the soak: 129 cycles). Real data: RIOT's
 * treasury reading from the bundled series raises on 2025-10-03's figures and recovers on
 * 2025-11-04's.
 */
import { describe, expect, it } from 'vitest';
import { ComputeConfigError, DEFAULT_COMPUTE_CONFIG, parseComputeConfig } from '../../../shared/config/computeConfig';
import { bundledMinerSeries } from '../../../shared/data/bundledMinerSeries';
import { DETECTORS } from '../../../shared/domain/signals/detectors';
import { evaluateSignals, statesByKey } from '../../../shared/domain/signals/evaluateSignals';
import type { SignalState } from '../../../shared/domain/signals/signalState';
import { signalInputWith } from '../../support/signalInput';

const config = DEFAULT_COMPUTE_CONFIG.signals;
const periods = bundledMinerSeries().periods;

/** RIOT's transitions over the days 2025-10-01..2025-11-14, each day judged at `judgedAt(day)`. */
function riotTransitions(
  judgedAt: (day: string) => string,
  signalConfig: (typeof config)['miner-treasury-liquidation'] = config['miner-treasury-liquidation'],
): string[] {
  let states = new Map<string, SignalState>();
  const transitions: string[] = [];
  for (let ms = Date.parse('2025-10-01'); ms <= Date.parse('2025-11-14'); ms += 86_400_000) {
    const decidedAt = judgedAt(new Date(ms).toISOString().slice(0, 10));
    const result = evaluateSignals(
      signalInputWith({ decidedAt, minerPeriods: periods }),
      states,
      { ...config, 'miner-treasury-liquidation': signalConfig },
      ['miner-treasury-liquidation'],
    );
    states = new Map([...states, ...statesByKey(result.states)]);
    for (const e of result.events.filter((e) => e.subject === 'RIOT')) transitions.push(`${e.transition} ${decidedAt}`);
  }
  return transitions;
}

describe('signals judged once a day', () => {
  it('observe as of the UTC day, whatever the time of the judgement', () => {
    const at = '2025-11-04T00:10:00.000Z';
    const input = signalInputWith({
      decidedAt: at,
      minerPeriods: periods,
      fleetLossOutlooks: [
        {
          name: 'Texas S19 XP',
          horizonDays: 180,
          paths: 1000,
          probabilityPct: 60,
          breakEvenHashpriceUsdPerPhDay: 32,
          hashpriceAtHorizonUsdPerPhDay: { p10: 22, p50: 30, p90: 41 },
          likelyFromMonth: 2,
        },
      ],
    });
    for (const signal of ['miner-treasury-liquidation', 'miner-selling-pressure', 'projected-fleet-loss'] as const) {
      const observed = DETECTORS[signal].observe(input, config[signal] as never);
      expect(observed.length, signal).toBeGreaterThan(0);
      expect(new Set(observed.map((o) => o.asOf)), signal).toEqual(new Set(['2025-11-04T00:00:00.000Z']));
    }
    // A signal judged at every snapshot observes as of its decision.
    expect(DETECTORS['price-level'].observe(input, config['price-level']).map((o) => o.asOf)).toEqual([undefined]);
  });

  it("a late day's judgement raises and clears on the same days as on-time ones", () => {
    const onTime = riotTransitions((day) => `${day}T00:00:00.000Z`);
    expect(onTime).toEqual(['raised 2025-10-04T00:00:00.000Z', 'cleared 2025-11-11T00:00:00.000Z']);
    // The first snapshots of the days the changes were first seen failed: judged 10 and 50 minutes late.
    const late: Record<string, string> = { '2025-10-03': '00:50', '2025-11-04': '00:10' };
    const withLateDays = riotTransitions((day) => `${day}T${late[day] ?? '00:00'}:00.000Z`);
    expect(withLateDays).toEqual(onTime);
    // Late on the day a change ends its dwell: it lands on that day, at the late judgement.
    const lateAtTheEnd = riotTransitions((day) => `${day}T${day === '2025-11-11' ? '00:30' : '00:00'}:00.000Z`);
    expect(lateAtTheEnd).toEqual(['raised 2025-10-04T00:00:00.000Z', 'cleared 2025-11-11T00:30:00.000Z']);
  });

  it('a dwell between whole days acts as the next whole day, so the config refuses it, naming the field', () => {
    const defaults = config['miner-treasury-liquidation'];
    expect([defaults.raiseDwellHours, defaults.clearDwellHours]).toEqual([24, 168]);
    const onTime = (day: string) => `${day}T00:00:00.000Z`;
    // What the engine does with such dwells, given unchecked: 1 h acts as 24 h, 150 h as 168 h.
    const between = riotTransitions(onTime, { ...defaults, raiseDwellHours: 1, clearDwellHours: 150 });
    expect(between).toEqual(riotTransitions(onTime));
    expect(riotTransitions(onTime, { ...defaults, clearDwellHours: 144 })).not.toEqual(between);

    for (const signal of ['miner-treasury-liquidation', 'miner-selling-pressure', 'projected-fleet-loss'] as const) {
      const refused = () => parseComputeConfig({ signals: { [signal]: { raiseDwellHours: 1, clearDwellHours: 150 } } });
      expect(refused, signal).toThrow(ComputeConfigError);
      expect(refused, signal).toThrow(
        `invalid compute config: signals.${signal}.raiseDwellHours: must be a whole number of days (0, 24, 48, ...): the signal is judged once a UTC day, so 1 h would act as 24 h; signals.${signal}.clearDwellHours: must be a whole number of days (0, 24, 48, ...): the signal is judged once a UTC day, so 150 h would act as 168 h`,
      );
      const whole = parseComputeConfig({ signals: { [signal]: { raiseDwellHours: 0, clearDwellHours: 336 } } });
      expect(whole.signals[signal]).toMatchObject({ raiseDwellHours: 0, clearDwellHours: 336 });
    }
    // A signal judged at every snapshot keeps any dwell.
    expect(
      parseComputeConfig({ signals: { 'hash-ribbon-capitulation': { raiseDwellHours: 30 } } }).signals[
        'hash-ribbon-capitulation'
      ].raiseDwellHours,
    ).toBe(30);
  });
});

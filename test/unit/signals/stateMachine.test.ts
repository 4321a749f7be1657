import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stepSignal } from '../../../shared/domain/signals/stateMachine';
import { initialSignalState, type SignalState } from '../../../shared/domain/signals/signalState';
import type { Observation } from '../../../shared/domain/signals/observation';
import type { Severity } from '../../../shared/domain/signals/signalIds';

const hour = (h: number): string => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString();
const obs = (entered: Severity | undefined, recovered: boolean): Observation => ({
  signal: 'hashprice-floor',
  subject: '',
  entered,
  recovered,
  evidence: { values: {}, thresholds: {} },
});
const idOf = (at: string) => (t: string) => `${t}@${at}`;

/** Runs observations at hours 0, 1, 2, ... and returns the transitions with their hour. */
function run(observations: Observation[], timing = { raiseDwellHours: 0, clearDwellHours: 0 }) {
  let state: SignalState = initialSignalState('hashprice-floor', '');
  const transitions: string[] = [];
  observations.forEach((o, h) => {
    const step = stepSignal(state, o, timing, hour(h), idOf(hour(h)));
    state = step.state;
    if (step.transition) transitions.push(`${h}:${step.transition.transition}:${step.transition.severity}`);
  });
  return { state, transitions };
}

describe('signal state machine', () => {
  it('raises, escalates and clears once per episode, keeping the highest severity until it clears', () => {
    const { transitions, state } = run([
      obs(undefined, true),
      obs('warning', false),
      obs('critical', false),
      obs('warning', false), // back to warning level: no step down, no event
      obs(undefined, false), // inside the hysteresis band: stays active
      obs(undefined, true),
    ]);
    expect(transitions).toEqual(['1:raised:warning', '2:escalated:critical', '5:cleared:critical']);
    expect(state).toMatchObject({ status: 'clear', severity: null, activeSince: null, episodeId: `raised@${hour(1)}` });
  });

  it('raises straight to critical when the first crossing is already critical', () => {
    expect(run([obs('critical', false)]).transitions).toEqual(['0:raised:critical']);
  });

  it('waits out the raise dwell and forgets a condition that breaks before it is served', () => {
    const timing = { raiseDwellHours: 2, clearDwellHours: 3 };
    const { transitions } = run(
      [
        obs('warning', false), // h0 pending up since 0
        obs('warning', false), // h1: held 1h
        obs(undefined, true), // h2: broken, pending dropped
        obs('warning', false), // h3: pending since 3
        obs('warning', false),
        obs('warning', false), // h5: held 2h -> raised
        obs(undefined, true), // h6: pending down since 6
        obs(undefined, true),
        obs(undefined, true),
        obs(undefined, true), // h9: held 3h -> cleared
      ],
      timing,
    );
    expect(transitions).toEqual(['5:raised:warning', '9:cleared:warning']);
  });

  it('keeps the dwell clock when a pending raise worsens to critical', () => {
    const { transitions } = run([obs('warning', false), obs('critical', false), obs('critical', false)], {
      raiseDwellHours: 2,
      clearDwellHours: 0,
    });
    expect(transitions).toEqual(['2:raised:critical']);
  });

  it('ignores a replayed or older decision time (duplicate delivery, out-of-order snapshot)', () => {
    const first = stepSignal(
      initialSignalState('hashprice-floor', ''),
      obs('warning', false),
      { raiseDwellHours: 0, clearDwellHours: 0 },
      hour(5),
      idOf(hour(5)),
    );
    expect(first.transition?.transition).toBe('raised');
    const again = stepSignal(
      first.state,
      obs('warning', false),
      { raiseDwellHours: 0, clearDwellHours: 0 },
      hour(5),
      idOf(hour(5)),
    );
    expect(again).toEqual({ state: first.state, applied: false, transition: undefined });
    const older = stepSignal(
      first.state,
      obs(undefined, true),
      { raiseDwellHours: 0, clearDwellHours: 0 },
      hour(4),
      idOf(hour(4)),
    );
    expect(older.applied).toBe(false);
    expect(older.state).toBe(first.state);
  });

  it('never emits two transitions in a row of the same kind, and clears only an active episode (property)', () => {
    const observation = fc.constantFrom(
      obs(undefined, true),
      obs(undefined, false),
      obs('warning', false),
      obs('critical', false),
    );
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 60 }), fc.nat(4), fc.nat(4), (observations, raise, clear) => {
        const { transitions } = run(observations, { raiseDwellHours: raise, clearDwellHours: clear });
        const kinds = transitions.map((t) => t.split(':')[1]);
        // Episodes: raised (escalated)? cleared, raised ...
        for (let i = 0; i < kinds.length; i += 1) {
          const previous = kinds
            .slice(0, i)
            .filter((k) => k !== 'escalated')
            .at(-1);
          if (kinds[i] === 'raised') expect(previous === undefined || previous === 'cleared').toBe(true);
          else expect(previous).toBe('raised');
        }
        expect(kinds.filter((k) => k === 'escalated').length).toBeLessThanOrEqual(
          kinds.filter((k) => k === 'raised').length,
        );
      }),
    );
  });
});

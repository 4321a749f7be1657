/**
 * The simulation's "on time" invariant (local/sim/invariants.ts, compareTransitions): a fault inside
 * a transition's dwell window may restart the dwell after the fault, never more; from then on one
 * healthy cycle of waiting for the publish is allowed. The case is the soak's finding: seed 3,
 * 2025-10-05, a 16-cycle mempool freeze ending four cycles before the fault-free raise.
 */
import { describe, expect, it } from 'vitest';
import { compareTransitions } from '../../../local/sim/invariants';
import type { FaultWindow } from '../../../local/sim/faultSchedule';
import type { PublishedRecord } from '../../../local/sim/runSimulation';
import type { SignalEvent } from '../../../shared/domain/signals/eventDocument';

const published = (
  cycle: number,
  transition: 'raised' | 'cleared',
  id = `${transition}-${cycle}`,
): PublishedRecord => ({
  cycle,
  event: {
    id,
    signal: 'projected-negative-adjustment',
    subject: '',
    transition,
    severity: 'critical',
    occurredAt: new Date(Date.UTC(2025, 9, 1) + cycle * 600_000).toISOString(),
  } as SignalEvent,
});
const window = (kind: FaultWindow['kind'], start: number, cycles: number): FaultWindow =>
  ({ kind, start, cycles, aim: 'background' }) as FaultWindow;

// The raise dwell of projected-negative-adjustment (2 hours) in 10-minute cycles; clears 6 hours.
const dwell = (_signal: string, transition: string) => (transition === 'cleared' ? 36 : 12);

function judge(faultedCycle: number, faults: FaultWindow[], freeCycle = 705) {
  const free = { published: [published(freeCycle, 'raised')] };
  const faultedRun = {
    published: [published(faultedCycle, 'raised')],
    acceptedCount: new Map([[`raised-${faultedCycle}`, 1]]),
    faults,
  };
  return compareTransitions(free, faultedRun, dwell);
}

describe('transition timing against the fault-free run', () => {
  const soakFinding = [window('frozen-mempool', 686, 16), window('hang', 706, 1), window('sns-outage', 712, 1)];

  it('a freeze inside the dwell window lets the raise come when its own dwell ends, no later', () => {
    // Pending from 702 (the first fresh cycle) + 12 = 714: due then, published then.
    expect(judge(714, soakFinding)).toEqual({ violations: [], maxAlertDelayCycles: 0, transitionsCompared: 1 });
    // One healthy cycle more is the allowed wait for the publish; two are a violation.
    expect(judge(715, soakFinding).violations).toEqual([]);
    expect(judge(716, soakFinding).violations).toEqual([
      'projected-negative-adjustment#: raised waited 2 healthy cycles (fault-free at cycle 705, due by 714, published at 716)',
    ]);
  });

  it("the soak's second case: a 48-hour dwell whose onset two faulty cycles hid", () => {
    // hash-ribbon-capitulation, seed 7: onset at 792 - 288 = 504, unit-sats at 504-505.
    const free = { published: [published(792, 'raised')] };
    const late = {
      published: [published(794, 'raised')],
      acceptedCount: new Map(),
      faults: [window('unit-sats', 504, 2)],
    };
    expect(compareTransitions(free, late, () => 288)).toMatchObject({ violations: [], maxAlertDelayCycles: 0 });
    const elsewhere = { ...late, faults: [window('unit-sats', 600, 2)] };
    expect(compareTransitions(free, elsewhere, () => 288).maxAlertDelayCycles).toBe(2);
  });

  it('without a fault in the dwell window the raise is due at the fault-free cycle', () => {
    // The same freeze ended before the window opened (693): it excuses nothing.
    const early = [window('frozen-mempool', 660, 16)];
    expect(judge(714, early).maxAlertDelayCycles).toBe(9);
    expect(judge(714, early).violations).toHaveLength(1);
    // Faulty cycles after the decision do not count as waiting (an SNS outage right after it): the
    // publish in the first healthy cycle after the outage waited one.
    expect(judge(709, [window('sns-outage', 706, 3)])).toMatchObject({ violations: [], maxAlertDelayCycles: 1 });
  });

  it('a fault later in the dwell excuses nothing: a bad reading that resets the dwell is a finding', () => {
    // One stale cycle in the middle of the window (699); a reset would raise at 700 + 12 = 712.
    expect(judge(712, [window('stale-responses', 699, 1)]).violations).toEqual([
      'projected-negative-adjustment#: raised waited 7 healthy cycles (fault-free at cycle 705, due by 705, published at 712)',
    ]);
  });

  it('the sequence itself must match, and an event id is accepted once', () => {
    const free = { published: [published(705, 'raised'), published(900, 'cleared')] };
    const missingClear = {
      published: [published(705, 'raised')],
      acceptedCount: new Map([['raised-705', 2]]),
      faults: [],
    };
    expect(compareTransitions(free, missingClear, dwell).violations).toEqual([
      'event raised-705 was published 2 times',
      'projected-negative-adjustment#: fault-free run published [raised/critical, cleared/critical], faulted run [raised/critical]',
    ]);
  });
});

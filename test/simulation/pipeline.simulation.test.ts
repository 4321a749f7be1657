/**
 * Issue #15: the whole pipeline over simulated time with faults at the worst moments (local/sim).
 * The stretch: 2025-12-11, when epoch 460 began (-0.74 %, the third negative adjustment in a row,
 * so the streak escalates right at the retarget), with a dense seeded fault schedule: the cached
 * hashrate endpoint behind the fresh one at the retarget, a fault right after every transition the
 * fault-free run commits, and background faults of every kind. Invariants against the fault-free run.
 */
import { describe, expect, it } from 'vitest';
import { useDynamoLocal } from '../support/dynamoTable';
import { FAULT_KINDS, faultSchedule } from '../../local/sim/faultSchedule';
import { simulate } from '../../local/sim/simulate';

const START = '2025-12-11T00:00:00Z';
/** Simulated hours: the real 10-minute cadence, two runs (fault-free and faulted). */
const HOURS = 12;

describe('pipeline simulation (issue #15)', () => {
  const db = useDynamoLocal();

  it('the same seed gives the same fault schedule; another seed another', () => {
    const args = { cycles: 500, retargets: [100, 300], transitions: [50, 120, 400], backgroundEvery: 20 };
    expect(faultSchedule({ seed: 7, ...args })).toEqual(faultSchedule({ seed: 7, ...args }));
    expect(faultSchedule({ seed: 7, ...args })).not.toEqual(faultSchedule({ seed: 8, ...args }));
    const windows = faultSchedule({ seed: 7, ...args });
    expect(windows.find((w) => w.start === 100)).toMatchObject({ kind: 'cached-skew' });
    expect(windows.some((w) => w.start === 121)).toBe(true);
  });

  it(
    'keeps every invariant through a retarget with faults at the worst moments',
    async () => {
      const verdict = await simulate({
        seed: 15,
        startAt: START,
        days: HOURS / 24,
        dynamoEndpoint: db.endpoint(),
        backgroundEvery: 4,
      });
      // The stretch has what the test is about: a retarget, transitions, faults of several kinds.
      expect(verdict.faults.map((f) => f.kind)).toContain('cached-skew');
      expect(verdict.free.published.length).toBeGreaterThan(0);
      expect(new Set(verdict.faults.map((f) => f.kind)).size).toBeGreaterThanOrEqual(4);
      expect(FAULT_KINDS.length).toBeGreaterThanOrEqual(15);
      expect(verdict.violations).toEqual([]);
      expect(verdict.maxLockoutCycles).toBeLessThanOrEqual(2);
      expect(verdict.maxAlertDelayCycles).toBeLessThanOrEqual(1);
      expect(verdict.transitionsCompared).toBe(verdict.free.published.length);
    },
    10 * 60_000,
  );
});

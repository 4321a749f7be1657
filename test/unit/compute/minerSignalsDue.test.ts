import { describe, expect, it } from 'vitest';
import { minerSignalsDue } from '../../../shared/compute/minerSignalsDue';
import type { SignalState } from '../../../shared/domain/signals/signalState';

const state = (signal: string, evaluatedAt: string | null) =>
  ({ signal, subject: 'X', evaluatedAt }) as unknown as SignalState;

describe('minerSignalsDue', () => {
  it('is due on the first snapshot of a UTC day, not again that day', () => {
    const at = '2026-02-21T00:10:00.000Z';
    expect(minerSignalsDue([], at)).toBe(true);
    expect(minerSignalsDue([state('miner-treasury-liquidation', '2026-02-20T23:50:00.000Z')], at)).toBe(true);
    expect(
      minerSignalsDue([state('miner-treasury-liquidation', '2026-02-21T00:10:00.000Z')], '2026-02-21T00:20:00.000Z'),
    ).toBe(false);
    expect(
      minerSignalsDue([state('miner-selling-pressure', '2026-02-21T00:10:00.000Z')], '2026-02-21T23:50:00.000Z'),
    ).toBe(false);
    // Other signals evaluated today do not count; a state never evaluated does not either.
    expect(
      minerSignalsDue(
        [state('hashprice-floor', '2026-02-21T00:10:00.000Z'), state('miner-selling-pressure', null)],
        at,
      ),
    ).toBe(true);
  });
});

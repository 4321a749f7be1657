/**
 * Signal inputs for the detector and evaluation tests: nothing to judge but what a test gives, so
 * each test names exactly the figures its signal reads.
 */
import type { SignalInput } from '../../shared/domain/signals/signalInput';

/** Decided at 2026-01-05T10:00Z on a 90,000 USD price, no other figure; `over` adds what is judged. */
export function signalInputWith(over: Partial<SignalInput> = {}): SignalInput {
  return {
    decidedAt: '2026-01-05T10:00:00.000Z',
    btcPriceUsd: 90_000,
    difficulty: undefined,
    projectedAdjustment: undefined,
    hashprice: undefined,
    hashRibbon: undefined,
    fleetShareNegativePct: undefined,
    fleets: [],
    ...over,
  };
}

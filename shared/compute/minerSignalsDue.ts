/**
 * The listed-miner signals judge monthly and quarterly reports: the compute gives them the series
 * once a UTC day, on the first snapshot of a day that finds none of their states evaluated that
 * day (the way projected-fleet-loss is projected once a day). Judged at every snapshot, their
 * dozen subjects were a dozen state writes every 10 minutes for figures that change once a month.
 */
import type { SignalState } from '../domain/signals/signalState';

const MINER_SIGNALS: ReadonlySet<string> = new Set(['miner-treasury-liquidation', 'miner-selling-pressure']);

export function minerSignalsDue(states: Iterable<SignalState>, decidedAt: string): boolean {
  const day = decidedAt.slice(0, 10);
  for (const state of states)
    if (MINER_SIGNALS.has(state.signal) && state.evaluatedAt !== null && state.evaluatedAt.slice(0, 10) >= day)
      return false;
  return true;
}

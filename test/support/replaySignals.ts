/**
 * Replays daily history through the signal engine day by day (as the backtest does) and returns
 * the events. Uses only the engine's public API.
 */
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import type { SignalsConfig } from '../../shared/config/computeConfig';
import {
  buildSignalInput,
  dailySignalSources,
  evaluateSignals,
  type DailyExtras,
  stateKey,
  type SignalEvent,
  type SignalState,
} from '../../shared/domain/signals';

export function replaySignals(
  history: readonly DailyNetwork[],
  epochs: readonly DifficultyEpoch[],
  fromDate: string,
  toDate: string,
  config: SignalsConfig,
  /** What the day's history does not hold (the owner's sites, for site-conversion-advantage). */
  extras: DailyExtras = {},
  /** Sees every state after each day's decision (what a reader of the table would see). */
  afterDay?: (decidedAt: string, states: ReadonlyMap<string, SignalState>, events: readonly SignalEvent[]) => void,
): SignalEvent[] {
  const states = new Map<string, SignalState>();
  const events: SignalEvent[] = [];
  for (let i = 0; i < history.length; i += 1) {
    const date = history[i]!.date;
    if (date < fromDate || date > toDate) continue;
    const sources = dailySignalSources(history, epochs, i, extras);
    if (!sources) continue;
    const result = evaluateSignals(buildSignalInput(sources), states, config);
    for (const s of result.states) states.set(stateKey(s.signal, s.subject), s);
    events.push(...result.events);
    afterDay?.(sources.decidedAt, states, result.events);
  }
  return events;
}

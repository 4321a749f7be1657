/**
 * The backtest's snapshot of one day of the bundled history (the figures at the day's close, as
 * the replay sees them, through the snapshot's one constructor): real figures anyone needing a
 * snapshot of a known day can start from. The tests' snapshot builders take from it every figure
 * they do not pin, so a new snapshot field reaches them without an edit.
 */
import type { NetworkSnapshot } from '../../shared/domain/networkSnapshot';
import { dailySnapshot, epochIndex } from './historyTicks';
import { buildReplayDays, type ReplayDay } from './replayDays';
import { bundledHistory } from './runBacktest';

let replayed: { byDate: Map<string, ReplayDay>; epochs: ReturnType<typeof epochIndex> } | undefined;

export function bundledDaySnapshot(date: string): NetworkSnapshot {
  if (!replayed) {
    const history = bundledHistory();
    const days = buildReplayDays(history.daily, history.epochs);
    replayed = { byDate: new Map(days.map((d) => [d.date, d])), epochs: epochIndex(history.epochs) };
  }
  const day = replayed.byDate.get(date);
  const snapshot = day && dailySnapshot(day, replayed.epochs);
  if (!snapshot) throw new Error(`the bundled history has no snapshot for ${date} (a figure is missing that day)`);
  return snapshot;
}

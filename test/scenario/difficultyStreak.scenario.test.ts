import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { parseComputeConfig } from '../../shared/config/computeConfig';
import { replaySignals } from '../support/replaySignals';

// Real epochs (bitcoinj/Electrum checkpoints, bundled): 458 started 2025-11-12 at -2.37%,
// 459 on 2025-11-27 at -1.95%, 460 on 2025-12-11 at -0.74% (the third drop in a row),
// 461 on 2025-12-25 at +0.04%, then 462 (2026-01-08, -1.20%) and 463 (2026-01-22, -3.28%).
describe('difficulty-negative-streak on the epochs of October 2025 to January 2026', () => {
  const history = loadDailyHistory();
  const epochs = loadDifficultyEpochs();
  const streakEvents = (config = parseComputeConfig({})) =>
    replaySignals(history, epochs, '2025-10-01', '2026-01-31', config.signals).filter(
      (e) => e.signal === 'difficulty-negative-streak',
    );

  it('is critical from the third consecutive drop (epoch 460), warned on the second, cleared by the next rise', () => {
    const events = streakEvents();
    expect(
      events.map((e) => [e.occurredAt.slice(0, 10), e.transition, e.severity, e.evidence.values.lastEpoch]),
    ).toEqual([
      ['2025-11-28', 'raised', 'warning', 459],
      ['2025-12-12', 'escalated', 'critical', 460],
      ['2025-12-26', 'cleared', 'critical', 461],
      ['2026-01-23', 'raised', 'warning', 463],
    ]);
    const critical = events[1]!;
    expect(critical.evidence.values.negativeStreak).toBe(3);
    expect(critical.title).toBe('3rd consecutive negative difficulty adjustment (-0.74%)');
    // Cumulative change over the three drops, by independent arithmetic on the epoch table.
    const cumulative = ((1 - 0.02373248) * (1 - 0.01950596) * (1 - 0.00740717) - 1) * 100;
    expect(critical.evidence.values.cumulativeStreakChangePct).toBeCloseTo(cumulative, 4);
    // The whole episode shares the raise's id.
    expect(events[1]!.episode.id).toBe(events[0]!.id);
    expect(events[2]!.episode.id).toBe(events[0]!.id);
  });

  it('raises on the third consecutive drop itself when the owner only wants alerts from 3 drops on', () => {
    const events = streakEvents(
      parseComputeConfig({ signals: { 'difficulty-negative-streak': { warningStreak: 3, criticalStreak: 3 } } }),
    );
    expect(events.map((e) => [e.occurredAt.slice(0, 10), e.transition, e.severity])).toEqual([
      ['2025-12-12', 'raised', 'critical'],
      ['2025-12-26', 'cleared', 'critical'],
    ]);
  });
});

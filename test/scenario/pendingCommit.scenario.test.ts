/**
 * Issue #29, pending signals: what GET /v1/signals and the status view say is building up
 * (pendingCommit) is checked against what the engine then did, over the real daily history
 * 2021-2026 with the default config. Every raise, escalation and clear that waited out a dwell was
 * announced the day before with the change it made, and it committed at the first decision at or
 * after the announced `commitsAt`; and a pending change that stopped holding committed nothing.
 */
import { describe, expect, it } from 'vitest';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { parseComputeConfig } from '../../shared/config/computeConfig';
import { pendingCommit, type PendingCommit } from '../../shared/domain/signals/pendingCommit';
import { replaySignals } from '../support/replaySignals';

describe('pendingCommit says when a change waiting out its dwell commits', () => {
  it('matches every commit the engine made on the 2021-2026 history, and nothing commits that stopped holding', () => {
    const config = parseComputeConfig({}).signals;
    // What a reader saw after each day, per signal and subject.
    const announced = new Map<string, { decidedAt: string; commit: PendingCommit }>();
    let checkedCommits = 0;
    let abandoned = 0;
    replaySignals(
      loadDailyHistory(),
      loadDifficultyEpochs(),
      '2021-01-01',
      '2026-12-31',
      config,
      {},
      (decidedAt, states, events) => {
        for (const event of events) {
          const key = `${event.signal}#${event.subject}`;
          const before = announced.get(key);
          const dwell =
            event.transition === 'cleared'
              ? config[event.signal].clearDwellHours
              : config[event.signal].raiseDwellHours;
          if (dwell === 0) continue; // no dwell: nothing was pending before it
          expect(before, `${key} ${event.transition} on ${decidedAt} was not announced`).toBeDefined();
          const change = { raised: 'raise', escalated: 'escalate', cleared: 'clear' }[event.transition];
          expect(before!.commit.change, key).toBe(change);
          // Committed at the first decision at or after commitsAt: the one before was too early.
          expect(Date.parse(decidedAt)).toBeGreaterThanOrEqual(Date.parse(before!.commit.commitsAt));
          expect(Date.parse(before!.decidedAt)).toBeLessThan(Date.parse(before!.commit.commitsAt));
          checkedCommits += 1;
        }
        const seen = new Set<string>();
        for (const [key, state] of states) {
          const commit = pendingCommit(state, config[state.signal]);
          if (!commit) continue;
          seen.add(key);
          expect(commit.commitsAt).toBe(
            new Date(Date.parse(commit.since) + commit.dwellHours * 3_600_000).toISOString(),
          );
          announced.set(key, { decidedAt, commit });
        }
        for (const key of [...announced.keys()])
          if (!seen.has(key)) {
            // Committed today (checked above) or stopped holding: a reader no longer sees it.
            if (!events.some((e) => `${e.signal}#${e.subject}` === key)) abandoned += 1;
            announced.delete(key);
          }
      },
    );
    // The history holds dozens of dwelled changes, and some conditions that did not last.
    expect(checkedCommits).toBeGreaterThan(20);
    expect(abandoned).toBeGreaterThan(0);
  });
});

/**
 * difficulty-negative-streak: N consecutive negative difficulty adjustments (warning at 2,
 * critical at 3 by default). Hashrate leaving for several epochs in a row is the clearest sign
 * of capitulation: miners switching machines off because they lose money. Clears at the first
 * adjustment that is not negative. Adjustments are discrete, so no dwell by default.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { ordinal, signedPct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

export const difficultyNegativeStreakDetector = defineSignal({
  id: 'difficulty-negative-streak',
  color: '#1f77b4',
  watches: ['difficulty'],
  config: z
    .strictObject({
      ...timingConfig(0, 0),
      /** Consecutive negative adjustments that raise a warning. */
      warningStreak: z._default(z.int().check(z.minimum(1), z.maximum(20)), 2),
      /** Consecutive negative adjustments that make it critical. */
      criticalStreak: z._default(z.int().check(z.minimum(1), z.maximum(20)), 3),
    })
    .check(
      z.refine((c) => c.criticalStreak >= c.warningStreak, {
        message: 'criticalStreak must be >= warningStreak',
        path: ['criticalStreak'],
      }),
    ),
  evidence: {
    values: {
      negativeStreak: e.number,
      previousNegativeStreak: e.number,
      lastChangePct: e.number,
      streakChangesPct: e.text,
      cumulativeStreakChangePct: e.number,
      lastEpoch: e.number,
      lastAdjustmentAt: e.text,
    },
    thresholds: { warningStreak: e.number, criticalStreak: e.number },
  },
  figureNames: {
    negativeStreak: 'Consecutive negative adjustments',
    previousNegativeStreak: 'Consecutive negative adjustments before this one',
    lastChangePct: 'Latest adjustment',
    streakChangesPct: 'Adjustments in the streak',
    cumulativeStreakChangePct: 'Cumulative change over the streak',
    lastEpoch: 'Latest epoch',
    lastAdjustmentAt: 'Latest adjustment started',
    warningStreak: 'Warning at (consecutive drops)',
    criticalStreak: 'Critical at (consecutive drops)',
  },
  docs: (c) => ({
    raises: 'N consecutive negative difficulty adjustments',
    severity: `warning at ${c.warningStreak}, critical at ${c.criticalStreak}`,
    clears: 'the next adjustment that is not negative',
    dwellNote: 'adjustments are discrete',
  }),
  observe(input, config) {
    const d = input.difficulty;
    if (d === undefined) return [];
    const n = d.negativeStreak;
    return [
      {
        subject: '',
        entered: n >= config.criticalStreak ? 'critical' : n >= config.warningStreak ? 'warning' : undefined,
        recovered: n === 0,
        evidence: {
          values: {
            negativeStreak: n,
            previousNegativeStreak: d.previousNegativeStreak,
            lastChangePct: d.lastChangePct,
            streakChangesPct: d.streakChangesPct.map((c) => c.toFixed(2)).join(','),
            cumulativeStreakChangePct: (d.streakChangesPct.reduce((acc, c) => acc * (1 + c / 100), 1) - 1) * 100,
            lastEpoch: d.lastEpoch,
            lastAdjustmentAt: d.lastAdjustmentAt,
          },
          thresholds: { warningStreak: config.warningStreak, criticalStreak: config.criticalStreak },
        },
      },
    ];
  },
  describe({ transition, evidence }) {
    const v = evidence.values;
    const n = evidenceNumber(v.negativeStreak);
    const last = evidenceNumber(v.lastChangePct);
    if (transition === 'cleared') {
      const ended = evidenceNumber(v.previousNegativeStreak);
      return {
        title: `Difficulty up again (${signedPct(last)}) after ${ended} negative adjustments`,
        summary:
          'The streak of falling difficulty has ended: hashrate is coming back, so each machine earns a little less per day than during the streak.',
        details: [`Latest adjustment: ${signedPct(last)} (epoch ${v.lastEpoch}, ${v.lastAdjustmentAt})`],
      };
    }
    return {
      title: `${ordinal(n)} consecutive negative difficulty adjustment (${signedPct(last)})`,
      summary:
        `Difficulty has fallen ${n} times in a row: hashrate is leaving the network as miners switch off machines that no longer pay. ` +
        'Each drop raises what the remaining machines earn per TH/s.',
      details: [
        `Adjustments in the streak: ${String(v.streakChangesPct)
          .split(',')
          .map((c) => signedPct(Number(c)))
          .join(', ')}`,
        `Cumulative change over the streak: ${signedPct(evidenceNumber(v.cumulativeStreakChangePct))}`,
        `Latest: epoch ${v.lastEpoch}, started ${v.lastAdjustmentAt}`,
        `Thresholds: warning at ${evidence.thresholds.warningStreak}, critical at ${evidence.thresholds.criticalStreak} consecutive drops`,
      ],
    };
  },
});

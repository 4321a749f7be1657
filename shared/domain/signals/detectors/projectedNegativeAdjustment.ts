/**
 * projected-negative-adjustment: the running epoch's estimated difficulty change (mempool's
 * estimate, from the blocks found so far) is below a threshold. Early in an epoch the estimate
 * rests on a handful of blocks and swings wildly, so it raises only past a minimum progress.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { signedPct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

const pct = z.number().check(z.minimum(-100), z.maximum(1000));

export const projectedNegativeAdjustmentDetector = defineSignal({
  id: 'projected-negative-adjustment',
  color: '#17becf',
  watches: ['difficulty'],
  config: z
    .strictObject({
      ...timingConfig(2, 6),
      /** The running epoch's estimated change below this raises a warning (percent, negative). */
      warningBelowPct: z._default(pct, -3),
      criticalBelowPct: z._default(pct, -6),
      /** It clears once the estimate is back above this (the hysteresis band). */
      clearAbovePct: z._default(pct, -1.5),
      /** Early in an epoch the estimate rests on a few blocks: no raise before this progress. */
      minEpochProgressPct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 25),
    })
    .check(
      z.refine((c) => c.criticalBelowPct <= c.warningBelowPct, {
        message: 'criticalBelowPct must be <= warningBelowPct',
        path: ['criticalBelowPct'],
      }),
    )
    .check(
      z.refine((c) => c.clearAbovePct >= c.warningBelowPct, {
        message: 'clearAbovePct must be >= warningBelowPct',
        path: ['clearAbovePct'],
      }),
    ),
  evidence: {
    values: {
      estimatedChangePct: e.number,
      epoch: e.number,
      epochProgressPct: e.number,
      estimatedRetargetAt: e.textOrNull,
    },
    thresholds: {
      warningBelowPct: e.number,
      criticalBelowPct: e.number,
      clearAbovePct: e.number,
      minEpochProgressPct: e.number,
    },
  },
  figureNames: {
    estimatedChangePct: 'Estimated change',
    epochProgressPct: 'Epoch progress',
    estimatedRetargetAt: 'Retarget expected',
    warningBelowPct: 'Warning below',
    criticalBelowPct: 'Critical below',
    clearAbovePct: 'Clears above',
    minEpochProgressPct: 'Judged from epoch progress',
  },
  docs: (c) => ({
    raises: `the running epoch's estimated change is below ${c.warningBelowPct}% (only past ${c.minEpochProgressPct}% of the epoch)`,
    severity: `critical below ${c.criticalBelowPct}%`,
    clears: `the estimate is back above ${c.clearAbovePct}%`,
  }),
  observe(input, config) {
    const p = input.projectedAdjustment;
    if (p === undefined) return [];
    const mature = p.progressPct >= config.minEpochProgressPct;
    const est = p.estimatedChangePct;
    return [
      {
        subject: '',
        entered: !mature
          ? undefined
          : est < config.criticalBelowPct
            ? 'critical'
            : est < config.warningBelowPct
              ? 'warning'
              : undefined,
        recovered: est >= config.clearAbovePct,
        evidence: {
          values: {
            estimatedChangePct: est,
            epoch: p.epoch,
            epochProgressPct: p.progressPct,
            estimatedRetargetAt: p.estimatedRetargetAt ?? null,
          },
          thresholds: {
            warningBelowPct: config.warningBelowPct,
            criticalBelowPct: config.criticalBelowPct,
            clearAbovePct: config.clearAbovePct,
            minEpochProgressPct: config.minEpochProgressPct,
          },
        },
      },
    ];
  },
  describe({ transition, evidence }) {
    const v = evidence.values;
    const est = evidenceNumber(v.estimatedChangePct);
    const retarget = v.estimatedRetargetAt ? `, retarget expected ${v.estimatedRetargetAt}` : '';
    if (transition === 'cleared') {
      return {
        title: `Next difficulty adjustment no longer projected negative (${signedPct(est)})`,
        summary:
          'Blocks are coming at close to the 10-minute target again: hashrate is no longer shrinking this epoch.',
        details: [
          `Estimate: ${signedPct(est)} for epoch ${v.epoch} at ${evidenceNumber(v.epochProgressPct).toFixed(1)}% progress${retarget}`,
        ],
      };
    }
    return {
      title: `Next difficulty adjustment projected at ${signedPct(est)}`,
      summary:
        'Blocks are coming slower than every 10 minutes, so hashrate has left since the last retarget. ' +
        'A negative adjustment raises revenue per TH/s for the miners who stay on.',
      details: [
        `Estimate: ${signedPct(est)} for epoch ${v.epoch}, ${evidenceNumber(v.epochProgressPct).toFixed(1)}% through${retarget}`,
        `Thresholds: warning below ${signedPct(evidenceNumber(evidence.thresholds.warningBelowPct))}, critical below ${signedPct(evidenceNumber(evidence.thresholds.criticalBelowPct))}, clears above ${signedPct(evidenceNumber(evidence.thresholds.clearAbovePct))}`,
      ],
    };
  },
});

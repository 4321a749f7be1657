/**
 * projected-negative-adjustment: the running epoch's estimated difficulty change (mempool's
 * estimate, from the blocks found so far) is below a threshold. Early in an epoch the estimate
 * rests on a handful of blocks and swings wildly, so it raises only past a minimum progress.
 */
import { networkWideDetector, type SignalDetector } from '../detector';
import { signedPct } from '../format';
import { evidenceNumber } from '../evidence';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['projected-negative-adjustment'];

export const projectedNegativeAdjustmentDetector: SignalDetector<Config> = networkWideDetector({
  signal: 'projected-negative-adjustment',
  figure: (input) => input.projectedAdjustment,
  observe(p, config: Config) {
    const mature = p.progressPct >= config.minEpochProgressPct;
    const est = p.estimatedChangePct;
    return {
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
    };
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

/**
 * hash-ribbon-capitulation: the 30-day SMA of daily hashrate below its 60-day SMA (Hash Ribbons,
 * Capriole). The raw crossing flaps within days on real history (2022-07-04 flipped back for one
 * day), so it raises only once the 30d is a band under the 60d for the raise dwell, and clears
 * only once it is a band above for the clear dwell (defaults -0.5%/+0.5%, 2 and 7 days: one alert
 * per episode on 2016-2026 history). Very deep capitulations are critical.
 */
import { networkWideDetector, type SignalDetector } from '../detector';
import { ehs, signedPct } from '../format';
import { evidenceNumber } from '../evidence';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['hash-ribbon-capitulation'];

export const hashRibbonCapitulationDetector: SignalDetector<Config> = networkWideDetector({
  signal: 'hash-ribbon-capitulation',
  figure: (input) => input.hashRibbon,
  observe(r, config: Config) {
    const spreadPct = (r.sma30Hps / r.sma60Hps - 1) * 100;
    return {
      entered:
        spreadPct <= config.criticalBelowPct ? 'critical' : spreadPct < config.enterBelowPct ? 'warning' : undefined,
      recovered: spreadPct > config.clearAbovePct,
      evidence: {
        values: { sma30Hps: r.sma30Hps, sma60Hps: r.sma60Hps, spreadPct, lastDay: r.date },
        thresholds: {
          enterBelowPct: config.enterBelowPct,
          clearAbovePct: config.clearAbovePct,
          criticalBelowPct: config.criticalBelowPct,
          raiseDwellHours: config.raiseDwellHours,
          clearDwellHours: config.clearDwellHours,
        },
      },
    };
  },
  describe({ transition, evidence }) {
    const v = evidence.values;
    const spread = evidenceNumber(v.spreadPct);
    const details = [
      `30-day mean hashrate: ${ehs(evidenceNumber(v.sma30Hps))}; 60-day: ${ehs(evidenceNumber(v.sma60Hps))} (30d vs 60d: ${signedPct(spread)}), through ${v.lastDay}`,
      `Raises below ${signedPct(evidenceNumber(evidence.thresholds.enterBelowPct))}, clears above ${signedPct(evidenceNumber(evidence.thresholds.clearAbovePct))}, critical at ${signedPct(evidenceNumber(evidence.thresholds.criticalBelowPct))}`,
    ];
    if (transition === 'cleared') {
      return {
        title: `Hash ribbon recovery: 30d hashrate back above 60d (${signedPct(spread)})`,
        summary:
          'Hashrate is growing again: the capitulation is over. Historically this recovery has marked the end of miner selling pressure.',
        details,
      };
    }
    return {
      title: `Hash ribbon capitulation: 30d hashrate ${signedPct(spread)} vs 60d`,
      summary:
        'The month-average hashrate has fallen under the two-month average: miners are switching machines off because they lose money, ' +
        'and many sell BTC to cover costs.',
      details,
    };
  },
});

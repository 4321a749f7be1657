/**
 * hash-ribbon-capitulation: the 30-day SMA of daily hashrate below its 60-day SMA (Hash Ribbons,
 * Capriole). The raw crossing flaps within days on real history (2022-07-04 flipped back for one
 * day), so it raises only once the 30d is a band under the 60d for the raise dwell, and clears
 * only once it is a band above for the clear dwell (defaults -0.5%/+0.5%, 2 and 7 days: one alert
 * per episode on 2016-2026 history). Very deep capitulations are critical.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { ehs, signedPct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

export const hashRibbonCapitulationDetector = defineSignal({
  id: 'hash-ribbon-capitulation',
  color: '#d62728',
  // Hashprice too: the squeeze that drives the capitulation, read beside the hashrate it takes out.
  watches: ['hashrate', 'hashprice'],
  config: z
    .strictObject({
      ...timingConfig(48, 168),
      /** Raise when the 30d SMA is this far below the 60d SMA (percent, <= 0). */
      enterBelowPct: z._default(z.number().check(z.maximum(0), z.minimum(-50)), -0.5),
      /** Clear when the 30d SMA is this far above the 60d SMA (percent, >= 0). */
      clearAbovePct: z._default(z.number().check(z.minimum(0), z.maximum(50)), 0.5),
      /** A capitulation this deep is critical (percent, negative). */
      criticalBelowPct: z._default(z.number().check(z.maximum(0), z.minimum(-90)), -5),
    })
    .check(
      z.refine((c) => c.criticalBelowPct <= c.enterBelowPct, {
        message: 'criticalBelowPct must be <= enterBelowPct',
        path: ['criticalBelowPct'],
      }),
    ),
  evidence: {
    values: { sma30Hps: e.number, sma60Hps: e.number, spreadPct: e.number, lastDay: e.text },
    thresholds: {
      enterBelowPct: e.number,
      clearAbovePct: e.number,
      criticalBelowPct: e.number,
      raiseDwellHours: e.number,
      clearDwellHours: e.number,
    },
  },
  figureNames: {
    sma30Hps: '30-day mean hashrate',
    sma60Hps: '60-day mean hashrate',
    spreadPct: '30d vs 60d',
    lastDay: 'Through',
    enterBelowPct: 'Raises below',
    clearAbovePct: 'Clears above',
    criticalBelowPct: 'Critical at',
  },
  docs: (c) => ({
    raises: `30-day SMA of hashrate more than ${-c.enterBelowPct}% under the 60-day SMA`,
    severity: `critical at ${-c.criticalBelowPct}% under`,
    clears: `30-day SMA more than ${c.clearAbovePct}% above the 60-day`,
  }),
  observe(input, config) {
    const r = input.hashRibbon;
    if (r === undefined) return [];
    const spreadPct = (r.sma30Hps / r.sma60Hps - 1) * 100;
    return [
      {
        subject: '',
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
      },
    ];
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

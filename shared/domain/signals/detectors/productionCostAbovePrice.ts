/**
 * production-cost-above-price: a fleet's all-in cost to produce one BTC (power, hosting,
 * depreciation, overheads) exceeds the BTC price: buying would be cheaper than mining. Critical
 * once it exceeds price by a margin (default 20%). One subject per fleet.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

export const productionCostAbovePriceDetector = defineSignal({
  id: 'production-cost-above-price',
  color: '#9467bd',
  watches: ['btc-price'],
  config: z.strictObject({
    ...timingConfig(12, 48),
    /** All-in cost per BTC this many percent above price is critical. */
    criticalAbovePricePct: z._default(z.number().check(z.positive(), z.maximum(1000)), 20),
    /** It clears once all-in cost per BTC is this many percent under price. */
    hysteresisPct: z._default(z.number().check(z.nonnegative(), z.maximum(50)), 5),
  }),
  evidence: {
    values: {
      fleet: e.text,
      allInCostUsdPerBtc: e.number,
      cashCostUsdPerBtc: e.numberOrNull,
      btcPriceUsd: e.number,
      costOverPricePct: e.number,
    },
    thresholds: { criticalAbovePricePct: e.number, hysteresisPct: e.number },
  },
  figureNames: {
    allInCostUsdPerBtc: 'All-in cost per BTC',
    cashCostUsdPerBtc: 'Cash cost per BTC (power + hosting)',
    costOverPricePct: 'Cost over price',
    criticalAbovePricePct: 'Critical at over price',
    hysteresisPct: 'Clears under price by',
  },
  docs: (c) => ({
    subjects: 'one per fleet',
    raises: "a fleet's all-in cost per BTC (power, hosting, depreciation, overheads) exceeds the BTC price",
    severity: `critical at ${c.criticalAbovePricePct}% over`,
    clears: `all-in cost ${c.hysteresisPct}% under price`,
  }),
  observe(input, config) {
    return input.fleets
      .filter((f) => Number.isFinite(f.allInCostUsdPerBtc))
      .map((f) => {
        const overPricePct = (f.allInCostUsdPerBtc / input.btcPriceUsd - 1) * 100;
        return {
          subject: f.name,
          entered: overPricePct >= config.criticalAbovePricePct ? 'critical' : overPricePct > 0 ? 'warning' : undefined,
          recovered: f.allInCostUsdPerBtc <= input.btcPriceUsd * (1 - config.hysteresisPct / 100),
          evidence: {
            values: {
              fleet: f.name,
              allInCostUsdPerBtc: f.allInCostUsdPerBtc,
              cashCostUsdPerBtc: Number.isFinite(f.cashCostUsdPerBtc) ? f.cashCostUsdPerBtc : null,
              btcPriceUsd: input.btcPriceUsd,
              costOverPricePct: overPricePct,
            },
            thresholds: { criticalAbovePricePct: config.criticalAbovePricePct, hysteresisPct: config.hysteresisPct },
          },
        };
      });
  },
  describe({ subject, transition, evidence, money }) {
    const v = evidence.values;
    const details = [
      `All-in cost per BTC: ${money.amount(evidenceNumber(v.allInCostUsdPerBtc))} vs price ${money.amount(evidenceNumber(v.btcPriceUsd))} (${pct(evidenceNumber(v.costOverPricePct))} over)`,
      ...(v.cashCostUsdPerBtc !== null
        ? [`Cash cost per BTC (power + hosting): ${money.amount(evidenceNumber(v.cashCostUsdPerBtc))}`]
        : []),
    ];
    if (transition === 'cleared') {
      return {
        title: `Fleet ${subject} produces BTC below price again (${money.amount(evidenceNumber(v.allInCostUsdPerBtc))}/BTC)`,
        summary: 'Mining is cheaper than buying again once hardware and overheads are counted.',
        details,
      };
    }
    return {
      title: `Fleet ${subject}: all-in cost ${money.amount(evidenceNumber(v.allInCostUsdPerBtc))}/BTC above price ${money.amount(evidenceNumber(v.btcPriceUsd))}`,
      summary:
        'Counting hardware depreciation and overheads, each BTC this fleet mines costs more than buying one: the fleet destroys value ' +
        'even where it still covers its power bill.',
      details,
    };
  },
});

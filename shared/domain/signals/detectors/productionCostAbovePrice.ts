/**
 * production-cost-above-price: a fleet's all-in cost to produce one BTC (power, hosting,
 * depreciation, overheads) exceeds the BTC price: buying would be cheaper than mining. Critical
 * once it exceeds price by a margin (default 20%). One subject per fleet.
 */
import type { SignalDetector } from '../detector';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['production-cost-above-price'];

export const productionCostAbovePriceDetector: SignalDetector<Config> = {
  signal: 'production-cost-above-price',
  observe(input, config) {
    return input.fleets
      .filter((f) => Number.isFinite(f.allInCostUsdPerBtc))
      .map((f) => {
        const overPricePct = (f.allInCostUsdPerBtc / input.btcPriceUsd - 1) * 100;
        return {
          signal: 'production-cost-above-price' as const,
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
};

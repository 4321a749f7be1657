/**
 * fleet-share-negative: the share of global hashrate that is cash-flow negative at today's
 * hashprice (machine generations x power price distribution, see the profitability snapshot)
 * reaches 15% (warning) or 20% (critical). Clears once it is a band under the warning level.
 */
import { networkWideDetector, type SignalDetector } from '../detector';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['fleet-share-negative'];

export const fleetShareNegativeDetector: SignalDetector<Config> = networkWideDetector({
  signal: 'fleet-share-negative',
  figure: (input) => input.fleetShareNegativePct,
  observe(share, config: Config, input) {
    return {
      entered: share >= config.criticalPct ? 'critical' : share >= config.warningPct ? 'warning' : undefined,
      recovered: share < config.warningPct - config.hysteresisPctPoints,
      evidence: {
        values: {
          fleetShareNegativePct: share,
          hashpriceUsdPerPhDay: input.hashprice?.usdPerPhDay ?? null,
          btcPriceUsd: input.btcPriceUsd,
        },
        thresholds: {
          warningPct: config.warningPct,
          criticalPct: config.criticalPct,
          hysteresisPctPoints: config.hysteresisPctPoints,
        },
      },
    };
  },
  describe({ transition, evidence, money }) {
    const v = evidence.values;
    const share = evidenceNumber(v.fleetShareNegativePct);
    const details = [
      `Share of global hashrate cash-flow negative: ${pct(share)}`,
      ...(v.hashpriceUsdPerPhDay !== null
        ? [
            `Hashprice: ${money.hashprice(evidenceNumber(v.hashpriceUsdPerPhDay))} at BTC ${money.amount(evidenceNumber(v.btcPriceUsd))}`,
          ]
        : []),
      `Thresholds: warning at ${pct(evidenceNumber(evidence.thresholds.warningPct), 0)}, critical at ${pct(evidenceNumber(evidence.thresholds.criticalPct), 0)}`,
    ];
    if (transition === 'cleared') {
      return {
        title: `Only ${pct(share)} of global hashrate is now losing money`,
        summary: 'Fewer machines run at a loss than your threshold: the pressure to switch off has eased.',
        details,
      };
    }
    return {
      title: `${pct(share)} of the global fleet is now cash-flow negative`,
      summary:
        'That much of the network earns less than its power bill at the current hashprice. Those machines are likely to switch off, ' +
        'which would lower difficulty for everyone else.',
      details,
    };
  },
});

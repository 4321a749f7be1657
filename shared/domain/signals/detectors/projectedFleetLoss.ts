/**
 * projected-fleet-loss: the closed-loop projection (docs/projection.md), run once a UTC day with
 * Monte Carlo prices, gives a probability that one of the owner's fleets is cash-flow negative
 * (hashprice under its cash break-even) on some day of the configured horizon; at the warning
 * probability it warns, at the critical one it is critical. One subject per fleet; judged only on
 * the evaluation that carries the day's projection, so the dwell counts days.
 */
import type { SignalDetector } from '../detector';
import { evidenceNumber } from '../evidence';
import { pct } from '../format';
import type { SignalsConfig } from '../signalsConfig';

type Config = SignalsConfig['projected-fleet-loss'];

export const projectedFleetLossDetector: SignalDetector<Config> = {
  signal: 'projected-fleet-loss',
  judges: (input) => input.fleetLossOutlooks !== undefined,
  observe(input, config) {
    return (input.fleetLossOutlooks ?? []).map((o) => ({
      signal: 'projected-fleet-loss' as const,
      subject: o.name,
      entered:
        o.probabilityPct >= config.criticalProbabilityPct
          ? 'critical'
          : o.probabilityPct >= config.warningProbabilityPct
            ? 'warning'
            : undefined,
      recovered: o.probabilityPct < config.warningProbabilityPct - config.hysteresisPctPoints,
      evidence: {
        values: {
          fleet: o.name,
          probabilityPct: o.probabilityPct,
          horizonDays: o.horizonDays,
          paths: o.paths,
          breakEvenHashpriceUsdPerPhDay: o.breakEvenHashpriceUsdPerPhDay,
          hashpriceAtHorizonP10UsdPerPhDay: o.hashpriceAtHorizonUsdPerPhDay.p10,
          hashpriceAtHorizonP50UsdPerPhDay: o.hashpriceAtHorizonUsdPerPhDay.p50,
          hashpriceAtHorizonP90UsdPerPhDay: o.hashpriceAtHorizonUsdPerPhDay.p90,
          likelyFromMonth: o.likelyFromMonth,
          hashpriceUsdPerPhDay: input.hashprice?.usdPerPhDay ?? null,
          btcPriceUsd: input.btcPriceUsd,
        },
        thresholds: {
          warningProbabilityPct: config.warningProbabilityPct,
          criticalProbabilityPct: config.criticalProbabilityPct,
          hysteresisPctPoints: config.hysteresisPctPoints,
          annualVolatilityPct: config.annualVolatilityPct,
        },
      },
    }));
  },
  describe({ subject, severity, transition, evidence, money }) {
    const v = evidence.values;
    const days = evidenceNumber(v.horizonDays);
    const probability = pct(evidenceNumber(v.probabilityPct));
    const breakEven = money.hashprice(evidenceNumber(v.breakEvenHashpriceUsdPerPhDay));
    const details = [
      `Probability of a cash-negative day within ${days} days: ${probability} of ${evidenceNumber(v.paths)} projected price paths`,
      `Fleet cash break-even ${breakEven}; hashprice now ${v.hashpriceUsdPerPhDay === null ? 'n/a' : money.hashprice(evidenceNumber(v.hashpriceUsdPerPhDay))} at BTC ${money.amount(evidenceNumber(v.btcPriceUsd))}`,
      `Projected hashprice in ${days} days: p10 ${money.hashprice(evidenceNumber(v.hashpriceAtHorizonP10UsdPerPhDay))}, p50 ${money.hashprice(evidenceNumber(v.hashpriceAtHorizonP50UsdPerPhDay))}, p90 ${money.hashprice(evidenceNumber(v.hashpriceAtHorizonP90UsdPerPhDay))} (the fleet answers the price; docs/projection.md)`,
      ...(v.likelyFromMonth !== null
        ? [`More likely than not to lose cash from month ${evidenceNumber(v.likelyFromMonth) + 1} of the horizon`]
        : []),
    ];
    if (transition === 'cleared')
      return {
        title: `Fleet ${subject}: projected loss risk down to ${probability} within ${days} days`,
        summary: 'The daily projection no longer puts a cash-negative day within the horizon as likely.',
        details,
      };
    return {
      title: `Fleet ${subject}: ${probability} chance of losing cash within ${days} days`,
      summary:
        severity === 'critical'
          ? 'In most projected futures the hashprice falls under this fleet’s cash break-even within the horizon, even with the network’s own machines switching off: plan curtailment, hedges or power terms now.'
          : 'The projection (price paths, the network’s fleet answering the hashprice, retargets, the halving) puts a cash-negative day for this fleet within the horizon as likely.',
      details,
    };
  },
};

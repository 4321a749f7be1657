/**
 * projected-fleet-loss: the closed-loop projection (docs/projection.md), run once a UTC day with
 * Monte Carlo prices, gives a probability that one of the owner's fleets is cash-flow negative
 * (hashprice under its cash break-even) on some day of the configured horizon; at the warning
 * probability it warns, at the critical one it is critical. One subject per fleet; judged only on
 * the evaluation that carries the day's projection, so the dwell counts days.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { evidenceNumber } from '../evidence';
import { pct } from '../format';
import { timingConfig } from '../signalTiming';

/** Paths x days of the daily projection, at most (1,000 x 730: about 0.2 s and 1 MB, bench/compute.bench.ts). */
export const MAX_FLEET_LOSS_PATH_DAYS = 1_000 * 730;

export const projectedFleetLossDetector = defineSignal({
  id: 'projected-fleet-loss',
  color: '#bcbd22',
  watches: ['fleet-economics'],
  config: z
    .strictObject({
      // Evaluated once a day: a 24-hour raise dwell is two daily evaluations in a row.
      ...timingConfig(24, 48),
      /** Days ahead the projection looks for a cash-negative day. */
      horizonDays: z._default(z.int().check(z.minimum(7), z.maximum(730)), 180),
      /** Probability (percent) that the fleet is cash-flow negative on some day of the horizon: warning... */
      warningProbabilityPct: z._default(z.number().check(z.minimum(1), z.maximum(100)), 50),
      /** ...and critical. */
      criticalProbabilityPct: z._default(z.number().check(z.minimum(1), z.maximum(100)), 80),
      /** It clears once the probability is this many points under warningProbabilityPct. */
      hysteresisPctPoints: z._default(z.number().check(z.nonnegative(), z.maximum(50)), 10),
      /** Monte Carlo price paths (lognormal, seeded): enough for a probability to about 1.5 points. */
      paths: z._default(z.int().check(z.minimum(100), z.maximum(1_000)), 1_000),
      annualVolatilityPct: z._default(z.number().check(z.minimum(1), z.maximum(300)), 60),
      seed: z._default(z.int().check(z.minimum(0), z.maximum(4_294_967_295)), 1),
    })
    .check(
      z.refine((c) => c.criticalProbabilityPct >= c.warningProbabilityPct, {
        message: 'criticalProbabilityPct must be >= warningProbabilityPct',
        path: ['criticalProbabilityPct'],
      }),
    )
    .check(
      z.refine((c) => c.paths * c.horizonDays <= MAX_FLEET_LOSS_PATH_DAYS, {
        message: `paths x horizonDays must be at most ${MAX_FLEET_LOSS_PATH_DAYS} (the compute's time and memory)`,
        path: ['paths'],
      }),
    ),
  evidence: {
    values: {
      fleet: e.text,
      probabilityPct: e.number,
      horizonDays: e.number,
      paths: e.number,
      breakEvenHashpriceUsdPerPhDay: e.number,
      hashpriceAtHorizonP10UsdPerPhDay: e.number,
      hashpriceAtHorizonP50UsdPerPhDay: e.number,
      hashpriceAtHorizonP90UsdPerPhDay: e.number,
      likelyFromMonth: e.numberOrNull,
      hashpriceUsdPerPhDay: e.numberOrNull,
      btcPriceUsd: e.number,
    },
    thresholds: {
      warningProbabilityPct: e.number,
      criticalProbabilityPct: e.number,
      hysteresisPctPoints: e.number,
      annualVolatilityPct: e.number,
    },
  },
  figureNames: {
    probabilityPct: 'Probability of a cash-negative day',
    horizonDays: 'Horizon',
    paths: 'Projected price paths',
    breakEvenHashpriceUsdPerPhDay: 'Fleet cash break-even',
    hashpriceAtHorizonP10UsdPerPhDay: 'Projected hashprice at the horizon, p10',
    hashpriceAtHorizonP50UsdPerPhDay: 'Projected hashprice at the horizon, p50',
    hashpriceAtHorizonP90UsdPerPhDay: 'Projected hashprice at the horizon, p90',
    likelyFromMonth: 'More likely than not from month index',
    hashpriceUsdPerPhDay: 'Hashprice now',
  },
  docs: (c) => ({
    subjects: 'one per fleet',
    raises: `once a UTC day, the closed-loop projection ([projection.md](projection.md): the network's fleet answers the hashprice, retargets, the halving) with ${c.paths.toLocaleString('en-US')} seeded lognormal price paths (${c.annualVolatilityPct}% annual volatility) puts the probability that the fleet has a cash-negative day (hashprice under its power + hosting break-even) within ${c.horizonDays} days at ${c.warningProbabilityPct}% or more`,
    severity: `critical at ${c.criticalProbabilityPct}%`,
    clears: `the probability back under ${c.warningProbabilityPct - c.hysteresisPctPoints}% (${c.hysteresisPctPoints}-point band)`,
    dwellNote: 'two daily evaluations / three',
  }),
  judges: (input) => input.fleetLossOutlooks !== undefined,
  judgedDaily: true,
  observe(input, config) {
    return (input.fleetLossOutlooks ?? []).map((o) => ({
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
});

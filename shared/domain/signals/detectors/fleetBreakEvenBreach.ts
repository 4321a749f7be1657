/**
 * fleet-break-even-breach: one of the owner's fleets earns less than it costs to run (power plus
 * hosting: warning), or less than its power alone (critical: switching off would lose less).
 * One subject per fleet. Clears once the fleet's margin is back above a small band.
 */
import * as z from '../../../schema/z';
import { defineSignal, evidenceOf as e } from '../defineSignal';
import { pct } from '../format';
import { evidenceNumber } from '../evidence';
import { timingConfig } from '../signalTiming';

export const fleetBreakEvenBreachDetector = defineSignal({
  id: 'fleet-break-even-breach',
  color: '#8c564b',
  watches: ['fleet-economics'],
  config: z.strictObject({
    ...timingConfig(6, 48),
    /** It clears once the fleet's margin is back above this (percent of revenue). */
    clearAboveMarginPct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 5),
  }),
  evidence: {
    values: {
      fleet: e.text,
      revenueUsdPerDay: e.number,
      powerCostUsdPerDay: e.number,
      hostingOpexUsdPerDay: e.number,
      profitUsdPerDay: e.number,
      marginPct: e.number,
      powerPriceUsdPerKwh: e.number,
      breakEvenPowerPriceUsdPerKwh: e.number,
      hashpriceUsdPerPhDay: e.numberOrNull,
      btcPriceUsd: e.number,
    },
    thresholds: { clearAboveMarginPct: e.number },
  },
  figureNames: {
    revenueUsdPerDay: 'Revenue',
    powerCostUsdPerDay: 'Power',
    hostingOpexUsdPerDay: 'Hosting',
    profitUsdPerDay: 'Profit',
    marginPct: 'Margin',
    powerPriceUsdPerKwh: 'Your power price',
    breakEvenPowerPriceUsdPerKwh: 'Break-even power price',
    hashpriceUsdPerPhDay: 'Hashprice',
    clearAboveMarginPct: 'Clears above margin',
  },
  docs: (c) => ({
    subjects: 'one per fleet',
    raises: "a fleet's revenue no longer covers power + hosting",
    severity: 'critical when it no longer covers power alone',
    clears: `margin back above ${c.clearAboveMarginPct}%`,
  }),
  observe(input, config) {
    return input.fleets.map((f) => {
      const marginPct = f.revenueUsdPerDay > 0 ? (f.profitUsdPerDay / f.revenueUsdPerDay) * 100 : -100;
      return {
        subject: f.name,
        entered: f.revenueUsdPerDay < f.powerCostUsdPerDay ? 'critical' : f.profitUsdPerDay < 0 ? 'warning' : undefined,
        recovered: marginPct > config.clearAboveMarginPct,
        evidence: {
          values: {
            fleet: f.name,
            revenueUsdPerDay: f.revenueUsdPerDay,
            powerCostUsdPerDay: f.powerCostUsdPerDay,
            hostingOpexUsdPerDay: f.hostingOpexUsdPerDay,
            profitUsdPerDay: f.profitUsdPerDay,
            marginPct,
            powerPriceUsdPerKwh: f.powerPriceUsdPerKwh,
            breakEvenPowerPriceUsdPerKwh: f.breakEvenPowerPriceUsdPerKwh,
            hashpriceUsdPerPhDay: input.hashprice?.usdPerPhDay ?? null,
            btcPriceUsd: input.btcPriceUsd,
          },
          thresholds: { clearAboveMarginPct: config.clearAboveMarginPct },
        },
      };
    });
  },
  describe({ subject, severity, transition, evidence, money }) {
    const v = evidence.values;
    const details = [
      `Revenue ${money.amount(evidenceNumber(v.revenueUsdPerDay))}/day; power ${money.amount(evidenceNumber(v.powerCostUsdPerDay))}/day; hosting ${money.amount(evidenceNumber(v.hostingOpexUsdPerDay))}/day`,
      `Profit ${money.amount(evidenceNumber(v.profitUsdPerDay))}/day (margin ${pct(evidenceNumber(v.marginPct))})`,
      `Your power price ${money.perKwh(evidenceNumber(v.powerPriceUsdPerKwh))}; break-even ${money.perKwh(evidenceNumber(v.breakEvenPowerPriceUsdPerKwh))}`,
      ...(v.hashpriceUsdPerPhDay !== null
        ? [
            `Hashprice ${money.hashprice(evidenceNumber(v.hashpriceUsdPerPhDay))} at BTC ${money.amount(evidenceNumber(v.btcPriceUsd))}`,
          ]
        : []),
    ];
    if (transition === 'cleared') {
      return {
        title: `Fleet ${subject} is profitable again (${money.amount(evidenceNumber(v.profitUsdPerDay))}/day)`,
        summary: 'Revenue covers power and hosting again with a margin.',
        details,
      };
    }
    return {
      title: `Fleet ${subject} at ${money.perKwh(evidenceNumber(v.powerPriceUsdPerKwh))} is losing ${money.amount(-evidenceNumber(v.profitUsdPerDay))}/day`,
      summary:
        severity === 'critical'
          ? 'Revenue no longer covers even the power bill: every hour the fleet runs loses more than switching it off would.'
          : 'Revenue no longer covers power plus hosting: the fleet runs at a cash loss (it still covers its power).',
      details,
    };
  },
});

/**
 * A fleet's day when each machine line is switched off on a day it loses money running: its
 * revenue (after pool fee, at its uptime) below its power cost. Hosting is paid whether a machine
 * runs or not (a per-machine fee), so it is not part of the choice: switching off a line whose
 * revenue covers its power but not its hosting would lose the revenue and keep the fee. The rule is
 * the curtailment strike's (breakEvenHashprice.ts): off below it, on at or above it.
 */
import {
  fleetDay,
  machineDay,
  type FleetDay,
  type FleetLine,
  type MarketTerms,
  type OperatingTerms,
} from './machineEconomics';

export interface CurtailedFleetDay {
  /** The running lines' figures, with the hosting of every line (off lines still pay it). */
  fleet: FleetDay;
  /** Per line, in order: whether it runs this day. */
  running: boolean[];
}

export function curtailedFleetDay(
  lines: readonly FleetLine[],
  terms: OperatingTerms,
  market: MarketTerms,
): CurtailedFleetDay {
  const running = lines.map((line) => {
    const day = machineDay(line.machine, terms, market);
    return day.revenueUsdPerDay >= day.powerCostUsdPerDay;
  });
  const on = fleetDay(
    lines.filter((_, i) => running[i]),
    terms,
    market,
  );
  const offHostingUsdPerDay = lines.reduce(
    (sum, line, i) =>
      running[i] ? sum : sum + machineDay(line.machine, terms, market).hostingOpexUsdPerDay * line.count,
    0,
  );
  const hostingOpexUsdPerDay = on.hostingOpexUsdPerDay + offHostingUsdPerDay;
  const profitUsdPerDay = on.revenueUsdPerDay - on.powerCostUsdPerDay - hostingOpexUsdPerDay;
  return {
    fleet: {
      ...on,
      hostingOpexUsdPerDay,
      profitUsdPerDay,
      marginFraction: on.revenueUsdPerDay > 0 ? profitUsdPerDay / on.revenueUsdPerDay : 0,
    },
    running,
  };
}

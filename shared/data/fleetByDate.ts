/**
 * The fleet of a date: each day is judged against the fleet of its own month (the fleet-over-time
 * model run over the same history, shared/domain/fleetOverTime.ts) and the power prices of its own
 * year, where the live compute uses today's fleet (fleetMix.json): the backtest's and the
 * closed-loop projection's underwater curve. The model is run once per power-price case, the low
 * and high cases only when first asked for (the band of a fleet-share figure); a day before the
 * model's first month falls back to the first month's fleet, a day after its last gets the last.
 */
import { runFleetModel, type FleetCatalog, type FleetModelRun } from './fleetHistory';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { FleetBand, PowerPriceBand } from '../domain/fleetShare';
import type { PowerPriceCase } from '../domain/fleetShareBand';
import { fleetOnDate, type FleetMonth } from '../domain/fleetOverTime';

/** A fleet and the power prices it pays, in one power-price case. */
export interface FleetInCase {
  fleetMix: { bands: FleetBand[] };
  powerPrices: { bands: PowerPriceBand[] };
}

export interface DatedFleet extends FleetInCase {
  meanEfficiencyJPerTh: number;
  month: string;
  /** The same date's fleet and prices in another power-price case (the model run under that case). */
  inCase(powerCase: PowerPriceCase): FleetInCase;
}

export function fleetByDate(options: {
  daily: readonly DailyNetwork[];
  catalog: FleetCatalog;
  basePowerPrices: { readonly bands: readonly PowerPriceBand[] };
  poolFeeFraction: number;
}): (date: string) => DatedFleet {
  const runs = new Map<PowerPriceCase, FleetModelRun>();
  const runOf = (powerCase: PowerPriceCase): FleetModelRun => {
    let run = runs.get(powerCase);
    if (!run) {
      run = runFleetModel({ ...options, powerCase });
      runs.set(powerCase, run);
    }
    return run;
  };
  const fleetIn = (run: FleetModelRun, date: string): { month: FleetMonth; fleet: FleetInCase } => {
    const month: FleetMonth | undefined = fleetOnDate(run.fleet, date) ?? run.fleet.months[0];
    if (!month) throw new Error('the fleet model produced no month: the history is too short');
    return {
      month,
      fleet: {
        fleetMix: { bands: month.bands },
        powerPrices: { bands: run.powerPricesForYear(Number(date.slice(0, 4))) },
      },
    };
  };
  runOf('central');
  const cache = new Map<string, DatedFleet>();
  return (date) => {
    const key = date.slice(0, 7);
    let dated = cache.get(key);
    if (!dated) {
      const { month, fleet } = fleetIn(runOf('central'), date);
      const otherCases = new Map<PowerPriceCase, FleetInCase>([['central', fleet]]);
      dated = {
        ...fleet,
        meanEfficiencyJPerTh: month.meanEfficiencyJPerTh,
        month: month.month,
        inCase(powerCase) {
          let inCase = otherCases.get(powerCase);
          if (!inCase) {
            inCase = fleetIn(runOf(powerCase), date).fleet;
            otherCases.set(powerCase, inCase);
          }
          return inCase;
        },
      };
      cache.set(key, dated);
    }
    return dated;
  };
}

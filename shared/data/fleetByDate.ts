/**
 * The fleet of a date: each day is judged against the fleet of its own month (the fleet-over-time
 * model run over the same history, shared/domain/fleetOverTime.ts) and the power prices of its own
 * year, where the live compute uses today's fleet (fleetMix.json): the backtest's and the
 * closed-loop projection's underwater curve. The model is run once; a day before the model's
 * first month falls back to the first month's fleet, a day after its last gets the last.
 */
import { runFleetModel, type FleetCatalog } from './fleetHistory';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { FleetBand, PowerPriceBand } from '../domain/fleetShare';
import { fleetOnDate, type FleetMonth } from '../domain/fleetOverTime';

export interface DatedFleet {
  fleetMix: { bands: FleetBand[] };
  powerPrices: { bands: PowerPriceBand[] };
  meanEfficiencyJPerTh: number;
  month: string;
}

export function fleetByDate(options: {
  daily: readonly DailyNetwork[];
  catalog: FleetCatalog;
  basePowerPrices: { readonly bands: readonly PowerPriceBand[] };
  poolFeeFraction: number;
}): (date: string) => DatedFleet {
  const run = runFleetModel({
    daily: options.daily,
    catalog: options.catalog,
    basePowerPrices: options.basePowerPrices,
    poolFeeFraction: options.poolFeeFraction,
  });
  const cache = new Map<string, DatedFleet>();
  return (date) => {
    const key = date.slice(0, 7);
    let dated = cache.get(key);
    if (!dated) {
      const month: FleetMonth | undefined = fleetOnDate(run.fleet, date) ?? run.fleet.months[0];
      if (!month) throw new Error('the fleet model produced no month: the history is too short');
      dated = {
        fleetMix: { bands: month.bands },
        powerPrices: { bands: run.powerPricesForYear(Number(date.slice(0, 4))) },
        meanEfficiencyJPerTh: month.meanEfficiencyJPerTh,
        month: month.month,
      };
      cache.set(key, dated);
    }
    return dated;
  };
}

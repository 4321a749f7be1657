/**
 * What a closed-loop projection reads from the bundled history (docs/projection.md): the daily rows
 * and epochs indexed by date, and the underwater curve of a start's month (the fleet-over-time
 * model's fleet of that month and that year's power prices). One home for the validation
 * (local/projection/) and the calculator, which gets the projection's columns embedded in its
 * bundle (loadProjectionHistory) and builds this once per warm function, on its first
 * projection request.
 */
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import { POOL_FEE_FRACTION } from '../domain/projection/fittedResponse';
import { historyIndex, type HistoryIndex } from '../domain/projection/historyStart';
import { underwaterCurve, type UnderwaterCurve } from '../domain/projection/underwaterCurve';
import { bundledMachineCatalog, bundledPowerPrices } from './bundledData';
import { fleetByDate } from './fleetByDate';
import { loadProjectionHistory } from './history/loadDailyHistory';
import { loadDifficultyEpochs } from './history/loadDifficultyEpochs';

export interface ProjectionContext {
  history: HistoryIndex;
  /** The underwater curve of `date`'s month (cached per month). */
  curveFor: (date: string) => UnderwaterCurve;
}

export function projectionContext(
  daily: readonly DailyNetwork[],
  epochs: readonly DifficultyEpoch[],
): ProjectionContext {
  const history = historyIndex(daily, epochs);
  const fleetOn = fleetByDate({
    daily,
    catalog: bundledMachineCatalog,
    basePowerPrices: bundledPowerPrices,
    poolFeeFraction: POOL_FEE_FRACTION,
  });
  const curves = new Map<string, UnderwaterCurve>();
  const curveFor = (date: string): UnderwaterCurve => {
    const key = date.slice(0, 7);
    let curve = curves.get(key);
    if (!curve) {
      const fleet = fleetOn(date);
      curve = underwaterCurve({
        fleetMix: fleet.fleetMix,
        powerPrices: fleet.powerPrices,
        poolFeeFraction: POOL_FEE_FRACTION,
      });
      curves.set(key, curve);
    }
    return curve;
  };
  return { history, curveFor };
}

let bundled: ProjectionContext | undefined;

/** The context over the bundled history, built on first use. */
export function bundledProjectionContext(): ProjectionContext {
  bundled ??= projectionContext(loadProjectionHistory(), loadDifficultyEpochs());
  return bundled;
}

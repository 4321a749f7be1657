/**
 * The calculator's view of the machine catalog: a forgiving lookup by name that either finds a
 * model or says which names come closest. The catalog data and the matching live with the data
 * (shared/data/machineCatalog.ts, shared/domain/machineLookup.ts); the ModelLookup port
 * (shared/calculator/ports.ts) keeps the calculator independent of how they are stored.
 */
import { bundledMachineCatalog } from '../data/bundledData';
import type { MachineCatalog } from '../data/machineCatalog';
import { findMachineModel } from '../domain/machineLookup';
import type { ModelLookup } from './ports';

export type { LookedUpMachine, ModelLookup, ModelLookupResult } from './ports';

/** The lookup over the bundled catalog (or any catalog of the same shape). */
export function catalogModelLookup(catalog: MachineCatalog = bundledMachineCatalog): ModelLookup {
  return (name) => {
    const result = findMachineModel(catalog, name);
    if (!result.ok) return { found: false, closestNames: result.error.closestNames };
    const m = result.machine;
    return {
      found: true,
      machine: { maker: m.maker, model: m.model, hashrateThs: m.hashrateThs, powerWatts: m.powerWatts },
    };
  };
}

/**
 * The calculator's view of the machine catalog: a forgiving lookup by name that either finds a
 * model or says which names come closest. The catalog data and the matching live with the data
 * (shared/data/machineCatalog.ts, shared/domain/machineLookup.ts); this port keeps the calculator
 * independent of how they are stored.
 */

export interface CatalogMachine {
  maker: string | null;
  model: string;
  hashrateThs: number;
  powerWatts: number;
}

export type ModelLookupResult = { found: true; machine: CatalogMachine } | { found: false; closestNames: string[] };

export type ModelLookup = (name: string) => ModelLookupResult;

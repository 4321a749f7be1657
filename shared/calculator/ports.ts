/**
 * What the calculator use case needs from the outside world, declared beside it: a machine lookup
 * by name (shared/calculator/catalog.ts over the bundled catalog), the newest stored network
 * snapshot (shared/adapters/dynamo/latestSnapshotReader.ts) and a clock.
 */
import type { NetworkSnapshot } from '../domain/networkSnapshot';

/** A catalog machine as the calculator prices it. */
export interface LookedUpMachine {
  maker: string | null;
  model: string;
  hashrateThs: number;
  powerWatts: number;
  /** The catalog figures no stored page confirmed, when some were not (machines.json `unconfirmed`). */
  unconfirmed?: string | undefined;
}

export type ModelLookupResult = { found: true; machine: LookedUpMachine } | { found: false; closestNames: string[] };

export type ModelLookup = (name: string) => ModelLookupResult;

/** Read-only: the newest stored network snapshot, or undefined when none is stored. */
export interface LatestSnapshotReader {
  latestSnapshot(): Promise<NetworkSnapshot | undefined>;
}

export interface CalculatorDeps {
  lookupModel: ModelLookup;
  /** Absent where no table is configured (the CLI offline): the request must then carry `market`. */
  snapshots?: LatestSnapshotReader | undefined;
  now: () => Date;
}

/**
 * Forgiving machine-model lookup: "s19xp", "Antminer S19 XP", "S19 XP" and "antminer-s19-xp" all
 * name the same machine. Names are compared after normalization (case, spaces and punctuation
 * ignored; "+" read as "plus" so that "S21+" is not "S21"; "Hydro" read as "Hyd"; a leading maker
 * or brand word dropped). An unknown name yields an error value listing the closest catalog names
 * by edit distance, so the calculator can answer "did you mean ...".
 */
/** Brand and maker words that may precede a model name; longest first so prefixes strip cleanly. */
const BRAND_PREFIXES = [
  'avalonminer',
  'whatsminer',
  'sealminer',
  'antminer',
  'teraflux',
  'auradine',
  'bitmain',
  'bitdeer',
  'microbt',
  'canaan',
  'avalon',
] as const;

/** Lowercase, "+" -> "plus", only [a-z0-9] kept, "hydro" -> "hyd", leading brand words dropped. */
export function normalizeModelName(name: string): string {
  let key = name
    .toLowerCase()
    .replaceAll('+', 'plus')
    .replace(/[^a-z0-9]/g, '')
    .replaceAll('hydro', 'hyd');
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const brand of BRAND_PREFIXES) {
      // Keep at least one character: a bare brand word is not a model.
      if (key.startsWith(brand) && key.length > brand.length) {
        key = key.slice(brand.length);
        stripped = true;
      }
    }
  }
  return key;
}

/**
 * What the lookup needs of a machine; catalog rows (shared/data/machineCatalog.ts) satisfy it
 * (aliases may be absent elsewhere). Declared here so the domain does not depend on the data module.
 */
export interface LookupModel {
  id: string;
  maker: string;
  model: string;
  aliases?: readonly string[];
}

/** Every normalized name a machine answers to: its model, maker + model, aliases and id. */
export function lookupKeysOf(machine: LookupModel): string[] {
  const names = [machine.model, `${machine.maker} ${machine.model}`, machine.id, ...(machine.aliases ?? [])];
  return [...new Set(names.map(normalizeModelName).filter((k) => k.length > 0))];
}

/** Levenshtein distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

export interface UnknownMachineModel {
  kind: 'unknown-machine-model';
  query: string;
  /** Catalog model names, nearest first. */
  closestNames: string[];
  message: string;
}

export type MachineLookupResult<M> = { ok: true; machine: M } | { ok: false; error: UnknownMachineModel };

interface Index<M> {
  byKey: Map<string, M>;
  keysOf: { machine: M; keys: string[] }[];
}

/** Index per machine list, built on first lookup: catalogs are treated as immutable once loaded. */
const indexCache = new WeakMap<readonly LookupModel[], Index<LookupModel>>();

function indexOf<M extends LookupModel>(machines: readonly M[]): Index<M> {
  const cached = indexCache.get(machines) as Index<M> | undefined;
  if (cached) return cached;
  const byKey = new Map<string, M>();
  const keysOf = machines.map((machine) => {
    const keys = lookupKeysOf(machine);
    for (const key of keys) if (!byKey.has(key)) byKey.set(key, machine);
    return { machine, keys };
  });
  const index = { byKey, keysOf };
  indexCache.set(machines, index as Index<LookupModel>);
  return index;
}

export const DEFAULT_CLOSEST_COUNT = 5;

/**
 * Finds a catalog machine by a loosely typed name. Unknown (or empty) names give an error value
 * listing the `closestCount` nearest model names by edit distance over the normalized names.
 */
export function findMachineModel<M extends LookupModel>(
  catalog: { readonly machines: readonly M[] },
  name: string,
  closestCount: number = DEFAULT_CLOSEST_COUNT,
): MachineLookupResult<M> {
  const index = indexOf(catalog.machines);
  const query = normalizeModelName(name);
  const hit = query.length > 0 ? index.byKey.get(query) : undefined;
  if (hit) return { ok: true, machine: hit };

  const ranked = index.keysOf
    .map(({ machine, keys }) => ({
      name: machine.model,
      distance: Math.min(...keys.map((k) => editDistance(query, k))),
    }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const closestNames = ranked.slice(0, Math.max(0, closestCount)).map((r) => r.name);
  const what = name.trim() === '' ? 'empty machine model name' : `unknown machine model "${name}"`;
  return {
    ok: false,
    error: {
      kind: 'unknown-machine-model',
      query: name,
      closestNames,
      message: `${what}; closest: ${closestNames.join(', ')}`,
    },
  };
}

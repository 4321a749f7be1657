/**
 * The compute function's configuration: signal thresholds (defaults from docs/design.md §4), their
 * hysteresis and dwell, and the owner's fleets. Validated with zod; every field has a default, so
 * `{}` (or no config at all) is a working configuration. The Lambda reads it from the env var
 * `HASHWATCH_COMPUTE_CONFIG` (JSON); a bad value fails the cold start with the field named.
 *
 * Why dwell and hysteresis: on the real daily history the raw 30d/60d hashrate crossing flips
 * several times within days (2022-07-04 for one day); an alert that flaps is worse than none.
 * Dwell: a condition must hold continuously that long before it raises (or clears) a signal.
 * Hysteresis: a signal clears only once the value is back beyond its threshold by a band.
 */
import * as z from '../schema/z';
import { describeConfigIssues } from './configIssues';
import { SIGNALS, type SignalId, type SignalsConfigSchemas } from '../domain/signals/detectors';
import type { SignalsConfig as DomainSignalsConfig } from '../domain/signals/signalsConfig';
import { currencySchema } from '../domain/currency';
import { siteConfigSchema } from './siteConfig';

export const COMPUTE_CONFIG_ENV = 'HASHWATCH_COMPUTE_CONFIG';

/**
 * The config is parsed once per process (a Lambda cold start). zod's first parse of an object
 * schema generates and compiles a fast parser for it, a cost that pays off only over many parses;
 * `jitless` skips it here (same checks, same errors), about 6 ms of the compute cold start.
 */
const PARSE_ONCE = { jitless: true } as const;

/**
 * Each signal's config schema is its definition's (shared/domain/signals/detectors/, one module
 * per signal): `signals` holds one per signal of the list, each defaulting to its defaults.
 */
export const signalsConfigSchema = z.strictObject(
  Object.fromEntries(
    SIGNALS.map(({ signal, config }: { signal: SignalId; config: z.ZodMiniType }) => [
      signal,
      z._default(config, () => config.parse({}, PARSE_ONCE)),
    ]),
  ),
) as unknown as z.ZodMiniObject<{ [S in SignalId]: z.ZodMiniDefault<SignalsConfigSchemas[S]> }, z.core.$strict>;
export type SignalsConfig = DomainSignalsConfig;

/**
 * Upper bounds far beyond any real fleet (the whole network is ~1e9 TH/s, a few million machines),
 * and lower bounds above zero for divisors: what the compute derives from them (profit, cost per
 * BTC) stays a number DynamoDB can store (|x| between 1e-130 and 1e126, issue #15).
 */
const MAX_MACHINES = 10_000_000;
const MAX_FLEET_USD = 1e12;

/** A line of an owner fleet: a catalog model by name, or a custom machine. */
export const fleetMachineConfigSchema = z.union([
  z.strictObject({
    /** Catalog model name (forgiving match, e.g. "S19 XP", "Antminer S21"). */
    model: z.string().check(z.minLength(1)),
    count: z.int().check(z.positive(), z.maximum(MAX_MACHINES)),
  }),
  z.strictObject({
    name: z.string().check(z.minLength(1)),
    /** From 1 GH/s (the oldest machine worth modelling) up. */
    hashrateThs: z.number().check(z.minimum(0.001), z.maximum(10_000)),
    powerWatts: z.number().check(z.minimum(1), z.maximum(100_000)),
    count: z.int().check(z.positive(), z.maximum(MAX_MACHINES)),
  }),
]);
export type FleetMachineConfig = z.infer<typeof fleetMachineConfigSchema>;

export const ownerFleetConfigSchema = z.strictObject({
  /** Shown in alerts and used as the signal subject: keep it short and stable. */
  name: z
    .string()
    .check(z.minLength(1), z.maxLength(40), z.regex(/^[\w .@+-]+$/, 'letters, digits, space and ._@+- only')),
  machines: z.array(fleetMachineConfigSchema).check(z.minLength(1)),
  powerPriceUsdPerKwh: z.number().check(z.nonnegative(), z.maximum(2)),
  poolFeePct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 2),
  uptimePct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 97),
  /** Hosting and other non-power opex, USD per machine per day. */
  hostingOpexUsdPerMachinePerDay: z._default(z.number().check(z.nonnegative(), z.maximum(10_000)), 0),
  /** Hardware and infrastructure spend being depreciated, USD. */
  capexUsd: z._default(z.number().check(z.nonnegative(), z.maximum(MAX_FLEET_USD)), 0),
  usefulLifeYears: z._default(z.number().check(z.positive(), z.maximum(20)), 4),
  /** Overheads (SG&A and the like), USD per day for the whole fleet. */
  overheadUsdPerDay: z._default(z.number().check(z.nonnegative(), z.maximum(MAX_FLEET_USD)), 0),
});
export type OwnerFleetConfig = z.infer<typeof ownerFleetConfigSchema>;

export const computeConfigSchema = z
  .strictObject({
    signals: z._default(signalsConfigSchema, () => signalsConfigSchema.parse({}, PARSE_ONCE)),
    fleets: z._default(z.array(ownerFleetConfigSchema).check(z.maxLength(20)), []),
    /** The owner's sites (shared/domain/site.ts): capacity, power price, the fleets on them, a lease offer. */
    sites: z._default(z.array(siteConfigSchema).check(z.maxLength(20)), []),
    /** Pool fee assumed for the catalog break-evens and the global fleet share, percent. */
    globalFleetPoolFeePct: z._default(z.number().check(z.minimum(0), z.maximum(100)), 2),
    /** Currency of the e-mail texts (USD, EUR, GBP, CAD, CHF, AUD, JPY); evidence stays in USD. */
    currency: z._default(currencySchema, 'USD'),
    /** Days profitability snapshots are kept (TTL), like the raw snapshots they come from. */
    profitabilityRetentionDays: z._default(z.int().check(z.positive(), z.maximum(3650)), 90),
  })
  .check(
    z.refine((c) => new Set(c.fleets.map((f) => f.name)).size === c.fleets.length, {
      message: 'fleet names must be unique',
      path: ['fleets'],
    }),
    z.superRefine((c, ctx) => checkSites(c, ctx)),
  );
export type ComputeConfig = z.infer<typeof computeConfigSchema>;

/** The fleet terms a site's fleets must share: a site is priced as one fleet (shared/compute/ownerSites.ts). */
export const SITE_SHARED_FLEET_TERMS = ['poolFeePct', 'uptimePct', 'hostingOpexUsdPerMachinePerDay'] as const;

/**
 * A site names fleets of `fleets`, each on one site at most, and its fleets share their pool fee,
 * uptime and hosting (the site's power price replaces theirs): each mistake is named by its path.
 */
function checkSites(
  c: { fleets: readonly OwnerFleetConfig[]; sites: readonly z.output<typeof siteConfigSchema>[] },
  ctx: z.core.$RefinementCtx,
): void {
  const fleetByName = new Map(c.fleets.map((f) => [f.name, f]));
  const siteOfFleet = new Map<string, string>();
  const siteNames = new Set<string>();
  c.sites.forEach((site, s) => {
    if (siteNames.has(site.name))
      ctx.addIssue({ code: 'custom', path: ['sites', s, 'name'], message: 'site names must be unique' });
    siteNames.add(site.name);
    const onSite: OwnerFleetConfig[] = [];
    site.fleets.forEach((name, f) => {
      const fleet = fleetByName.get(name);
      if (!fleet) {
        const known = [...fleetByName.keys()];
        ctx.addIssue({
          code: 'custom',
          path: ['sites', s, 'fleets', f],
          message: `no fleet named ${JSON.stringify(name)} in \`fleets\`${known.length > 0 ? ` (fleets: ${known.join(', ')})` : ' (none is configured)'}`,
        });
        return;
      }
      const other = siteOfFleet.get(name);
      if (other !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sites', s, 'fleets', f],
          message: `fleet ${JSON.stringify(name)} is already on site ${JSON.stringify(other)}: a fleet hashes at one site`,
        });
      siteOfFleet.set(name, site.name);
      onSite.push(fleet);
    });
    for (const term of SITE_SHARED_FLEET_TERMS) {
      if (new Set(onSite.map((f) => f[term])).size > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['sites', s, 'fleets'],
          message: `the fleets of a site must share ${term} (they have ${onSite.map((f) => `${f.name}: ${f[term]}`).join(', ')}): the site is priced as one fleet`,
        });
    }
  });
}

export class ComputeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComputeConfigError';
  }
}

/**
 * Parses a config object; the error names every bad field by its path (e.g. `fleets.0.powerPriceUsdPerKwh`).
 * Objects are strict at every level: a misspelt key (`fleet`, `poolFee`, `floor`, a signal id) would
 * otherwise be dropped and its default used in silence, so it is refused with the nearest valid name.
 */
export function parseComputeConfig(value: unknown): ComputeConfig {
  const parsed = computeConfigSchema.safeParse(value ?? {}, PARSE_ONCE);
  if (parsed.success) return parsed.data;
  const details = describeConfigIssues(computeConfigSchema, parsed.error).join('; ');
  throw new ComputeConfigError(`invalid compute config: ${details}`);
}

/** Reads `HASHWATCH_COMPUTE_CONFIG` (JSON); defaults when it is absent or empty. */
export function computeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ComputeConfig {
  const raw = env[COMPUTE_CONFIG_ENV];
  if (raw === undefined || raw.trim() === '') return parseComputeConfig({});
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new ComputeConfigError(`${COMPUTE_CONFIG_ENV} is not valid JSON: ${(error as Error).message}`);
  }
  return parseComputeConfig(value);
}

export const DEFAULT_COMPUTE_CONFIG: ComputeConfig = parseComputeConfig({});

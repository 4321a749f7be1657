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
import { DEFAULT_QUARTER_DECLINE_PCT } from '../domain/minerTreasury/treasuryAlerts';
import * as z from 'zod';
import { describeConfigIssues } from './configIssues';
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

const hours = z
  .number()
  .nonnegative()
  .max(24 * 365);
const pct = z.number().min(-100).max(1000);

/** Shared by every signal: whether it runs, and how long a change must hold before it is committed. */
const timing = (raiseDwellHours: number, clearDwellHours: number) => ({
  enabled: z.boolean().default(true),
  /** Hours a raise or escalation condition must hold before the event fires. */
  raiseDwellHours: hours.default(raiseDwellHours),
  /** Hours the recovery condition must hold before the signal clears. */
  clearDwellHours: hours.default(clearDwellHours),
});

export const difficultyNegativeStreakConfigSchema = z
  .strictObject({
    ...timing(0, 0),
    /** Consecutive negative adjustments that raise a warning. */
    warningStreak: z.number().int().min(1).max(20).default(2),
    /** Consecutive negative adjustments that make it critical. */
    criticalStreak: z.number().int().min(1).max(20).default(3),
  })
  .refine((c) => c.criticalStreak >= c.warningStreak, {
    message: 'criticalStreak must be >= warningStreak',
    path: ['criticalStreak'],
  });

export const projectedNegativeAdjustmentConfigSchema = z
  .strictObject({
    ...timing(2, 6),
    /** The running epoch's estimated change below this raises a warning (percent, negative). */
    warningBelowPct: pct.default(-3),
    criticalBelowPct: pct.default(-6),
    /** It clears once the estimate is back above this (the hysteresis band). */
    clearAbovePct: pct.default(-1.5),
    /** Early in an epoch the estimate rests on a few blocks: no raise before this progress. */
    minEpochProgressPct: z.number().min(0).max(100).default(25),
  })
  .refine((c) => c.criticalBelowPct <= c.warningBelowPct, {
    message: 'criticalBelowPct must be <= warningBelowPct',
    path: ['criticalBelowPct'],
  })
  .refine((c) => c.clearAbovePct >= c.warningBelowPct, {
    message: 'clearAbovePct must be >= warningBelowPct',
    path: ['clearAbovePct'],
  });

export const hashpriceFloorConfigSchema = z.strictObject({
  ...timing(6, 72),
  /** Hashprice below this floor, USD/PH/s/day, meets the condition. */
  floorUsdPerPhDay: z.number().positive().default(30),
  /**
   * A hashprice this many percent under its 90-day mean makes a floor breach critical; it raises a
   * warning on its own only while hashprice is near the floor (within nearFloorPct above it): a
   * sharp fall from a high level is not a floor (2021-05-15: $255, 28% under the mean).
   */
  belowMean90dPct: z.number().positive().max(100).default(20),
  /** "Near the floor": at most this many percent above it. Above that, the floor never raises. */
  nearFloorPct: z.number().nonnegative().max(200).default(20),
  /** It clears once hashprice is this many percent above the floor... */
  hysteresisPct: z.number().nonnegative().max(50).default(3),
  /**
   * ...and this many points less far under its 90-day mean than belowMean90dPct. Wider than the
   * floor's band: daily hashprice swings several percent with block luck and price.
   */
  meanHysteresisPctPoints: z.number().nonnegative().max(50).default(8),
});

export const hashRibbonCapitulationConfigSchema = z
  .strictObject({
    ...timing(48, 168),
    /** Raise when the 30d SMA is this far below the 60d SMA (percent, <= 0). */
    enterBelowPct: z.number().max(0).min(-50).default(-0.5),
    /** Clear when the 30d SMA is this far above the 60d SMA (percent, >= 0). */
    clearAbovePct: z.number().min(0).max(50).default(0.5),
    /** A capitulation this deep is critical (percent, negative). */
    criticalBelowPct: z.number().max(0).min(-90).default(-5),
  })
  .refine((c) => c.criticalBelowPct <= c.enterBelowPct, {
    message: 'criticalBelowPct must be <= enterBelowPct',
    path: ['criticalBelowPct'],
  });

export const fleetShareNegativeConfigSchema = z
  .strictObject({
    ...timing(6, 48),
    /** Share of global hashrate cash-flow negative, percent. */
    warningPct: z.number().min(0).max(100).default(15),
    criticalPct: z.number().min(0).max(100).default(20),
    /** It clears once the share is this many percentage points under warningPct. */
    hysteresisPctPoints: z.number().nonnegative().max(50).default(2),
  })
  .refine((c) => c.criticalPct >= c.warningPct, {
    message: 'criticalPct must be >= warningPct',
    path: ['criticalPct'],
  });

export const fleetBreakEvenBreachConfigSchema = z.strictObject({
  ...timing(6, 48),
  /** It clears once the fleet's margin is back above this (percent of revenue). */
  clearAboveMarginPct: z.number().min(0).max(100).default(5),
});

/** Paths x days of the daily projection, at most (1,000 x 730: about 0.2 s and 1 MB, bench/compute.bench.ts). */
export const MAX_FLEET_LOSS_PATH_DAYS = 1_000 * 730;

export const minerTreasuryLiquidationConfigSchema = z
  .strictObject({
    // Monthly reports, judged every evaluation: a day's dwell, and a week to clear.
    ...timing(24, 168),
    quarterDeclinePct: z.number().min(1).max(100).default(DEFAULT_QUARTER_DECLINE_PCT),
    criticalQuarterDeclinePct: z.number().min(1).max(100).default(50),
    maxMonthsAfterPeriod: z.number().int().min(1).max(12).default(3),
  })
  .refine((c) => c.criticalQuarterDeclinePct >= c.quarterDeclinePct, {
    path: ['criticalQuarterDeclinePct'],
    message: 'must be at least quarterDeclinePct',
  });

export const minerSellingPressureConfigSchema = z
  .strictObject({
    ...timing(24, 168),
    windowMonths: z.number().int().min(1).max(12).default(3),
    soldOfProducedPct: z.number().min(1).max(10_000).default(100),
    criticalSoldOfProducedPct: z.number().min(1).max(10_000).default(200),
    minCompanies: z.number().int().min(1).max(20).default(2),
    maxMonthsAfterWindow: z.number().int().min(1).max(12).default(4),
  })
  .refine((c) => c.criticalSoldOfProducedPct >= c.soldOfProducedPct, {
    path: ['criticalSoldOfProducedPct'],
    message: 'must be at least soldOfProducedPct',
  });

export const projectedFleetLossConfigSchema = z
  .strictObject({
    // Evaluated once a day: a 24-hour raise dwell is two daily evaluations in a row.
    ...timing(24, 48),
    /** Days ahead the projection looks for a cash-negative day. */
    horizonDays: z.number().int().min(7).max(730).default(180),
    /** Probability (percent) that the fleet is cash-flow negative on some day of the horizon: warning... */
    warningProbabilityPct: z.number().min(1).max(100).default(50),
    /** ...and critical. */
    criticalProbabilityPct: z.number().min(1).max(100).default(80),
    /** It clears once the probability is this many points under warningProbabilityPct. */
    hysteresisPctPoints: z.number().nonnegative().max(50).default(10),
    /** Monte Carlo price paths (lognormal, seeded): enough for a probability to about 1.5 points. */
    paths: z.number().int().min(100).max(1_000).default(1_000),
    annualVolatilityPct: z.number().min(1).max(300).default(60),
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
  })
  .refine((c) => c.criticalProbabilityPct >= c.warningProbabilityPct, {
    message: 'criticalProbabilityPct must be >= warningProbabilityPct',
    path: ['criticalProbabilityPct'],
  })
  .refine((c) => c.paths * c.horizonDays <= MAX_FLEET_LOSS_PATH_DAYS, {
    message: `paths x horizonDays must be at most ${MAX_FLEET_LOSS_PATH_DAYS} (the compute's time and memory)`,
    path: ['paths'],
  });

export const productionCostAbovePriceConfigSchema = z.strictObject({
  ...timing(12, 48),
  /** All-in cost per BTC this many percent above price is critical. */
  criticalAbovePricePct: z.number().positive().max(1000).default(20),
  /** It clears once all-in cost per BTC is this many percent under price. */
  hysteresisPct: z.number().nonnegative().max(50).default(5),
});

/** What a watched price level is judged on: the live price, the last daily close or the last weekly close (UTC). */
export const priceJudgedOnSchema = z.enum(['live', 'daily-close', 'weekly-close']);

export const priceLevelConfigSchema = z.strictObject({
  ...timing(1, 24),
  /** Watched BTC price levels, USD; each is its own signal subject. */
  levelsUsd: z.array(z.number().min(1).max(10_000_000)).max(20).default([74_500]),
  /**
   * Levels watched in another currency mempool prices (`currency`), each its own subject
   * ("70000 EUR"), judged on the snapshot's BTC price in that currency. A snapshot without that
   * price decides nothing for them (their state is kept as it is).
   */
  levels: z.array(z.number().positive()).max(20).default([]),
  currency: currencySchema.default('USD'),
  /**
   * Per level (keyed by the level as written in levelsUsd, e.g. "74500"): what it is judged on. The
   * $74,500 level comes from the weekly chart, where "failure to reclaim" is a weekly close below it.
   */
  judgedOn: z
    .record(z.string().regex(/^\d+(\.\d+)?$/, 'a level, e.g. "74500"'), priceJudgedOnSchema)
    .default({ '74500': 'weekly-close' }),
  /** What a level missing from judgedOn is judged on. */
  defaultJudgedOn: priceJudgedOnSchema.default('live'),
  /** It clears once price is this many percent above the level. */
  hysteresisPct: z.number().nonnegative().max(50).default(2),
});

export const siteConversionAdvantageConfigSchema = z
  .strictObject({
    ...timing(24, 72),
    /**
     * Raise when the site's trailing 30-day mining margin per MW-year is this many percent of its
     * lease offer's margin per MW-year below it (10: mining earns less than 90 % of the lease).
     */
    belowLeasePct: z.number().min(0).max(100).default(10),
    /** Critical when the mining margin is this many percent below the lease's (100: mining loses money). */
    criticalBelowLeasePct: z.number().min(0).max(1000).default(50),
    /** It clears once the shortfall is this many percentage points under belowLeasePct. */
    hysteresisPctPoints: z.number().nonnegative().max(100).default(5),
  })
  .refine((c) => c.criticalBelowLeasePct >= c.belowLeasePct, {
    message: 'criticalBelowLeasePct must be >= belowLeasePct',
    path: ['criticalBelowLeasePct'],
  });

/** site-power-stale and site-curtail: the site's own terms decide (sites[].curtailment); dwell 0 by default. */
export const sitePowerSignalConfigSchema = z.strictObject({ ...timing(0, 0) });

/** site-resume: only whether resumptions are announced (the end of a site-curtail episode, decided there). */
export const siteResumeConfigSchema = z
  .strictObject({ enabled: z.boolean().default(true) })
  .transform((c) => ({ ...c, raiseDwellHours: 0, clearDwellHours: 0 }));

export const signalsConfigSchema = z.strictObject({
  'difficulty-negative-streak': difficultyNegativeStreakConfigSchema.default(() =>
    difficultyNegativeStreakConfigSchema.parse({}, PARSE_ONCE),
  ),
  'projected-negative-adjustment': projectedNegativeAdjustmentConfigSchema.default(() =>
    projectedNegativeAdjustmentConfigSchema.parse({}, PARSE_ONCE),
  ),
  'hashprice-floor': hashpriceFloorConfigSchema.default(() => hashpriceFloorConfigSchema.parse({}, PARSE_ONCE)),
  'hash-ribbon-capitulation': hashRibbonCapitulationConfigSchema.default(() =>
    hashRibbonCapitulationConfigSchema.parse({}, PARSE_ONCE),
  ),
  'fleet-share-negative': fleetShareNegativeConfigSchema.default(() =>
    fleetShareNegativeConfigSchema.parse({}, PARSE_ONCE),
  ),
  'fleet-break-even-breach': fleetBreakEvenBreachConfigSchema.default(() =>
    fleetBreakEvenBreachConfigSchema.parse({}, PARSE_ONCE),
  ),
  'projected-fleet-loss': projectedFleetLossConfigSchema.default(() =>
    projectedFleetLossConfigSchema.parse({}, PARSE_ONCE),
  ),
  'production-cost-above-price': productionCostAbovePriceConfigSchema.default(() =>
    productionCostAbovePriceConfigSchema.parse({}, PARSE_ONCE),
  ),
  'price-level': priceLevelConfigSchema.default(() => priceLevelConfigSchema.parse({}, PARSE_ONCE)),
  'site-conversion-advantage': siteConversionAdvantageConfigSchema.default(() =>
    siteConversionAdvantageConfigSchema.parse({}, PARSE_ONCE),
  ),
  'miner-treasury-liquidation': minerTreasuryLiquidationConfigSchema.default(() =>
    minerTreasuryLiquidationConfigSchema.parse({}, PARSE_ONCE),
  ),
  'miner-selling-pressure': minerSellingPressureConfigSchema.default(() =>
    minerSellingPressureConfigSchema.parse({}, PARSE_ONCE),
  ),
  'site-power-stale': sitePowerSignalConfigSchema.default(() => sitePowerSignalConfigSchema.parse({}, PARSE_ONCE)),
  'site-curtail': sitePowerSignalConfigSchema.default(() => sitePowerSignalConfigSchema.parse({}, PARSE_ONCE)),
  'site-resume': siteResumeConfigSchema.default(() => siteResumeConfigSchema.parse({}, PARSE_ONCE)),
});
export type SignalsConfig = DomainSignalsConfig;

/** True when A and B are assignable both ways (the same shape). */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * The schemas produce exactly the domain's detector configs (shared/domain/signals/signalsConfig.ts):
 * a field added to one side only fails the typecheck here.
 */
export const SIGNALS_CONFIG_MATCHES_DOMAIN: SameShape<z.infer<typeof signalsConfigSchema>, DomainSignalsConfig> = true;

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
    model: z.string().min(1),
    count: z.number().int().positive().max(MAX_MACHINES),
  }),
  z.strictObject({
    name: z.string().min(1),
    /** From 1 GH/s (the oldest machine worth modelling) up. */
    hashrateThs: z.number().min(0.001).max(10_000),
    powerWatts: z.number().min(1).max(100_000),
    count: z.number().int().positive().max(MAX_MACHINES),
  }),
]);
export type FleetMachineConfig = z.infer<typeof fleetMachineConfigSchema>;

export const ownerFleetConfigSchema = z.strictObject({
  /** Shown in alerts and used as the signal subject: keep it short and stable. */
  name: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[\w .@+-]+$/, 'letters, digits, space and ._@+- only'),
  machines: z.array(fleetMachineConfigSchema).min(1),
  powerPriceUsdPerKwh: z.number().nonnegative().max(2),
  poolFeePct: z.number().min(0).max(100).default(2),
  uptimePct: z.number().min(0).max(100).default(97),
  /** Hosting and other non-power opex, USD per machine per day. */
  hostingOpexUsdPerMachinePerDay: z.number().nonnegative().max(10_000).default(0),
  /** Hardware and infrastructure spend being depreciated, USD. */
  capexUsd: z.number().nonnegative().max(MAX_FLEET_USD).default(0),
  usefulLifeYears: z.number().positive().max(20).default(4),
  /** Overheads (SG&A and the like), USD per day for the whole fleet. */
  overheadUsdPerDay: z.number().nonnegative().max(MAX_FLEET_USD).default(0),
});
export type OwnerFleetConfig = z.infer<typeof ownerFleetConfigSchema>;

export const computeConfigSchema = z
  .strictObject({
    signals: signalsConfigSchema.default(() => signalsConfigSchema.parse({}, PARSE_ONCE)),
    fleets: z.array(ownerFleetConfigSchema).max(20).default([]),
    /** The owner's sites (shared/domain/site.ts): capacity, power price, the fleets on them, a lease offer. */
    sites: z.array(siteConfigSchema).max(20).default([]),
    /** Pool fee assumed for the catalog break-evens and the global fleet share, percent. */
    globalFleetPoolFeePct: z.number().min(0).max(100).default(2),
    /** Currency of the e-mail texts (USD, EUR, GBP, CAD, CHF, AUD, JPY); evidence stays in USD. */
    currency: currencySchema.default('USD'),
    /** Days profitability snapshots are kept (TTL), like the raw snapshots they come from. */
    profitabilityRetentionDays: z.number().int().positive().max(3650).default(90),
  })
  .refine((c) => new Set(c.fleets.map((f) => f.name)).size === c.fleets.length, {
    message: 'fleet names must be unique',
    path: ['fleets'],
  })
  .superRefine((c, ctx) => checkSites(c, ctx));
export type ComputeConfig = z.infer<typeof computeConfigSchema>;

/** The fleet terms a site's fleets must share: a site is priced as one fleet (shared/compute/ownerSites.ts). */
export const SITE_SHARED_FLEET_TERMS = ['poolFeePct', 'uptimePct', 'hostingOpexUsdPerMachinePerDay'] as const;

/**
 * A site names fleets of `fleets`, each on one site at most, and its fleets share their pool fee,
 * uptime and hosting (the site's power price replaces theirs): each mistake is named by its path.
 */
function checkSites(
  c: { fleets: readonly OwnerFleetConfig[]; sites: readonly z.output<typeof siteConfigSchema>[] },
  ctx: z.RefinementCtx,
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

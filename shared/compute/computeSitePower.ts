/**
 * The sites' run-or-curtail pass: for every market-priced site, the price to decide on at the
 * decision time (or none fresh enough), the hashprice in force and the classes' stored modes go
 * to the site signals (site-power-stale, site-curtail announced as site-curtail / site-resume),
 * whose transitions commit with their events and outbox entries like every other signal's.
 *
 * It runs at two moments, each with its own decision time, so that the strike moves with hashprice
 * and the decision follows every price: on a new snapshot, at the time the snapshot was observed
 * (its new hashprice); on a new stored price interval, at the time it was stored (with the latest
 * profitability record's hashprice, if it is recent enough). The same stream record delivered twice
 * decides at the same time, which the state machine ignores the second time: no duplicate event.
 */
import type { PowerPriceStore } from '../power/ports';
import { currentPrice } from '../domain/power/powerPriceChecks';
import { MS_PER_MINUTE, type IntervalPrice } from '../domain/power/intervalPrice';
import { siteClassStates, type SitePowerInput } from '../domain/power/sitePowerSignals';
import { sitePassInput } from '../domain/signals/signalInput';
import { evaluateSignals, SITE_POWER_SIGNALS } from '../domain/signals/evaluateSignals';
import type { SignalState } from '../domain/signals/signalState';
import type { CurtailmentSite } from './curtailmentSites';
import type { ComputeConfig } from '../config/computeConfig';
import type { SignalStateStore, VersionedSignalState } from './ports';
import { commitEvaluation, type CommittedEvaluation } from './commitEvaluation';
import type { ProfitabilityRecord } from '../store/profitabilityRecord';

export interface SitePowerDependencies {
  sites: readonly CurtailmentSite[];
  prices: Pick<PowerPriceStore, 'startingWithin' | 'latest'>;
  /** The latest profitability record: the hashprice a price-triggered decision uses. */
  latestProfitability: () => Promise<ProfitabilityRecord | undefined>;
}

/**
 * A hashprice older than this decides nothing on a new price: the snapshots come every 10 minutes,
 * so two hours without one means the ingest is down, and a strike from then may be far off.
 */
export const MAX_HASHPRICE_AGE_MS = 2 * 60 * MS_PER_MINUTE;

/** How far ahead a decision reads: a day-ahead interval covering the decision may start up to an hour before it. */
const LOOK_AHEAD_MS = 60 * MS_PER_MINUTE;

async function sitePowerInput(
  site: CurtailmentSite,
  decidedAtMs: number,
  hashpriceUsdPerPhDay: number | undefined,
  prices: SitePowerDependencies['prices'],
  stored: Iterable<SignalState>,
): Promise<SitePowerInput> {
  const maxAgeMs = site.maxPriceAgeMinutes * MS_PER_MINUTE;
  const recent = await prices.startingWithin(site.site, {
    // The longest interval (60 min) that ended maxAge ago started maxAge + 60 min ago.
    fromIso: new Date(decidedAtMs - maxAgeMs - 60 * MS_PER_MINUTE).toISOString(),
    toIso: new Date(decidedAtMs + LOOK_AHEAD_MS).toISOString(),
  });
  const price = currentPrice(recent, decidedAtMs, maxAgeMs);
  // Only the stale case needs the latest interval from further back (to say how old it is).
  const latestPrice: IntervalPrice | undefined =
    price ?? recent.filter((p) => Date.parse(p.startIso) <= decidedAtMs).at(-1) ?? (await prices.latest(site.site));
  const priceAgeMinutes =
    latestPrice === undefined ? undefined : Math.max(0, (decidedAtMs - Date.parse(latestPrice.endIso)) / MS_PER_MINUTE);
  return {
    site: site.site,
    price,
    latestPrice,
    priceAgeMinutes,
    maxPriceAgeMinutes: site.maxPriceAgeMinutes,
    hashpriceUsdPerPhDay,
    poolFeeFraction: site.poolFeeFraction,
    classes: site.classes,
    policy: site.policy,
    states: siteClassStates(site.site, stored),
  };
}

/** What the site pass needs of the compute's dependencies. */
export interface SitePassDependencies {
  states: SignalStateStore;
  config: Pick<ComputeConfig, 'signals'>;
  sitePower?: SitePowerDependencies | undefined;
}

export interface SiteDecisionTrigger {
  /** ISO time of the decision: every event's occurredAt. */
  decidedAt: string;
  /** The hashprice in force, USD/PH/day (undefined: none recent, nothing is decided). */
  hashpriceUsdPerPhDay: number | undefined;
}

/**
 * The site pass at one decision time; nothing to do (and nothing read) without market-priced sites.
 * `storedNow`: the versioned states as a pass of this invocation just left them (the snapshot's
 * pass), instead of listing them again.
 */
export async function decideSitePower(
  trigger: SiteDecisionTrigger,
  deps: SitePassDependencies,
  storedNow?: Map<string, VersionedSignalState>,
): Promise<CommittedEvaluation> {
  const sitePower = deps.sitePower;
  if (!sitePower || sitePower.sites.length === 0) return { recorded: [], latest: new Map(), stored: new Map() };
  const decidedAtMs = Date.parse(trigger.decidedAt);
  const stored = storedNow ?? (await deps.states.list());
  const storedStates = [...stored.values()].map((v) => v.state);
  const inputs = await Promise.all(
    sitePower.sites.map((site) =>
      sitePowerInput(site, decidedAtMs, trigger.hashpriceUsdPerPhDay, sitePower.prices, storedStates),
    ),
  );
  return commitEvaluation(deps, stored, (previous) =>
    evaluateSignals(
      sitePassInput(
        trigger.decidedAt,
        inputs.map((input) => ({
          ...input,
          // Re-read states after a conflict: the modes come from what is stored now.
          states: siteClassStates(input.site, previous.values()),
        })),
      ),
      previous,
      deps.config.signals,
      SITE_POWER_SIGNALS,
    ),
  );
}

/**
 * The site pass for a newly stored price interval, at the time it was stored, with the latest
 * profitability record's hashprice (none when it is older than MAX_HASHPRICE_AGE_MS).
 */
export async function decideOnStoredPrice(storedAt: string, deps: SitePassDependencies): Promise<CommittedEvaluation> {
  if (!deps.sitePower || deps.sitePower.sites.length === 0)
    return { recorded: [], latest: new Map(), stored: new Map() };
  const record = await deps.sitePower.latestProfitability();
  const fresh = record !== undefined && Date.parse(storedAt) - Date.parse(record.observedAt) <= MAX_HASHPRICE_AGE_MS;
  return decideSitePower(
    { decidedAt: storedAt, hashpriceUsdPerPhDay: fresh ? record.hashprice.expectedUsdPerPhDay : undefined },
    deps,
  );
}

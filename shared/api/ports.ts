/**
 * The read API's ports: what its use cases read, and nothing they write. The DynamoDB adapters
 * (shared/adapters/dynamo/apiReaders.ts) implement them with Query and GetItem only, on the
 * partitions named in tableKeys.ts; tests may implement them in memory.
 */
import type { ModelLookup } from '../calculator/ports';
import type { OwnerSite } from '../compute/ownerSites';
import type { ProfitabilityRecord } from '../store/profitabilityRecord';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import type { SignalEvent } from '../domain/signals/eventDocument';
import type { SignalState } from '../domain/signals/signalState';
import type { MinerSeriesSource } from './miners';
import type { CurtailmentSite } from '../compute/curtailmentSites';
import type { CurtailmentTimelineReader, PowerPriceStore } from '../power/ports';
import type { SignalsConfig } from '../domain/signals/signalsConfig';

/** The newest profitability record and the network snapshot it was computed from. */
export interface LatestStateReader {
  latestProfitability(): Promise<ProfitabilityRecord | undefined>;
  snapshot(intervalStart: string): Promise<NetworkSnapshot | undefined>;
  latestSnapshot(): Promise<NetworkSnapshot | undefined>;
}

export interface SignalReader {
  /** Every stored signal state (one per signal and subject). */
  states(): Promise<SignalState[]>;
  /** The newest `limit` events, newest first. */
  recentEvents(limit: number): Promise<SignalEvent[]>;
}

export interface DailyHistoryReader {
  /** Daily rollups with from <= date <= to, oldest first, at most `limit` of them. */
  daysBetween(fromDate: string, toDate: string, limit: number): Promise<DailyNetwork[]>;
}

/** The owner's sites (compute config `sites`) with the calculator request of each, and the catalog lookup that prices them. */
export interface OwnerSitesSource {
  sites: readonly OwnerSite[];
  lookupModel: ModelLookup;
}

export interface ApiPorts {
  latest: LatestStateReader;
  signals: SignalReader;
  history: DailyHistoryReader;
  /** Pool fee assumed for the global fleet share of each past day (the compute's globalFleetPoolFeePct). */
  globalFleetPoolFeeFraction: number;
  /** GET /v1/sites; absent: no site is configured (the route answers an empty list). */
  sites?: OwnerSitesSource | undefined;
  /** GET /v1/sites/{id}/curtailment; absent: no site is on a market (the route answers 404). */
  curtailment?: SiteCurtailmentPorts | undefined;
  /** GET /v1/miners; absent: the series bundled with the code (shared/data/publicMinersMonthly.json). */
  miners?: MinerSeriesSource | undefined;
  /** The signals' config (their dwell times, for GET /v1/signals' pendingCommit); absent: no pendingCommit. */
  signalsConfig?: SignalsConfig | undefined;
  /** The clock the miner ages are counted on (tests fix it); absent: now. */
  nowMs?: (() => number) | undefined;
}

/** What the route reads: the market-priced sites as the compute decides them, their timelines and prices. */
export interface SiteCurtailmentPorts {
  sites: readonly Pick<CurtailmentSite, 'site' | 'classes' | 'poolFeeFraction'>[];
  timeline: CurtailmentTimelineReader;
  prices: Pick<PowerPriceStore, 'startingWithin'>;
}

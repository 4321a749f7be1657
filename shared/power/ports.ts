/**
 * What the power price use cases need from the outside world, declared beside them: a source of
 * interval prices for one site. ERCOT (public API, then the report archive), ENTSO-E, an owner's
 * feed and a fixed tariff each implement it (shared/adapters/power reads their answers), and every
 * one answers in the domain's IntervalPrice, already in USD/MWh, or throws a PowerPriceError naming
 * the site and the field.
 */
import type { ModeChange } from '../domain/power/curtailmentTimeline';
import type { IntervalPrice, PowerMarket } from '../domain/power/intervalPrice';

export interface PowerPriceWindow {
  /** ISO 8601 UTC, inclusive. */
  fromIso: string;
  /** ISO 8601 UTC, exclusive. */
  toIso: string;
}

export interface PowerPriceSourcePort {
  readonly market: PowerMarket;
  /** The site the prices are for (named in every error). */
  readonly site: string;
  prices(window: PowerPriceWindow): Promise<IntervalPrice[]>;
}

/** What storing a batch of a site's prices did, interval by interval. */
export interface StoredPrices {
  /** New intervals written. */
  stored: number;
  /** Intervals already stored with the same price (a re-fetch, a retried write). */
  unchanged: number;
  /**
   * Intervals already stored with another price: the first stored is kept (what was decided on),
   * and each is reported, never silently overwritten or dropped.
   */
  differing: Array<{ startIso: string; storedUsdPerMwh: number; fetchedUsdPerMwh: number }>;
}

/** The site's stored interval prices (the table, keyed by site and interval start). */
export interface PowerPriceStore {
  putPrices(site: string, prices: readonly IntervalPrice[], expiresAtEpochSeconds: number): Promise<StoredPrices>;
  /** The stored interval with the latest start, if any. */
  latest(site: string): Promise<IntervalPrice | undefined>;
  /** The stored intervals starting in [fromIso, toIso), oldest first. */
  startingWithin(site: string, window: PowerPriceWindow): Promise<IntervalPrice[]>;
}

/** A site's live curtailment timeline (curtailmentTimeline.ts), as the compute stored it. */
export interface CurtailmentTimelineReader {
  /**
   * The mode changes taking effect in [fromIso, toIso), oldest first, and, for each class, the last
   * change before fromIso (the mode in force when the window opens; a class with none ran).
   * `classes`, when given, lets the read of `before` stop once each named class has its change
   * (without it, every class ever stored is looked back for).
   */
  modeChanges(
    site: string,
    window: PowerPriceWindow,
    classes?: readonly string[],
  ): Promise<{ before: ModeChange[]; within: ModeChange[] }>;
}

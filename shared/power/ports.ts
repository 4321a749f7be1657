/**
 * What the power price use cases need from the outside world, declared beside them: a source of
 * interval prices for one site. ERCOT (public API, then the report archive), ENTSO-E, an owner's
 * feed and a fixed tariff each implement it (shared/adapters/power reads their answers), and every
 * one answers in the domain's IntervalPrice, already in USD/MWh, or throws a PowerPriceError naming
 * the site and the field.
 */
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

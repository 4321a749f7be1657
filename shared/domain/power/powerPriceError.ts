/**
 * The one error every power price reader and check throws: it names the site and the field, says
 * what was wrong, and carries a kind so that the caller can tell a throttled source (retry later)
 * from bad data (never decide on it).
 */

export type PowerPriceErrorKind =
  /** The body is not the data asked for (an HTML page, an error document, not JSON/XML/CSV). */
  | 'not-data'
  /** The data lacks a field, or a field has the wrong type. */
  | 'schema'
  /** A price outside the market's cap or floor: most often a unit slip (c/kWh read as $/MWh). */
  | 'range'
  /** A unit the reader does not know. */
  | 'unit'
  /** An interval whose length or boundaries do not add up. */
  | 'interval'
  /** The latest price is older than allowed. */
  | 'stale'
  /** An interval too far in the future to be a market price. */
  | 'future'
  /** The asked settlement point or zone is not in the answer. */
  | 'missing-location'
  /** Two different prices for one interval. */
  | 'conflict'
  /** HTTP 429 (ERCOT allows 30 requests a minute): try again later. */
  | 'throttled'
  /** HTTP 401/403: the key or token is missing, wrong or expired. */
  | 'unauthorized'
  /** Any other HTTP failure. */
  | 'http';

export class PowerPriceError extends Error {
  constructor(
    readonly site: string,
    readonly field: string,
    readonly kind: PowerPriceErrorKind,
    detail: string,
  ) {
    super(`site "${site}": ${field}: ${detail}`);
    this.name = 'PowerPriceError';
  }
}

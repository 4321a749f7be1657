/**
 * The observability contract between the functions (which emit metrics with Powertools, in EMF)
 * and the infrastructure (whose alarms and dashboard read them). CloudWatch matches a metric only
 * on its exact name and full set of dimensions, so both sides import these constants: a renamed
 * metric or service would otherwise leave an alarm watching a metric that no longer exists.
 *
 * Powertools adds the dimension `service` (= POWERTOOLS_SERVICE_NAME) to every metric.
 */
export const METRICS_NAMESPACE = 'Hashwatch';

/** Values of POWERTOOLS_SERVICE_NAME, i.e. of the `service` dimension. */
export const SERVICE_NAMES = {
  ingest: 'ingest',
  compute: 'compute',
  calculator: 'calculator',
} as const;

export const INGEST_METRICS = {
  /** Count, 1 per stored snapshot; the stale-data alarm fires when it stays below 1. */
  snapshotStored: 'SnapshotStored',
  snapshotRejected: 'SnapshotRejected',
  /** Count with dimension `Source`. */
  sourceSuccess: 'SourceSuccess',
  /** Count with dimension `Source`. */
  sourceFailure: 'SourceFailure',
  /** Milliseconds with dimension `Source`. */
  sourceLatency: 'SourceLatency',
  fallbackUsed: 'FallbackUsed',
  dataFreshnessSeconds: 'DataFreshnessSeconds',
} as const;

export const COMPUTE_METRICS = {
  hashpriceUsdPerPhDay: 'HashpriceUsdPerPhDay',
  fleetShareNegativePct: 'FleetShareNegativePct',
  /** 0 (clear) or 1 (active), with dimension `Signal`. */
  signalActive: 'SignalActive',
  eventsPublished: 'EventsPublished',
  publishFailures: 'PublishFailures',
} as const;

export const METRIC_DIMENSIONS = {
  service: 'service',
  source: 'Source',
  signal: 'Signal',
} as const;

/** The upstream sources the ingest function reports on (dimension `Source`). */
export const INGEST_SOURCES = ['mempool', 'coinbase', 'kraken', 'coingecko', 'blockchain-info'] as const;
export type IngestSource = (typeof INGEST_SOURCES)[number];

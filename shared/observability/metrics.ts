/**
 * The observability contract between the functions (which emit metrics with Powertools, in EMF)
 * and the infrastructure (whose alarms and dashboard read them). CloudWatch matches a metric only
 * on its exact name and full set of dimensions, so both sides import these constants: a renamed
 * metric or service would otherwise leave an alarm watching a metric that no longer exists.
 *
 * Budget: CloudWatch bills $0.30 a month for every distinct metric name + dimension set (values
 * included) beyond the 10 that are always free. Every metric here carries exactly one dimension,
 * `service` (Powertools adds it: POWERTOOLS_SERVICE_NAME), and nothing else: no per-source or
 * per-signal dimension, no ColdStart metric (it carries `function_name` too). So the functions
 * together can emit exactly METRIC_COMBINATIONS, and test/unit/observability/metricBudget.test.ts
 * holds that list to FREE_CUSTOM_METRICS. Detail that would need a dimension (which source failed,
 * which signal is active, latency per source) is in the structured logs, and the dashboard reads it
 * with CloudWatch Logs Insights.
 */
export const METRICS_NAMESPACE = 'Hashwatch';

/** Custom metrics (name + dimension set) CloudWatch includes free in every account, every month. */
export const FREE_CUSTOM_METRICS = 10;

/** Values of POWERTOOLS_SERVICE_NAME, i.e. of the `service` dimension. */
export const SERVICE_NAMES = {
  ingest: 'ingest',
  compute: 'compute',
  calculator: 'calculator',
  /**
   * The read API (functions/api). Its metric is the calculator's CalculatorFailed, under the
   * calculator's service (the free ten are spent): one failure count, and one alarm, for our
   * 500s behind either Function URL; the logs' `service` tells the two apart.
   */
  api: 'api',
  /** Emits no metrics (the budget is spent): its failures show as Lambda errors and DLQ depth. */
  notifier: 'notifier',
  /** The power price ingest (functions/power): per-site metrics, outside the free ten (POWER_METRICS). */
  power: 'power',
} as const;
export type ServiceName = (typeof SERVICE_NAMES)[keyof typeof SERVICE_NAMES];

export const INGEST_METRICS = {
  /** Count, 1 per stored snapshot; the stale-data alarm fires when it stays below 1. */
  snapshotStored: 'SnapshotStored',
  /** Count, 1 per cycle whose snapshot failed the checks (nothing stored). */
  snapshotRejected: 'SnapshotRejected',
  /** Count of upstream calls that failed after their retries, all sources together (0 each run). */
  sourceFailures: 'SourceFailures',
} as const;

export const COMPUTE_METRICS = {
  hashpriceUsdPerPhDay: 'HashpriceUsdPerPhDay',
  fleetShareNegativePct: 'FleetShareNegativePct',
  /** Count of signals with at least one active subject (0 to SIGNAL_IDS.length); which ones: the logs. */
  activeSignals: 'ActiveSignals',
  publishFailures: 'PublishFailures',
  /**
   * Count of stream records the compute reported failed in an invocation (0 each run). The
   * handler answers with a partial batch response instead of throwing, so Lambda's Errors metric
   * never sees these; the record-failures alarm watches this.
   */
  recordFailures: 'RecordFailures',
  /**
   * Seconds the oldest pending event has waited since its decision (0: the outbox is empty),
   * after every drain: each compute's and the scheduled one's. The outbox-age alarm watches it.
   */
  outboxPendingAgeSeconds: 'OutboxPendingAgeSeconds',
} as const;

/**
 * Figures that were metrics and are now log lines (`ingest counter`) or AWS's own free metrics, to
 * keep the ten free slots for what the alarms need: the fields taken from a fallback source (ingest
 * log line `ingest counter`, counter `FallbackUsed`), and the events published (the alerts topic's
 * own NumberOfMessagesPublished: the compute is its only publisher).
 */
export const INGEST_LOG_COUNTERS = { fallbackUsed: 'FallbackUsed' } as const;

export const CALCULATOR_METRICS = {
  /** Count, 0 or 1 per request: 1 when the calculator failed on our side (an HTTP 500 answer). */
  calculatorFailed: 'CalculatorFailed',
} as const;

export const METRIC_DIMENSIONS = {
  service: 'service',
} as const;

/**
 * The power ingest's metrics, one set per site whose price is fetched: the one exception to the
 * single `service` dimension, because the alarm that matters ("this site has had no good price for
 * its configured time") is a site's own. They are billed beyond the free ten, and counted in
 * `BENCH monthly-cost-one-ercot-site` (bench/cost.bench.ts): two metrics a site that exist every
 * hour (price age, intervals stored), and a failure count per site and error kind that exists only
 * in the hours that kind of failure happens (CloudWatch bills a metric by the hours it receives data).
 */
export const POWER_METRICS = {
  /**
   * Minutes, after every round: the age of the price a decision would read now (0 while a stored
   * interval covers now, else minutes since the end of the latest ended one). Not emitted when the
   * site has no price stored at all. The site's price-age alarm watches it against its
   * `curtailment.maxPriceAgeMinutes`, a missing value counting as too old.
   */
  priceAgeMinutes: 'PriceAgeMinutes',
  /** Count of new intervals stored by the round (0 included, so quiet rounds show as 0, not gaps). */
  pricesStored: 'PricesStored',
  /** Count, 1 per failed round of the site, with the error's kind as a dimension (emitted only on failure). */
  priceFetchFailures: 'PriceFetchFailures',
} as const;

/** The dimensions the power metrics add to `service`. */
export const POWER_METRIC_DIMENSIONS = {
  /** The site's config name. */
  site: 'site',
  /** The PowerPriceErrorKind of a failure (PriceFetchFailures only). */
  kind: 'kind',
} as const;

/** Power metrics that exist every hour for each site (the cost model counts these per site). */
export const POWER_METRICS_PER_SITE_ALWAYS = [POWER_METRICS.priceAgeMinutes, POWER_METRICS.pricesStored] as const;

export type IngestMetricName = (typeof INGEST_METRICS)[keyof typeof INGEST_METRICS];
export type ComputeMetricName = (typeof COMPUTE_METRICS)[keyof typeof COMPUTE_METRICS];
export type CalculatorMetricName = (typeof CALCULATOR_METRICS)[keyof typeof CALCULATOR_METRICS];

/** One billable metric: its name and its full dimension set. */
export interface MetricCombination {
  service: ServiceName;
  metricName: string;
  dimensions: Readonly<Record<string, string>>;
}

const combinationsOf = (service: ServiceName, names: Record<string, string>): MetricCombination[] =>
  Object.values(names).map((metricName) => ({
    service,
    metricName,
    dimensions: { [METRIC_DIMENSIONS.service]: service },
  }));

/** Every metric the ingest, compute and calculator can emit (the power ingest's are per site: POWER_METRICS). */
export const METRIC_COMBINATIONS: readonly MetricCombination[] = [
  ...combinationsOf(SERVICE_NAMES.ingest, INGEST_METRICS),
  ...combinationsOf(SERVICE_NAMES.compute, COMPUTE_METRICS),
  ...combinationsOf(SERVICE_NAMES.calculator, CALCULATOR_METRICS),
];

/**
 * The structured log line the ingest function writes for every upstream call, at info level (warn
 * for a retry or a failure); the dashboard's Logs Insights widget reads these fields, and
 * test/integration/ingest/handler.test.ts holds the handler to them.
 */
export interface SourceCallLogFields {
  source: string;
  endpoint: string;
  outcome: 'ok' | 'failed';
  latencyMs: number;
  attempts: number;
}

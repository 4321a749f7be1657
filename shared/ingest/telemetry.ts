/**
 * What the ingest use case reports, kept free of Powertools: the handler maps these onto the
 * logger and the metrics the alarms and dashboard use (shared/observability/metrics.ts): the
 * handler decides which counters are metrics and which are only log lines.
 */
export type IngestCounter =
  'SnapshotStored' | 'SnapshotRejected' | 'SnapshotDuplicate' | 'FallbackUsed' | 'PriceSourcesDisagree';

export interface IngestTelemetry {
  count(metric: IngestCounter, value?: number): void;
  /** Age of the newest data point stored (the newest snapshot), seconds. */
  freshness(seconds: number): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  /** An answer refused outright (the tip watch's unusable tip height): a log line at ERROR. */
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentTelemetry: IngestTelemetry = {
  count: () => undefined,
  freshness: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Builds the real ingest handler (createIngestHandler, the factory functions/ingest/handler.ts
 * wires) against DynamoDB Local and the fake upstream, a fresh one (table, config) per call, and
 * captures what Powertools prints (EMF metric documents and structured log lines) so tests can read them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { vi } from 'vitest';
import { createIngestHandler, type IngestSummary, type TipWatchSummary } from '../../functions/ingest/ingestHandler';
import { DynamoNetworkRepository } from '../../shared/adapters/dynamo/networkRepository';
import { parseIngestConfig } from '../../shared/config/ingestConfig';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { METRICS_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metrics';
import { deployedRole } from './iam/iamRole';
import { roleDynamoClient } from './iam/roleClients';
import { lambdaContext } from './lambdaContext';

export interface CapturedOutput {
  lines: Record<string, unknown>[];
  /** Sum of a metric across every EMF document. */
  metric(name: string): number;
  metricValues(name: string): number[];
  /** Sum of a counter that is a log line (`ingest counter`), not a metric. */
  counter(name: string): number;
  logs(level: string): Record<string, unknown>[];
  /** The per-call log lines (one per upstream call), optionally of one source and one outcome. */
  sourceCalls(source?: string, outcome?: 'ok' | 'failed'): Record<string, unknown>[];
  /** Every `[metric name, dimension set]` in the EMF documents (what CloudWatch would bill). */
  metricCombinations(): string[];
}

export interface LoadedHandler {
  invoke(event?: Record<string, unknown>): Promise<{ summary: IngestSummary; output: CapturedOutput }>;
  /** The tip watch schedule's invocation (payload `{ "watch": "tip" }`) at `now`. */
  watch(now: string): Promise<{ summary: TipWatchSummary; output: CapturedOutput }>;
}

export async function loadIngestHandler(opts: {
  endpoint: string;
  tableName: string;
  config: Record<string, unknown>;
  /** The local run and replays pass `now` in the event; the deployed function ignores it. Default true. */
  allowClockOverride?: boolean;
}): Promise<LoadedHandler> {
  // Powertools picks its output (the global console, which the capture below spies on) and its
  // metrics switch from its own env vars when a Logger or Metrics is built; the handler's own
  // configuration (table, config, clients) is passed to the factory.
  Object.assign(process.env, { POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'false' });
  const handler = createIngestHandler({
    config: parseIngestConfig(JSON.stringify(opts.config)),
    // The ingest code's own client, under the ingest role of the synthesized template.
    repository: new DynamoNetworkRepository(
      roleDynamoClient(opts.endpoint, deployedRole('ingest', { tableName: opts.tableName })),
      opts.tableName,
    ),
    logger: new Logger({ serviceName: SERVICE_NAMES.ingest, logLevel: 'INFO' }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAMES.ingest }),
    bundledEpochs: () => loadDifficultyEpochs(),
    allowClockOverride: opts.allowClockOverride ?? true,
  });
  const run = async <T>(event: Record<string, unknown>): Promise<{ summary: T; output: CapturedOutput }> => {
    const lines: Record<string, unknown>[] = [];
    const capture = (...args: unknown[]): void => {
      for (const arg of args) {
        if (typeof arg !== 'string') continue;
        try {
          lines.push(JSON.parse(arg) as Record<string, unknown>);
        } catch {
          // not a JSON line
        }
      }
    };
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(capture),
    );
    try {
      const summary = (await handler(event, lambdaContext('hashwatch-ingest-test', 'test-request'))) as T;
      return { summary, output: captured(lines) };
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  };
  return {
    invoke: (event = {}) => run<IngestSummary>(event),
    watch: (now) => run<TipWatchSummary>({ watch: 'tip', now }),
  };
}

function captured(lines: Record<string, unknown>[]): CapturedOutput {
  const emf = lines.filter((l) => typeof l._aws === 'object');
  return {
    lines,
    metric(name) {
      return emf.reduce(
        (sum, d) =>
          sum +
          (typeof d[name] === 'number'
            ? (d[name] as number)
            : Array.isArray(d[name])
              ? (d[name] as number[]).reduce((a, b) => a + b, 0)
              : 0),
        0,
      );
    },
    metricValues(name) {
      return emf.flatMap((d) =>
        typeof d[name] === 'number' ? [d[name] as number] : Array.isArray(d[name]) ? (d[name] as number[]) : [],
      );
    },
    counter(name) {
      return lines
        .filter((l) => l.message === 'ingest counter' && l.counter === name)
        .reduce((sum, l) => sum + Number(l.value), 0);
    },
    logs(level) {
      return lines.filter(
        (l) => typeof l.level === 'string' && (l.level as string).toUpperCase() === level.toUpperCase(),
      );
    },
    sourceCalls(source, outcome) {
      return lines.filter(
        (l) =>
          typeof l.source === 'string' &&
          (l.outcome === 'ok' || l.outcome === 'failed') &&
          (source === undefined || l.source === source) &&
          (outcome === undefined || l.outcome === outcome),
      );
    },
    metricCombinations() {
      return emfCombinations(emf);
    },
  };
}

/** `[name, {dimension: value}]` of every metric in these EMF documents, as JSON strings, deduplicated. */
export function emfCombinations(documents: Record<string, unknown>[]): string[] {
  const out = new Set<string>();
  for (const d of documents) {
    const aws = d._aws as { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    for (const directive of aws.CloudWatchMetrics) {
      for (const dimensionSet of directive.Dimensions) {
        const dimensions = Object.fromEntries(dimensionSet.map((name) => [name, String(d[name])]));
        for (const metric of directive.Metrics) out.add(JSON.stringify([metric.Name, dimensions]));
      }
    }
  }
  return [...out].sort();
}

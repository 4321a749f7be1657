/**
 * Runs the real ingest handler (functions/ingest/handler.ts) against DynamoDB Local and the fake
 * upstream, with a fresh module (fresh table and config) per call, and captures what Powertools
 * prints (EMF metric documents and structured log lines) so tests can read them.
 */
import { vi } from 'vitest';
import type { Context } from 'aws-lambda';
import type { IngestSummary } from '../../functions/ingest/handler';

export interface CapturedOutput {
  lines: Record<string, unknown>[];
  /** Sum of a metric across every EMF document. */
  metric(name: string): number;
  metricValues(name: string): number[];
  logs(level: string): Record<string, unknown>[];
  /** The per-call log lines (one per upstream call), optionally of one source and one outcome. */
  sourceCalls(source?: string, outcome?: 'ok' | 'failed'): Record<string, unknown>[];
  /** Every `[metric name, dimension set]` in the EMF documents (what CloudWatch would bill). */
  metricCombinations(): string[];
}

const lambdaContext = {
  functionName: 'hashwatch-ingest-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:hashwatch-ingest-test',
  memoryLimitInMB: '256',
  awsRequestId: 'test-request',
  logGroupName: '/aws/lambda/hashwatch-ingest-test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as unknown as Context;

export interface LoadedHandler {
  invoke(event?: Record<string, unknown>): Promise<{ summary: IngestSummary; output: CapturedOutput }>;
}

export async function loadIngestHandler(opts: {
  endpoint: string;
  tableName: string;
  config: Record<string, unknown>;
  /** The local run and replays pass `now` in the event; the deployed function ignores it. Default true. */
  allowClockOverride?: boolean;
}): Promise<LoadedHandler> {
  vi.resetModules();
  if (opts.allowClockOverride === false) delete process.env.HASHWATCH_ALLOW_CLOCK_OVERRIDE;
  else process.env.HASHWATCH_ALLOW_CLOCK_OVERRIDE = 'true';
  Object.assign(process.env, {
    TABLE_NAME: opts.tableName,
    HASHWATCH_INGEST_CONFIG: JSON.stringify(opts.config),
    AWS_ENDPOINT_URL_DYNAMODB: opts.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Powertools prints to the global console in dev mode; keep metrics enabled there.
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_DISABLED: 'false',
    POWERTOOLS_LOG_LEVEL: 'INFO',
  });
  const mod = await import('../../functions/ingest/handler');
  return {
    async invoke(event = {}) {
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
        const summary = (await mod.handler(event, lambdaContext)) as IngestSummary;
        return { summary, output: captured(lines) };
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    },
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

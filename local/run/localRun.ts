/**
 * The whole pipeline on one laptop, as AWS runs it: DynamoDB Local stands in for the table, a
 * schedule loop for EventBridge Scheduler (invoking the real ingest handler), and the stream poller
 * for the event source mapping (feeding the real compute handler the exact DynamoDBStreamEvent).
 * This module owns the lifecycle: start in order, and on abort stop in reverse order, leaving no
 * process behind (the DynamoDB Local JVM is awaited until it has exited).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal, type DynamoLocal } from '../devtools/dynamoLocal';
import { createHashwatchTable } from '../devtools/createTable';
import { localDynamoClient } from '../devtools/localClient';
import { DynamoStreamPoller, localStreamsClient, type StreamHandler } from '../devtools/streamPoller';
import { runSchedule } from './schedule';

export interface LocalTable {
  endpoint: string;
  tableName: string;
  streamArn: string;
  client: DynamoDBClient;
}

/** The handlers and views a local run drives; built once the table exists. */
export interface LocalPipeline {
  /** One scheduled ingest invocation (the first one backfills). */
  runIngest(now: Date): Promise<void>;
  /** The compute function's handler, fed by the stream poller. */
  computeHandler: StreamHandler;
  /** Events published so far (the sink counts them). */
  eventsPublished(): number;
  /** The status block printed after each cycle. */
  status(cycle: number, now: Date, eventsThisCycle: number): Promise<string[]>;
  close?(): Promise<void>;
}

export interface LocalRunOptions {
  tableName?: string;
  intervalMs: number;
  signal: AbortSignal;
  maxCycles?: number;
  write: (line: string) => void;
  createPipeline: (table: LocalTable) => Promise<LocalPipeline>;
  now?: () => Date;
}

/** Runs until the signal aborts (Ctrl-C) or maxCycles; always tears everything down. */
export async function runLocal(options: LocalRunOptions): Promise<void> {
  const { write } = options;
  const now = options.now ?? (() => new Date());
  let dynamo: DynamoLocal | undefined;
  let pipeline: LocalPipeline | undefined;
  let client: DynamoDBClient | undefined;
  const streams: { destroy(): void }[] = [];
  try {
    dynamo = await startDynamoLocal();
    write(`DynamoDB Local listening on ${dynamo.endpoint} (pid ${dynamo.pid ?? '?'}), in memory`);
    if (options.signal.aborted) return;
    client = localDynamoClient(dynamo.endpoint);
    const tableName = options.tableName ?? 'hashwatch-local';
    const { streamArn } = await createHashwatchTable(client, tableName);
    write(`Table ${tableName} created with a NEW_IMAGE stream`);
    write(
      `Price on it from another terminal: TABLE_NAME=${tableName} AWS_ENDPOINT_URL_DYNAMODB=${dynamo.endpoint} npm run --silent calc -- examples/calc-s19xp.json`,
    );
    pipeline = await options.createPipeline({ endpoint: dynamo.endpoint, tableName, streamArn, client });
    const streamsClient = localStreamsClient(dynamo.endpoint);
    streams.push(streamsClient);
    const poller = new DynamoStreamPoller({ client: streamsClient, streamArn, startingPosition: 'TRIM_HORIZON' });
    const activePipeline = pipeline;
    const cycles = await runSchedule({
      intervalMs: options.intervalMs,
      signal: options.signal,
      maxCycles: options.maxCycles,
      cycle: async (index) => {
        const before = activePipeline.eventsPublished();
        const startedAt = now();
        await activePipeline.runIngest(startedAt);
        // Drain the stream: everything the ingest wrote reaches compute before the status is read.
        for (let round = 0; round < 20; round += 1) {
          const report = await poller.deliver(activePipeline.computeHandler);
          if (report.invocations === 0) break;
        }
        for (const line of await activePipeline.status(index, now(), activePipeline.eventsPublished() - before))
          write(line);
      },
      onError: (error, index) =>
        write(`cycle ${index} failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    if (options.signal.aborted) write(`Stopping after ${cycles} cycle(s)...`);
  } finally {
    await pipeline
      ?.close?.()
      .catch((error: unknown) =>
        write(`closing the pipeline failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    for (const s of streams) s.destroy();
    client?.destroy();
    if (dynamo) {
      await dynamo.stop();
      write('DynamoDB Local stopped');
    }
  }
}

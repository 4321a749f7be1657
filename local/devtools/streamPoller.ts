/**
 * Reads a table's stream (DynamoDB Local, or DynamoDB) and plays the part of Lambda's event source
 * mapping: it turns stream records into the exact `DynamoDBStreamEvent` Lambda delivers, drops the
 * records the mapping's filter rejects, cuts batches of `batchSize`, keeps records of a shard in
 * order, and honours partial batch responses (a reported failure is retried from that record on,
 * up to `maxRetryAttempts`, then discarded, as Lambda does with an on-failure destination).
 *
 * What GetRecords gives is not yet what Lambda gives (docs/toolchain.md): it lacks `eventSourceARN`,
 * `ApproximateCreationDateTime` is a Date (Lambda: epoch seconds) and binary attributes are bytes
 * (Lambda: base64 strings). `toLambdaStreamRecord` converts.
 */
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as StreamAttributeValue,
  type _Record as StreamApiRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_REQUEST_TIMEOUT_MS } from './localClient';
import { dynamoDbStreamsClient } from '../../shared/adapters/aws/dynamoDbStreamsClient';
import { matchesComputeFilter } from '../../shared/store/streamFilter';

/**
 * The deployed event source mapping's settings (infra/constructs/computation.ts, STREAM_SETTINGS):
 * batches of 10 records, 3 retries of a failing record before it goes to the failure queue.
 */
export const DEFAULT_STREAM_BATCH_SIZE = 10;
export const DEFAULT_MAX_RETRY_ATTEMPTS = 3;

const GET_RECORDS_LIMIT = 1000;

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

export function localStreamsClient(endpoint: string, region: string = LOCAL_REGION): DynamoDBStreamsClient {
  // The Lambda service's poller, not a function's code: no role of ours applies to it.
  return dynamoDbStreamsClient({
    endpoint,
    region,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: { requestTimeout: LOCAL_REQUEST_TIMEOUT_MS },
  });
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** An attribute value as Lambda's JSON has it: binary as base64, everything else unchanged. */
function toLambdaAttributeValue(value: StreamAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: toBase64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(toBase64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttributeValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  const { $unknown: _unknown, ...rest } = value as StreamAttributeValue & { $unknown?: unknown };
  // The streams client's deserializer turns an empty map ({"M":{}} on the wire) into {} (seen with
  // SDK 3.11xx on DynamoDB Local). DynamoDB has no other member that can be empty (sets cannot be;
  // empty lists and strings come through), so {} can only be an empty map: give Lambda's shape back.
  if (Object.keys(rest).length === 0) return { M: {} };
  return rest as AttributeValue;
}

function toLambdaImage(image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaAttributeValue(v)]));
}

/** One GetRecords record as the Lambda event record that the deployed function would receive. */
export function toLambdaStreamRecord(record: StreamApiRecord, streamArn: string, region: string): DynamoDBRecord {
  const source = record.dynamodb ?? {};
  const created = source.ApproximateCreationDateTime;
  const dynamodb: DynamoDBRecord['dynamodb'] = {
    ...(created !== undefined
      ? {
          ApproximateCreationDateTime: Math.floor(
            (created instanceof Date ? created.getTime() : Number(created) * 1000) / 1000,
          ),
        }
      : {}),
    ...(source.Keys ? { Keys: toLambdaImage(source.Keys) } : {}),
    ...(source.NewImage ? { NewImage: toLambdaImage(source.NewImage) } : {}),
    ...(source.OldImage ? { OldImage: toLambdaImage(source.OldImage) } : {}),
    ...(source.SequenceNumber !== undefined ? { SequenceNumber: source.SequenceNumber } : {}),
    ...(source.SizeBytes !== undefined ? { SizeBytes: source.SizeBytes } : {}),
    ...(source.StreamViewType !== undefined ? { StreamViewType: source.StreamViewType } : {}),
  };
  return {
    ...(record.eventID !== undefined ? { eventID: record.eventID } : {}),
    ...(record.eventName !== undefined ? { eventName: record.eventName } : {}),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb,
    eventSourceARN: streamArn,
  };
}

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  /** Region written into each record (Lambda: the function's region). */
  region?: string;
  batchSize?: number;
  /** The event source mapping's filter; defaults to compute's (INSERT of a NetworkSnapshot or a PowerPrice). */
  filter?: (record: DynamoDBRecord) => boolean;
  /** Where a shard seen for the first time starts. Shards born later always start at their beginning. */
  startingPosition?: StartingPosition;
  /** Retries of a failing record before it is discarded (Lambda's MaximumRetryAttempts). */
  maxRetryAttempts?: number;
  /**
   * 'thorough' (the default) lists the shards at every fetch and reads each until an empty page.
   * 'lean', for long simulations on DynamoDB Local (which hands over all it has in one page):
   * lists the shards again only once one has closed, and stops at the first page shorter than the
   * limit. Two requests fewer per poll, the same records in the same order.
   */
  polling?: 'thorough' | 'lean';
}

export interface DeliveryReport {
  invocations: number;
  /** Records the handler accepted. */
  delivered: number;
  /** Invocations that reported a failure (partial or whole batch). */
  failedInvocations: number;
  /** Records given up on after maxRetryAttempts (Lambda would send them to the on-failure destination). */
  discarded: DynamoDBRecord[];
}

interface ShardState {
  shardId: string;
  iterator: string | undefined;
  lastSequenceNumber: string | undefined;
  /** Filtered records read but not yet accepted by the handler, in stream order. */
  pending: DynamoDBRecord[];
  /** Failed deliveries of the record at the head of `pending`. */
  headAttempts: number;
  /** The shard is closed and fully read. */
  exhausted: boolean;
}

export class DynamoStreamPoller {
  private readonly client: DynamoDBStreamsClient;
  private readonly streamArn: string;
  private readonly region: string;
  private readonly batchSize: number;
  private readonly filter: (record: DynamoDBRecord) => boolean;
  private readonly startingPosition: StartingPosition;
  private readonly maxRetryAttempts: number;
  private readonly shards = new Map<string, ShardState>();
  private discovered = false;
  private readonly lean: boolean;
  /** A shard closed since the shards were last listed: its child must be found. */
  private shardClosed = false;

  constructor(options: StreamPollerOptions) {
    this.client = options.client;
    this.streamArn = options.streamArn;
    this.region = options.region ?? LOCAL_REGION;
    this.batchSize = options.batchSize ?? DEFAULT_STREAM_BATCH_SIZE;
    this.filter = options.filter ?? matchesComputeFilter;
    this.startingPosition = options.startingPosition ?? 'TRIM_HORIZON';
    this.maxRetryAttempts = options.maxRetryAttempts ?? DEFAULT_MAX_RETRY_ATTEMPTS;
    this.lean = options.polling === 'lean';
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > 10_000) {
      throw new RangeError(`batchSize must be an integer in 1..10000, got ${this.batchSize}`);
    }
  }

  private async describeShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const out = await this.client.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = out.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  private async iteratorFor(
    shardId: string,
    position: StartingPosition | { after: string },
  ): Promise<string | undefined> {
    const out = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(typeof position === 'string'
          ? { ShardIteratorType: position }
          : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: position.after }),
      }),
    );
    return out.ShardIterator;
  }

  /** Finds shards not seen before; parents are listed before children, so stream order is kept. */
  private async discover(): Promise<void> {
    if (this.lean && this.discovered && !this.shardClosed) return;
    this.shardClosed = false;
    for (const shard of await this.describeShards()) {
      const shardId = shard.ShardId;
      if (!shardId || this.shards.has(shardId)) continue;
      const position = this.discovered ? 'TRIM_HORIZON' : this.startingPosition;
      this.shards.set(shardId, {
        shardId,
        iterator: await this.iteratorFor(shardId, position),
        lastSequenceNumber: undefined,
        pending: [],
        headAttempts: 0,
        exhausted: false,
      });
    }
    this.discovered = true;
  }

  private async readShard(state: ShardState): Promise<void> {
    while (state.iterator) {
      let out;
      try {
        out = await this.client.send(
          new GetRecordsCommand({ ShardIterator: state.iterator, Limit: GET_RECORDS_LIMIT }),
        );
      } catch (error) {
        // Iterators live 15 minutes; resume right after the last record we read.
        if (error instanceof ExpiredIteratorException) {
          state.iterator = await this.iteratorFor(
            state.shardId,
            state.lastSequenceNumber ? { after: state.lastSequenceNumber } : 'TRIM_HORIZON',
          );
          continue;
        }
        throw error;
      }
      const records = out.Records ?? [];
      for (const raw of records) {
        const record = toLambdaStreamRecord(raw, this.streamArn, this.region);
        state.lastSequenceNumber = record.dynamodb?.SequenceNumber ?? state.lastSequenceNumber;
        if (this.filter(record)) state.pending.push(record);
      }
      state.iterator = out.NextShardIterator;
      if (!state.iterator) {
        state.exhausted = true;
        this.shardClosed = true;
      }
      if (records.length === 0 || (this.lean && records.length < GET_RECORDS_LIMIT)) break;
    }
  }

  /** Reads every new record of every shard into the pending buffers (filter applied). */
  async fetch(): Promise<void> {
    await this.discover();
    for (const state of this.shards.values()) {
      if (!state.exhausted) await this.readShard(state);
    }
  }

  /** The pending records (filtered, not yet delivered), in stream order per shard. */
  pendingRecords(): DynamoDBRecord[] {
    return [...this.shards.values()].flatMap((s) => s.pending);
  }

  /**
   * Reads new records and returns them as Lambda events of at most `batchSize` records each,
   * marking them delivered (no retry bookkeeping: use `deliver` for that).
   */
  async nextEvents(): Promise<DynamoDBStreamEvent[]> {
    await this.fetch();
    const events: DynamoDBStreamEvent[] = [];
    for (const state of this.shards.values()) {
      while (state.pending.length > 0) events.push({ Records: state.pending.splice(0, this.batchSize) });
    }
    return events;
  }

  /**
   * Reads new records and hands them to `handler` batch by batch, as Lambda does with
   * ReportBatchItemFailures: records before the first reported failure are checkpointed, the
   * batch is retried from that record, and a record that keeps failing is discarded after
   * `maxRetryAttempts` retries. A thrown error fails the whole batch.
   */
  async deliver(handler: StreamHandler): Promise<DeliveryReport> {
    await this.fetch();
    const report: DeliveryReport = { invocations: 0, delivered: 0, failedInvocations: 0, discarded: [] };
    for (const state of this.shards.values()) {
      while (state.pending.length > 0) {
        const batch = state.pending.slice(0, this.batchSize);
        report.invocations += 1;
        let failedIndex = -1;
        try {
          const response = await handler({ Records: batch });
          const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          if (failed.size > 0) {
            failedIndex = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
            // An identifier that names no record of the batch fails it whole (Lambda's rule).
            if (failedIndex === -1) failedIndex = 0;
          }
        } catch {
          failedIndex = 0;
        }
        if (failedIndex === -1) {
          state.pending.splice(0, batch.length);
          report.delivered += batch.length;
          state.headAttempts = 0;
          continue;
        }
        report.failedInvocations += 1;
        state.pending.splice(0, failedIndex);
        report.delivered += failedIndex;
        state.headAttempts = failedIndex > 0 ? 1 : state.headAttempts + 1;
        if (state.headAttempts > this.maxRetryAttempts) {
          report.discarded.push(...state.pending.splice(0, 1));
          state.headAttempts = 0;
        }
      }
    }
    return report;
  }

  /** Polls every `intervalMs` until `signal` aborts; for `npm start`. */
  async run(
    handler: StreamHandler,
    options: { intervalMs: number; signal: AbortSignal; onReport?: (r: DeliveryReport) => void },
  ): Promise<void> {
    while (!options.signal.aborted) {
      const report = await this.deliver(handler);
      options.onReport?.(report);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        options.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }
}

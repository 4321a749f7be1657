/**
 * One ingest cycle against the local replay server with 100 ms of injected latency per request,
 * on DynamoDB Local: wall time (target <= 3 x one request's latency: the cycle is one concurrent
 * round when every source answers), DynamoDB items written per cycle (target <= 3), and the
 * implied monthly DynamoDB on-demand cost at a 10-minute schedule (arithmetic in
 * docs/ingest.md; request counts measured here by counting the commands sent).
 * The wall-time target is one request's latency (waiting, whatever the load) plus twice that for
 * our own work, the part scaled by the reference workload (bench/reference.ts) so that a busy
 * machine gives the verdict of a quiet one. The item counts and the cost are counts: absolute.
 */
import { GetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHashwatchTable } from '../local/devtools/createTable';
import { startDynamoLocal } from '../local/devtools/dynamoLocal';
import { localDynamoClient } from '../local/devtools/localClient';
import { DynamoNetworkRepository } from '../shared/adapters/dynamo/networkRepository';
import { keys } from '../shared/store/tableKeys';
import { createIngestSources } from '../shared/adapters/sources/ingestSources';
import { runBackfill } from '../shared/ingest/backfill';
import { runIngestCycle } from '../shared/ingest/runIngestCycle';
import { silentTelemetry } from '../shared/ingest/telemetry';
import { configFor, SCENARIO_NOW, startFakeUpstream } from '../test/support/fakeUpstream';
import { median, reportBench } from './report';
import { ReferenceSampler } from './reference';

const LATENCY_MS = 100;
const CYCLES = 15;
// DynamoDB on-demand, us-east-1, since the November 2024 price cut.
const USD_PER_MILLION_WRU = 0.625;
const USD_PER_MILLION_RRU = 0.125;
const USD_PER_GB_MONTH = 0.25;
const CYCLES_PER_MONTH = (30 * 24 * 60) / 10;
const RETENTION_DAYS = 30;

const reads = new Set(['GetItemCommand', 'QueryCommand']);
const writes = new Set(['PutItemCommand']);

function countCommands(client: DynamoDBClient): { reads: number; writes: number } {
  const counts = { reads: 0, writes: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? '';
      if (reads.has(name)) counts.reads += 1;
      if (writes.has(name)) counts.writes += 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
  return counts;
}

/**
 * DynamoDB item size as the developer guide counts it ("Item sizes and formats"): names plus
 * values; strings are UTF-8 bytes, numbers about 1 byte per 2 significant digits + 1, maps and
 * lists 3 bytes + 1 per element + their contents.
 */
function attributeValueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined)
    return Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').replace(/^0+|0+$/g, '').length / 2) + 1;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined)
    return (
      3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + attributeValueBytes(v) + 1, 0)
    );
  if (value.L !== undefined) return 3 + value.L.reduce((sum, v) => sum + attributeValueBytes(v) + 1, 0);
  return Buffer.byteLength(JSON.stringify(value));
}
function itemSizeBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + attributeValueBytes(value),
    0,
  );
}

async function main(): Promise<void> {
  const dynamo = await startDynamoLocal();
  const upstream = await startFakeUpstream();
  try {
    const client = localDynamoClient(dynamo.endpoint);
    const tableName = 'hashwatch-bench';
    await createHashwatchTable(client, tableName);
    const counts = countCommands(client);
    const repository = new DynamoNetworkRepository(client, tableName);
    // One-minute intervals so that 15 cycles stay within the recorded data's freshness window
    // (a 10-minute clock would make the recorded prices stale after an hour and force fallbacks).
    const config = configFor(upstream.baseUrl, {
      schedule: { intervalMinutes: 1 },
      http: { timeoutMs: 2_000, maxAttempts: 3, backoffBaseMs: 50, backoffMaxMs: 200, maxRetryAfterMs: 2_000 },
    });

    // Worst realistic cycle: the first after a day closed and a retarget happened.
    await repository.putDaily({ date: '2026-01-30', hashrateHps: 9.3e20, source: 'bench-seed' });
    await repository.putEpoch({
      epoch: 462,
      startHeight: 931_392,
      startedAt: '2026-01-08T08:05:43.000Z',
      difficulty: 146472570619930.78,
      source: 'bench-seed',
    });
    await repository.putBackfillProgress({
      completedSteps: ['epochs', 'daily'],
      status: 'complete',
      updatedAt: SCENARIO_NOW.toISOString(),
      epochsStored: 0,
      daysStored: 0,
    });

    upstream.setLatencyMs(LATENCY_MS);
    const wallMs: number[] = [];
    const itemsWritten: number[] = [];
    const readsPerCycle: number[] = [];
    const writesPerCycle: number[] = [];
    const reference = new ReferenceSampler();
    for (let i = 0; i < CYCLES; i += 1) {
      if (i > 0) reference.sample(100);
      const now = new Date(SCENARIO_NOW.getTime() + i * 60_000);
      const sources = createIngestSources(config, { now: () => now });
      const before = { ...counts };
      const started = performance.now();
      // What the handler does each invocation: the backfill check, then the cycle.
      await runBackfill({ sources, repository, telemetry: silentTelemetry, hashratePeriod: '3m', now });
      const result = await runIngestCycle({ sources, repository, config, telemetry: silentTelemetry, now });
      wallMs.push(performance.now() - started);
      if (result.status !== 'stored') throw new Error(`cycle ${i} was ${result.status}: ${result.reasons.join('; ')}`);
      itemsWritten.push(result.itemsWritten);
      readsPerCycle.push(counts.reads - before.reads);
      writesPerCycle.push(counts.writes - before.writes);
    }
    const snapshotItem = (
      await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: {
            pk: { S: keys.networkSnapshot(SCENARIO_NOW.toISOString()).pk },
            sk: { S: keys.networkSnapshot(SCENARIO_NOW.toISOString()).sk },
          },
        }),
      )
    ).Item;
    const snapshotBytes = snapshotItem ? itemSizeBytes(snapshotItem) : 0;

    // Steady state: cycles after the first (which carried the closed day and the new epoch).
    const steady = wallMs.slice(1);
    const cpuPartMs = reference.timeTarget(2 * LATENCY_MS);
    reference.describe('ingest_cycle_wall_ms_at_100ms_latency (its 2 x latency of CPU work)');
    reportBench({
      name: 'ingest_cycle_wall_ms_at_100ms_latency',
      value: median(steady),
      unit: 'ms',
      comparison: '<=',
      target: LATENCY_MS + cpuPartMs,
    });
    reportBench({
      name: 'ingest_items_written_per_cycle_max',
      value: Math.max(...itemsWritten),
      unit: 'items',
      comparison: '<=',
      target: 3,
    });
    reportBench({
      name: 'ingest_items_written_per_cycle_steady',
      value: median(itemsWritten.slice(1)),
      unit: 'items',
      comparison: '<=',
      target: 3,
    });

    // Monthly cost: every write <= 1 KB is 1 WRU; each read (eventually consistent, <= 4 KB) 0.5 RRU.
    const wruPerCycle = median(writesPerCycle.slice(1)) * Math.ceil(snapshotBytes / 1024);
    const dailyAndEpochWruPerMonth = 30 + 30 / 14; // one rollup a day, one epoch per ~14 days
    const wruPerMonth = CYCLES_PER_MONTH * wruPerCycle + dailyAndEpochWruPerMonth;
    const rruPerMonth = CYCLES_PER_MONTH * median(readsPerCycle.slice(1)) * 0.5;
    const storageGb = (CYCLES_PER_MONTH * (RETENTION_DAYS / 30) * snapshotBytes) / 1e9;
    const usdPerMonth =
      (wruPerMonth / 1e6) * USD_PER_MILLION_WRU +
      (rruPerMonth / 1e6) * USD_PER_MILLION_RRU +
      storageGb * USD_PER_GB_MONTH;
    console.error(
      `  cycle wall ms: ${wallMs.map((w) => w.toFixed(0)).join(', ')}; items: ${itemsWritten.join(', ')}; reads/cycle ${median(readsPerCycle.slice(1))}, ` +
        `writes/cycle ${median(writesPerCycle.slice(1))}, snapshot item ~${snapshotBytes} B; WRU/month ${wruPerMonth.toFixed(0)}, RRU/month ${rruPerMonth.toFixed(0)}, storage ${(storageGb * 1e3).toFixed(2)} MB`,
    );
    reportBench({
      name: 'ingest_dynamodb_usd_per_month_at_10min',
      value: usdPerMonth,
      unit: 'usd',
      comparison: '<=',
      target: 0.1,
    });
    client.destroy();
  } finally {
    await upstream.close();
    await dynamo.stop();
  }
}

await main();

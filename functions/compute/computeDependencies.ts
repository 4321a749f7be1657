/**
 * Wires the compute's dependencies from the real adapters: the reference data
 * (shared/compute/profitabilityReference.ts), the DynamoDB repositories behind the compute's ports
 * (the history through the warm cache) and the event sink (SNS by default; the local run and the
 * simulation pass their own). The handler's wiring module, the local run and the tests all use it.
 */
import type { ComputeConfig } from '../../shared/config/computeConfig';
import { loadProfitabilityReference } from '../../shared/compute/profitabilityReference';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';
import { DynamoNetworkHistoryReader } from '../../shared/adapters/dynamo/networkHistoryReader';
import { DynamoPowerPriceRepository } from '../../shared/adapters/dynamo/powerPriceRepository';
import { DynamoProfitabilityRepository } from '../../shared/adapters/dynamo/profitabilityRepository';
import { resolveCurtailmentSites } from '../../shared/compute/curtailmentSites';
import { bundledMachineCatalog } from '../../shared/data/bundledData';
import { DynamoSignalEventRepository } from '../../shared/adapters/dynamo/signalEventRepository';
import {
  DynamoSignalStateRepository,
  type UnreadableItemReporter,
} from '../../shared/adapters/dynamo/signalStateRepository';
import { SnsEventSink } from '../../shared/adapters/sns/snsEventSink';
import type { ComputeDependencies } from '../../shared/compute/computeSnapshot';
import type { EventSink } from '../../shared/compute/ports';
import { WarmHistoryCache } from '../../shared/compute/warmHistoryCache';

export interface ComputeWiring {
  dynamo: DynamoDBClient;
  tableName: string;
  config: ComputeConfig;
  /** Either an SNS client and topic, or any other sink (local run). */
  sns?: SNSClient;
  topicArn?: string;
  sink?: EventSink;
  nowMs?: () => number;
  publishLeaseMs?: number;
  /** Hears about stored items this build cannot read (they are skipped or reset, never fatal). */
  onUnreadableItem?: UnreadableItemReporter;
}

export function createComputeDependencies(wiring: ComputeWiring): ComputeDependencies {
  const sink =
    wiring.sink ?? (wiring.sns && wiring.topicArn ? new SnsEventSink(wiring.sns, wiring.topicArn) : undefined);
  if (!sink) throw new Error('compute needs an event sink: an SNS client and topic ARN, or a sink');
  const events = new DynamoSignalEventRepository(wiring.dynamo, wiring.tableName);
  const profitability = new DynamoProfitabilityRepository(
    wiring.dynamo,
    wiring.tableName,
    wiring.config.profitabilityRetentionDays,
  );
  const reference = loadProfitabilityReference(wiring.config);
  return {
    history: new WarmHistoryCache(new DynamoNetworkHistoryReader(wiring.dynamo, wiring.tableName), {
      ...(wiring.nowMs ? { nowMs: wiring.nowMs } : {}),
    }),
    profitability,
    states: new DynamoSignalStateRepository(wiring.dynamo, wiring.tableName, wiring.onUnreadableItem),
    outbox: events,
    sink,
    config: wiring.config,
    reference,
    sitePower: {
      sites: resolveCurtailmentSites(wiring.config, bundledMachineCatalog),
      prices: new DynamoPowerPriceRepository(wiring.dynamo, wiring.tableName),
      latestProfitability: () => profitability.latest(),
    },
    ...(wiring.nowMs ? { nowMs: wiring.nowMs } : {}),
    ...(wiring.publishLeaseMs !== undefined ? { publishLeaseMs: wiring.publishLeaseMs } : {}),
  };
}

/**
 * Wires the compute's dependencies: bundled reference data (machine catalog, fleet mix, power
 * price distribution), the owner's fleets resolved against the catalog, the DynamoDB repositories
 * and the event sink (SNS by default; the local run passes its own).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';
import { DynamoNetworkHistoryReader } from '../adapters/dynamo/networkHistoryReader';
import { DynamoProfitabilityRepository } from '../adapters/dynamo/profitabilityRepository';
import { DynamoSignalEventRepository } from '../adapters/dynamo/signalEventRepository';
import { DynamoSignalStateRepository, type UnreadableItemReporter } from '../adapters/dynamo/signalStateRepository';
import { SnsEventSink } from '../adapters/sns/snsEventSink';
import type { ComputeConfig } from '../config/computeConfig';
import { bundledFleetMix, bundledMachineCatalog, bundledPowerPrices, bundledPublicMiners } from '../data/bundledData';
import type { ComputeDependencies } from './computeSnapshot';
import type { EventSink } from './ports';
import { resolveOwnerFleets } from './ownerFleets';
import { WarmHistoryCache } from './warmHistoryCache';
import { pctToFraction } from '../domain/units';
import type { ProfitabilityReference } from './profitabilityRecord';

export function loadProfitabilityReference(config: ComputeConfig): ProfitabilityReference {
  // Bundled data, validated in the tests and at synth time rather than at every cold start.
  const catalog = bundledMachineCatalog;
  return {
    catalog,
    fleetMix: bundledFleetMix,
    powerPrices: bundledPowerPrices,
    ownerFleets: resolveOwnerFleets(config.fleets, catalog),
    poolFeeFraction: pctToFraction(config.globalFleetPoolFeePct),
    publicMiners: bundledPublicMiners.miners,
  };
}

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
  return {
    history: new WarmHistoryCache(new DynamoNetworkHistoryReader(wiring.dynamo, wiring.tableName), {
      ...(wiring.nowMs ? { nowMs: wiring.nowMs } : {}),
    }),
    profitability: new DynamoProfitabilityRepository(
      wiring.dynamo,
      wiring.tableName,
      wiring.config.profitabilityRetentionDays,
    ),
    states: new DynamoSignalStateRepository(wiring.dynamo, wiring.tableName, wiring.onUnreadableItem),
    outbox: events,
    sink,
    config: wiring.config,
    reference: loadProfitabilityReference(wiring.config),
    ...(wiring.nowMs ? { nowMs: wiring.nowMs } : {}),
    ...(wiring.publishLeaseMs !== undefined ? { publishLeaseMs: wiring.publishLeaseMs } : {}),
  };
}

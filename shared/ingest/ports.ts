/**
 * What the ingest use case needs from the outside world, declared beside it: the upstream sources
 * (mempool first, then the fallbacks; shared/adapters/sources implements them) and the network
 * side of the table (shared/adapters/dynamo/networkRepository.ts implements it).
 */
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import type * as readings from './readings';

/** The upstreams' names, as logs and fallbacks report them. */
export type SourceName = 'mempool' | 'coinbase' | 'kraken' | 'coingecko' | 'blockchain.info';

/** The primary source: mempool's REST API, every figure the snapshot and the backfill need. */
export interface MempoolSource {
  readonly name: SourceName;
  tipHeight(): Promise<number>;
  difficultyAdjustment(): Promise<readings.DifficultyAdjustmentReading>;
  hashrate(period: string): Promise<readings.HashrateReading>;
  rewardStats(blocks: number): Promise<readings.FeeReading>;
  blockFees(period: string): Promise<readings.BlockFeePoint[]>;
  prices(): Promise<readings.PriceQuote>;
  difficultyAdjustments(): Promise<readings.DifficultyAdjustmentRow[]>;
  historicalPricesUsd(): Promise<readings.DailyPrice[]>;
}

export interface PriceSource {
  readonly name: SourceName;
  price(): Promise<readings.PriceQuote>;
}

export interface ChainFallbackSource {
  readonly name: SourceName;
  stats(): Promise<readings.ChainStatsReading>;
}

/** The primary (mempool) and its fallbacks, in order. */
export interface IngestSources {
  mempool: MempoolSource;
  /** Price fallbacks in the configured order (the first also serves as the cross-check). */
  priceFallbacks: PriceSource[];
  chainFallback: ChainFallbackSource;
}

export type PutOutcome = 'stored' | 'duplicate';

/** The backfill's progress marker: which steps are done, so a rerun skips them. */
export interface BackfillProgress {
  /** Steps finished so far, in order; a rerun skips them. */
  completedSteps: ('epochs' | 'daily')[];
  status: 'running' | 'complete';
  updatedAt: string;
  epochsStored: number;
  daysStored: number;
}

/** The network side of the table: snapshots, daily rollups, epochs and the backfill marker. */
export interface NetworkRepository {
  putSnapshot(snapshot: NetworkSnapshot, expiresAtEpochSeconds: number): Promise<PutOutcome>;
  latestSnapshot(): Promise<NetworkSnapshot | undefined>;
  getSnapshot(intervalStart: string): Promise<NetworkSnapshot | undefined>;
  putDaily(day: DailyNetwork): Promise<PutOutcome>;
  latestDaily(): Promise<DailyNetwork | undefined>;
  listDaily(fromDate?: string): Promise<DailyNetwork[]>;
  putEpoch(epoch: DifficultyEpoch): Promise<PutOutcome>;
  latestEpoch(): Promise<DifficultyEpoch | undefined>;
  listEpochs(): Promise<DifficultyEpoch[]>;
  getBackfillProgress(): Promise<BackfillProgress | undefined>;
  putBackfillProgress(progress: BackfillProgress): Promise<void>;
}

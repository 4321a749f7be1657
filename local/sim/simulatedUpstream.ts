/**
 * What every upstream answers at a simulated moment (issue #15's simulation), in the providers'
 * own wire formats and units, derived from the simulated chain; and the data faults a source can
 * have (a cached endpoint behind a fresh one at a retarget, a frozen instance, stale responses,
 * unit slips, an outlier price). Route faults (429 storms, hangs, resets, oversize bodies) are the
 * replay server's. Pure: the same moment and faults give the same bodies.
 */
import { PATHS } from '../devtools/recordedScenario';
import type { ReplayResponse } from '../devtools/replayServer';
import { BLOCKS_PER_EPOCH, MS_PER_DAY } from '../../shared/domain/units';
import { SimulatedChain } from './simulatedChain';

export type DataFault =
  /** The hashrate endpoint (5-minute cache) answers as 15 minutes ago: the old difficulty just after a retarget. */
  | 'cached-skew'
  /** A self-hosted mempool that stopped following the chain at `sinceMs`. */
  | 'frozen-mempool'
  /** Every source replays what it said 30 hours ago. */
  | 'stale-responses'
  /** The daily hashrate series in GH/s. */
  | 'unit-ghs'
  /** Block fees in satoshis where the rest of the list is read as... satoshis again (1e8 too large). */
  | 'unit-sats'
  /** mempool's price time in ms instead of s. */
  | 'unit-ms'
  /** mempool's price 10x off (one source gone wrong). */
  | 'outlier-price';

export interface ActiveDataFault {
  kind: DataFault;
  sinceMs: number;
}

const json = (value: unknown): ReplayResponse => ({ body: JSON.stringify(value) });
const seconds = (ms: number): number => Math.floor(ms / 1000);

export function upstreamAt(
  chain: SimulatedChain,
  nowMs: number,
  faults: readonly ActiveDataFault[] = [],
): Record<string, ReplayResponse> {
  const has = (k: DataFault) => faults.find((f) => f.kind === k);
  const stale = has('stale-responses');
  const frozen = has('frozen-mempool');
  const at = stale ? nowMs - 30 * 3_600_000 : nowMs;
  const mempoolAt = frozen ? Math.min(at, frozen.sinceMs) : at;
  const routes: Record<string, ReplayResponse> = {
    [PATHS.tipHeight]: { body: String(chain.tipAt(mempoolAt)), contentType: 'text/plain' },
    [PATHS.difficultyAdjustment]: json(difficultyAdjustment(chain, mempoolAt)),
    [PATHS.hashrateCycle]: json(
      hashrate(chain, has('cached-skew') ? mempoolAt - 15 * 60_000 : mempoolAt, !!has('unit-ghs')),
    ),
    [PATHS.rewardStats]: json(rewardStats(chain, mempoolAt)),
    [PATHS.blockFeesCycle]: json(blockFees(chain, mempoolAt, has('unit-sats') ? 1e8 : 1)),
    [PATHS.prices]: json(prices(chain, mempoolAt, !!has('unit-ms'), has('outlier-price') ? 10 : 1)),
    [PATHS.coinbase]: json({ data: { amount: (chain.priceAt(at) * 1.0004).toFixed(2), base: 'BTC', currency: 'USD' } }),
    [PATHS.kraken]: json({ error: [], result: { XXBTZUSD: { c: [(chain.priceAt(at) * 0.9997).toFixed(1), '0.01'] } } }),
    [PATHS.coingecko]: json({ bitcoin: { usd: chain.priceAt(at), last_updated_at: seconds(at) - 30 } }),
    [PATHS.blockchainInfo]: json(chainStats(chain, at)),
  };
  return routes;
}

function difficultyAdjustment(chain: SimulatedChain, ms: number) {
  const tip = chain.tipAt(ms);
  const epoch = chain.epochAt(ms);
  const startS = chain.blockTimeS(epoch.startHeight, ms);
  const mined = tip - epoch.startHeight + 1;
  const timeAvg = Math.max(60_000, Math.min(1_800_000, (ms - startS * 1000) / Math.max(1, mined)));
  const nextRetargetHeight = epoch.startHeight + BLOCKS_PER_EPOCH;
  const remainingBlocks = Math.max(0, nextRetargetHeight - tip - 1);
  return {
    progressPercent: (mined / BLOCKS_PER_EPOCH) * 100,
    difficultyChange: Math.max(-75, Math.min(300, (600_000 / timeAvg - 1) * 100)),
    estimatedRetargetDate: Math.round(ms + remainingBlocks * timeAvg),
    remainingBlocks,
    remainingTime: Math.round(remainingBlocks * timeAvg),
    previousRetarget: epoch.changePct ?? 0,
    previousTime: startS,
    nextRetargetHeight,
    timeAvg: Math.round(timeAvg),
    adjustedTimeAvg: Math.round(timeAvg),
    timeOffset: 0,
    expectedBlocks: mined,
  };
}

function hashrate(chain: SimulatedChain, ms: number, ghs: boolean) {
  const epoch = chain.epochAt(ms);
  const today = SimulatedChain.dateOf(ms);
  const hashrates = Array.from({ length: 7 }, (_, i) => {
    const dayMs = Date.parse(`${today}T00:00:00Z`) - (7 - i) * MS_PER_DAY;
    const date = SimulatedChain.dateOf(dayMs);
    const hps = chain.hashrateOn(date, chain.epochAt(dayMs + MS_PER_DAY - 1).difficulty);
    return { timestamp: seconds(dayMs + MS_PER_DAY), avgHashrate: ghs ? hps / 1e9 : hps };
  });
  const current = chain.hashrateOn(SimulatedChain.dateOf(ms - MS_PER_DAY), epoch.difficulty);
  return { hashrates, difficulty: [], currentHashrate: current, currentDifficulty: epoch.difficulty };
}

function rewardStats(chain: SimulatedChain, ms: number) {
  const blocks = chain.blocksBetween(ms - 2 * MS_PER_DAY, ms).slice(-144);
  const fees = Math.round(blocks.reduce((s, b) => s + b.feesBtc, 0) * 1e8);
  return {
    startBlock: blocks[0]!.height,
    endBlock: blocks.at(-1)!.height,
    totalReward: String(fees + blocks.length * 312_500_000),
    totalFee: String(fees),
    totalTx: String(blocks.length * 3_000),
  };
}

function blockFees(chain: SimulatedChain, ms: number, factor: number) {
  return chain.blocksBetween(ms - 3 * MS_PER_DAY, ms).map((b) => ({
    avgHeight: b.height,
    timestamp: b.timeUnixS,
    avgFees: Math.round(b.feesBtc * 1e8 * factor),
  }));
}

function prices(chain: SimulatedChain, ms: number, millis: boolean, factor: number) {
  const usd = chain.priceAt(ms) * factor;
  return { time: millis ? ms : seconds(ms), USD: usd, EUR: usd * 0.92, GBP: usd * 0.79 };
}

function chainStats(chain: SimulatedChain, ms: number) {
  const epoch = chain.epochAt(ms);
  const blocks = chain.blocksBetween(ms - MS_PER_DAY, ms);
  return {
    timestamp: ms,
    hash_rate: chain.hashrateOn(SimulatedChain.dateOf(ms - MS_PER_DAY), epoch.difficulty) / 1e9,
    difficulty: epoch.difficulty,
    n_blocks_total: chain.tipAt(ms),
    n_blocks_mined: blocks.length,
    total_fees_btc: Math.round(blocks.reduce((s, b) => s + b.feesBtc, 0) * 1e8),
  };
}

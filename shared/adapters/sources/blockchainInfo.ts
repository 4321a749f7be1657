/**
 * blockchain.info `/stats`: the chain-data fallback (tip, difficulty, hashrate, fees in one call).
 * Traps: `timestamp` is unix ms; `hash_rate` is GH/s; `total_fees_btc` is satoshis despite its
 * name, summed over the last 24 h (`n_blocks_mined` blocks).
 */
import * as z from '../../schema/z';
import { satsToBtc } from '../../domain/units';
import { SourceError } from './http';
import type { ChainStatsReading } from '../../ingest/readings';
import { SourceClient, millisToIso, type SourceContext } from './sourceClient';

const HPS_PER_GHS = 1e9;

const statsSchema = z.object({
  timestamp: z.number().check(z.gte(1e12, 'expected unix milliseconds')),
  hash_rate: z.number().check(z.positive()),
  difficulty: z.number().check(z.positive()),
  n_blocks_total: z.int().check(z.positive()),
  n_blocks_mined: z.int().check(z.nonnegative()),
  total_fees_btc: z.number().check(z.nonnegative()),
});

export class BlockchainInfoClient extends SourceClient {
  constructor(baseUrl: string, ctx: SourceContext) {
    super('blockchain.info', baseUrl, ctx);
  }

  stats(): Promise<ChainStatsReading> {
    return this.getJson('stats', '/stats', statsSchema, (raw) => this.read(raw));
  }

  private read(raw: z.infer<typeof statsSchema>): ChainStatsReading {
    this.assertFresh('stats timestamp', new Date(raw.timestamp));
    if (raw.n_blocks_mined === 0)
      throw new SourceError(this.name, 'range', 'stats report no block in 24 h: fees per block undefined');
    return {
      observedAt: millisToIso(raw.timestamp),
      tipHeight: raw.n_blocks_total,
      difficulty: raw.difficulty,
      hashrateHps: raw.hash_rate * HPS_PER_GHS,
      feesBtcPerBlock: satsToBtc(raw.total_fees_btc) / raw.n_blocks_mined,
      windowBlocks: raw.n_blocks_mined,
    };
  }
}

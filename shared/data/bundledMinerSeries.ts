/**
 * The listed miners' series bundled with the code, as the miner signals (the compute's reference)
 * and the read API's GET /v1/miners read it.
 */
import type { MinerPeriod } from '../domain/minerTreasury/treasuryPeriod';
import { bundledPublicMinersMonthly } from './bundledData';
import { treasuryPeriodOf } from './minerPeriods';

export interface MinerSeries {
  asOf: string;
  companies: readonly { ticker: string; name: string }[];
  periods: readonly MinerPeriod[];
}

let series: MinerSeries | undefined;

/**
 * The bundled series as the miner signals and the read API read it: its date, companies and
 * periods, mapped once per process.
 */
export function bundledMinerSeries(): MinerSeries {
  series ??= {
    asOf: bundledPublicMinersMonthly.asOf,
    companies: bundledPublicMinersMonthly.companies,
    periods: bundledPublicMinersMonthly.rows.map(treasuryPeriodOf),
  };
  return series;
}

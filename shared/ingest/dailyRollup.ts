/**
 * Daily rollups: the days that closed since the newest stored one, from the cycle's answers
 * (mempool's daily hashrate series and its per-block fee list) and the snapshot the cycle stores.
 * Pure but for the telemetry it reports its waits to.
 */
import { dayTotalsFromBlocks } from '../domain/dailyBlockTotals';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { SECONDS_PER_DAY } from '../domain/units';
import type { BlockFeePoint, HashrateReading } from './readings';
import { checkDaily } from './snapshotChecks';
import type { IngestTelemetry } from './telemetry';

export interface RollupInput {
  /** mempool's daily hashrate series (the cycle's hashrate answer). */
  hashrate: HashrateReading | undefined;
  /** mempool's per-block fee list (the cycle's block-fees answer). */
  blocks: readonly BlockFeePoint[] | undefined;
  lastDaily: DailyNetwork | undefined;
  /** The snapshot the cycle stores: the day's price and the checks' yardstick. */
  snapshot: NetworkSnapshot;
  now: Date;
  graceMs: number;
  telemetry: IngestTelemetry;
}

/**
 * The daily rollup of the oldest day that closed after the newest stored one, from mempool's daily
 * hashrate series: one per cycle at most (so a cycle writes at most 3 items), and a gap left by an
 * outage fills one day per cycle. The price of a day is the one observed when its rollup is written
 * (the close, within the grace below), so only yesterday gets a price. Block count, issuance and
 * fees come from the per-block fee list once it proves the day complete; until then the rollup
 * waits, up to `graceMs` after the day closed (mempool lists a block only once it has linked an
 * hourly price to it, so the last blocks of a day can lag), and is then stored without them
 * (`blocks:unavailable` in its source), the reason logged either way.
 */
export function closedDayRollups(input: RollupInput): DailyNetwork[] {
  const { hashrate, blocks, lastDaily, snapshot, now, graceMs, telemetry } = input;
  if (!hashrate) return [];
  const yesterday = new Date(now.getTime() - SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
  return (
    hashrate.daily
      // Without any stored day, history is the backfill's job: start with yesterday.
      .filter((d) => d.date <= yesterday && (lastDaily ? d.date > lastDaily.date : d.date === yesterday))
      .slice(0, 1)
      .flatMap((d) => {
        const closedAtMs = Date.parse(`${d.date}T00:00:00Z`) + SECONDS_PER_DAY * 1000;
        const inGrace = now.getTime() - closedAtMs < graceMs;
        let totals = blocks
          ? dayTotalsFromBlocks(blocks, d.date, snapshot.tipHeight)
          : { ok: false as const, reason: 'block-fees request failed' };
        const problems = checkDaily(
          { date: d.date, hashrateHps: d.hashrateHps, ...(totals.ok ? totals.totals : {}), source: '' },
          snapshot,
        );
        if (problems.blocks.length > 0) totals = { ok: false, reason: problems.blocks.join('; ') };
        const hashrateOk = problems.hashrate.length === 0;
        // A failed check is not stored for good: wait for a good reading within the grace, then store
        // the day without what failed (and say so in its source), so later days are not held up.
        if (!totals.ok || !hashrateOk) {
          const reason = [...problems.hashrate, ...(totals.ok ? [] : [totals.reason])].join('; ');
          const what = hashrateOk ? 'block totals' : 'a checked hashrate';
          if (inGrace) {
            telemetry.info(`daily rollup waits for ${what}`, { date: d.date, reason });
            return [];
          }
          telemetry.warn(`daily rollup without ${what}`, { date: d.date, reason });
        }
        const sourceParts = [
          hashrateOk ? 'hashrate:mempool' : 'hashrate:rejected',
          ...(d.date === yesterday ? [`price:${snapshot.sources.btcPriceUsd ?? 'unknown'}`] : []),
          totals.ok ? 'blocks:mempool' : problems.blocks.length > 0 ? 'blocks:rejected' : 'blocks:unavailable',
        ];
        return [
          {
            date: d.date,
            ...(hashrateOk ? { hashrateHps: d.hashrateHps } : {}),
            ...(d.date === yesterday ? { btcPriceUsd: snapshot.btcPriceUsd } : {}),
            ...(totals.ok ? totals.totals : {}),
            source: sourceParts.join(','),
          },
        ];
      })
  );
}

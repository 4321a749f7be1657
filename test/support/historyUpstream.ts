/**
 * mempool's answers for the days after the bundled history's end (2026-08-21), in its exact response
 * shapes (the units of shared/adapters/sources/mempool.ts: hashrate `timestamp` = the 00:00Z that
 * closes the averaged day, H/s; difficulty-adjustments newest first as [time s, height, difficulty,
 * ratio]; historical-price USD per unix s; block fees in satoshis per block), served on loopback.
 *
 * CONSTRUCTED for the tests, not chain data: no recording of mempool after 2026-08-21 is held (see
 * shared/data/history/SOURCES.md). What is real: epochs 473 and 474 (the bundled table's
 * difficulties), epoch 476's published difficulty, the retarget heights (2016 x n) and the start
 * dates of 475-477 that the bundled daily rows prove. What is made up: the difficulties of 475,
 * 477 and 478, the block times, and the days' hashrates, prices and fees (a hashrate that gives
 * `BLOCKS_PER_DAY` blocks at the day's difficulty, a price walk from 2026-08-21's bundled close).
 */
import { HASHES_PER_DIFFICULTY_UNIT, SECONDS_PER_DAY } from '../../shared/domain/units';
import type { ReplayResponse } from '../../local/devtools/replayServer';

/** [epoch, start unix s, difficulty]: 475, 477 and 478 constructed (see above). */
export const HISTORY_EPOCHS: readonly (readonly [number, number, number])[] = [
  [473, Date.parse('2026-06-14T09:12:00Z') / 1000, 124932866006548.16],
  [474, Date.parse('2026-06-27T05:40:00Z') / 1000, 133869853540305.39],
  [475, Date.parse('2026-07-11T07:25:00Z') / 1000, 127_400_000_000_000],
  [476, Date.parse('2026-07-25T13:02:00Z') / 1000, 126231507121868.2],
  [477, Date.parse('2026-08-08T04:51:00Z') / 1000, 129_100_000_000_000],
  [478, Date.parse('2026-08-22T10:33:00Z') / 1000, 131_600_000_000_000],
];

/** The first and last day the constructed series add after the bundled end. */
export const FIRST_NEW_DAY = '2026-08-22';
export const LAST_NEW_DAY = '2026-08-31';
const SERIES_FROM = '2026-08-01';
const BLOCKS_PER_DAY = 144;
const FEE_SATS_PER_BLOCK = 2_100_000;

const dayStartS = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;

function difficultyAtS(unixS: number): number {
  let found = HISTORY_EPOCHS[0]![2];
  for (const [, start, difficulty] of HISTORY_EPOCHS) if (start <= unixS) found = difficulty;
  return found;
}

export interface SeriesDay {
  date: string;
  hashrateHps: number;
  priceUsd: number;
}

/** The constructed days 2026-08-01 .. LAST_NEW_DAY. */
export function constructedDays(): SeriesDay[] {
  const days: SeriesDay[] = [];
  let priceUsd = 78_359.17;
  for (let s = dayStartS(SERIES_FROM); s <= dayStartS(LAST_NEW_DAY); s += SECONDS_PER_DAY) {
    const date = new Date(s * 1000).toISOString().slice(0, 10);
    // Noon's difficulty: the hashrate that mines BLOCKS_PER_DAY blocks a day at it.
    const difficulty = difficultyAtS(s + SECONDS_PER_DAY / 2);
    const hashrateHps = (BLOCKS_PER_DAY * difficulty * HASHES_PER_DIFFICULTY_UNIT) / SECONDS_PER_DAY;
    priceUsd = Math.round(priceUsd * (days.length % 2 === 0 ? 1.011 : 0.994) * 100) / 100;
    days.push({ date, hashrateHps, priceUsd });
  }
  return days;
}

export interface HistoryUpstreamEdits {
  /** Replace a day's values (a unit error, an outlier). */
  day?: (day: SeriesDay) => SeriesDay | undefined;
}

/** The four endpoints the update reads, under `prefix`, for every series period it may ask. */
export function historyUpstreamRoutes(
  prefix: string,
  edits: HistoryUpstreamEdits = {},
): Record<string, ReplayResponse> {
  const days = constructedDays().flatMap((d) => {
    const edited = edits.day ? edits.day(d) : d;
    return edited ? [edited] : [];
  });
  const tipTimeS = dayStartS(LAST_NEW_DAY) + SECONDS_PER_DAY - 300;
  const adjustments = [...HISTORY_EPOCHS]
    .reverse()
    .map(([epoch, time, difficulty], i, all) => [
      time,
      epoch * 2016,
      difficulty,
      i + 1 < all.length ? Number((difficulty / all[i + 1]![2]).toFixed(6)) : 1,
    ]);
  const hashrate = {
    hashrates: days.map((d) => ({ timestamp: dayStartS(d.date) + SECONDS_PER_DAY, avgHashrate: d.hashrateHps })),
    currentHashrate: days.at(-1)!.hashrateHps,
    currentDifficulty: HISTORY_EPOCHS.at(-1)![2],
  };
  const prices = { prices: days.map((d) => ({ time: dayStartS(d.date) + 3600, USD: d.priceUsd })), exchangeRates: {} };
  // One bucket every 8 hours, ~48 blocks each, heights counted from epoch 478's start.
  const buckets: { avgHeight: number; timestamp: number; avgFees: number }[] = [];
  for (let s = dayStartS(SERIES_FROM) + 4 * 3600; s < tipTimeS; s += 8 * 3600)
    buckets.push({
      avgHeight: Math.round(963_648 + (s - HISTORY_EPOCHS.at(-1)![1]) / 600),
      timestamp: s,
      avgFees: FEE_SATS_PER_BLOCK,
    });
  const routes: Record<string, ReplayResponse> = {
    [`${prefix}/api/v1/mining/difficulty-adjustments`]: { body: JSON.stringify(adjustments) },
    [`${prefix}/api/v1/historical-price?currency=USD`]: { body: JSON.stringify(prices) },
  };
  for (const period of ['1m', '3m', '6m', '1y']) {
    routes[`${prefix}/api/v1/mining/hashrate/${period}`] = { body: JSON.stringify(hashrate) };
    routes[`${prefix}/api/v1/mining/blocks/fees/${period}`] = { body: JSON.stringify(buckets) };
  }
  return routes;
}

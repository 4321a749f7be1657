/**
 * mempool's answers for `npm run history -- update`, FAITHFULLY REBUILT from the bundled history's
 * own real rows (no recording of mempool is held for these days, and none is invented): the test
 * truncates the bundled history at `TRUNCATED_AT` and serves the bundled days and epochs after it
 * as if they were new, so the update runs its whole path on real figures and its result can be
 * checked against the rows it was rebuilt from.
 *
 * The window (2025-11-12 .. 2025-12-10, epochs 458-460) is the newest one whose rows are complete
 * (hashrate, price, fees) and whose epochs carry block-header start times (shared/data/history/
 * SOURCES.md: fees end 2026-06-01, start times are date-only from epoch 464).
 *
 * Response shapes and units are mempool's (shared/adapters/sources/mempool.ts):
 * - `/api/v1/mining/difficulty-adjustments`: newest first, [start time s, height, difficulty,
 *   ratio to the previous difficulty], from the bundled epoch rows;
 * - `/api/v1/mining/hashrate/{period}`: `avgHashrate` H/s (the bundled `hashrate_ths` x 1e12), its
 *   `timestamp` the 00:00Z that closes the averaged day;
 * - `/api/v1/historical-price` (every currency): one point per day at its 00:00Z, USD the bundled
 *   close, the other currencies that close at the day's bundled ECB rate (fx_daily_ecb.csv); on a
 *   day the ECB published no rate (weekends) the point carries USD only;
 * - `/api/v1/mining/blocks/fees/{period}`: one bucket per day (mempool's buckets are shorter; one
 *   per day keeps the day's figure exact): `avgHeight` the day's middle block (from `end_height`
 *   and `blk_cnt`), `timestamp` its noon, `avgFees` the day's `fees_btc` / `blk_cnt` in satoshis.
 */
import type { ReplayResponse } from '../../local/devtools/replayServer';
import type { History } from '../../local/history/localHistory';
import { bundledDailyFxRates } from '../../shared/data/history/loadDailyFxRates';
import { CURRENCIES } from '../../shared/domain/currency';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import { SECONDS_PER_DAY } from '../../shared/domain/units';

/** The last bundled day the test's truncated history keeps. */
export const TRUNCATED_AT = '2025-11-11';
/** The last bundled epoch the truncated history keeps (458 started on 2025-11-12). */
export const TRUNCATED_EPOCH = 457;
/** The first and last day served as new. */
export const FIRST_NEW_DAY = '2025-11-12';
export const LAST_NEW_DAY = '2025-12-10';
/** The epochs served (newest first, as mempool lists them): a few held ones, then the new ones. */
const SERVED_EPOCHS = { from: 452, to: 460 } as const;

const dayStartS = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;
const unixS = (iso: string): number => Math.round(Date.parse(iso) / 1000);

/** The bundled history cut at TRUNCATED_AT / TRUNCATED_EPOCH: what the update starts from. */
export function truncatedHistory(full: History): History {
  return {
    daily: full.daily.filter((d) => d.date <= TRUNCATED_AT),
    epochs: full.epochs.filter((e) => e.epoch <= TRUNCATED_EPOCH),
  };
}

/** The bundled days the responses are rebuilt from (FIRST_NEW_DAY .. LAST_NEW_DAY). */
export function servedDays(full: History): DailyNetwork[] {
  return full.daily.filter((d) => d.date >= FIRST_NEW_DAY && d.date <= LAST_NEW_DAY);
}

export interface HistoryUpstreamEdits {
  /** Corrupt or drop a served day (a unit error, an outlier, a gap). */
  day?: (day: DailyNetwork) => DailyNetwork | undefined;
  /** Corrupt a served epoch's difficulty (a source on another chain). */
  epochDifficulty?: (epoch: number, difficulty: number) => number;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the bundled row has no ${what}: pick another window`);
  return value;
}

/** The four endpoints the update reads, under `prefix`, for every series period it may ask. */
export function historyUpstreamRoutes(
  full: History,
  prefix: string,
  edits: HistoryUpstreamEdits = {},
): Record<string, ReplayResponse> {
  const days = servedDays(full).flatMap((d) => {
    const edited = edits.day ? edits.day(d) : d;
    return edited ? [edited] : [];
  });
  const epochs = full.epochs.filter((e) => e.epoch >= SERVED_EPOCHS.from && e.epoch <= SERVED_EPOCHS.to);
  const difficultyOf = (epoch: number, difficulty: number): number =>
    edits.epochDifficulty ? edits.epochDifficulty(epoch, difficulty) : difficulty;
  const adjustments = epochs
    .map((e) => [
      unixS(e.startedAt),
      e.startHeight,
      difficultyOf(e.epoch, e.difficulty),
      1 + required(e.changePct, `changePct of epoch ${e.epoch}`) / 100,
    ])
    .reverse();
  const hashrates = days.map((d) => ({
    timestamp: dayStartS(d.date) + SECONDS_PER_DAY,
    avgHashrate: required(d.hashrateHps, `hashrate on ${d.date}`),
  }));
  const hashrate = {
    hashrates,
    currentHashrate: hashrates.at(-1)!.avgHashrate,
    currentDifficulty: difficultyOf(epochs.at(-1)!.epoch, epochs.at(-1)!.difficulty),
  };
  const fx = bundledDailyFxRates();
  const prices = {
    prices: days.map((d) => {
      const usd = required(d.btcPriceUsd, `price on ${d.date}`);
      const perUsd = fx.byDate.get(d.date) ?? {};
      const others = CURRENCIES.flatMap((c) => (c !== 'USD' && perUsd[c] ? [[c, usd * perUsd[c]] as const] : []));
      return { time: dayStartS(d.date), USD: usd, ...Object.fromEntries(others) };
    }),
    exchangeRates: {},
  };
  const buckets = days.map((d) => {
    const blocks = required(d.blockCount, `blk_cnt on ${d.date}`);
    return {
      avgHeight: Math.round(required(d.endHeight, `end_height on ${d.date}`) - (blocks - 1) / 2),
      timestamp: dayStartS(d.date) + SECONDS_PER_DAY / 2,
      avgFees: Math.round((required(d.feesBtc, `fees on ${d.date}`) * 1e8) / blocks),
    };
  });
  const routes: Record<string, ReplayResponse> = {
    [`${prefix}/api/v1/mining/difficulty-adjustments`]: { body: JSON.stringify(adjustments) },
    [`${prefix}/api/v1/historical-price`]: { body: JSON.stringify(prices) },
  };
  for (const period of ['1m', '3m', '6m', '1y']) {
    routes[`${prefix}/api/v1/mining/hashrate/${period}`] = { body: JSON.stringify(hashrate) };
    routes[`${prefix}/api/v1/mining/blocks/fees/${period}`] = { body: JSON.stringify(buckets) };
  }
  return routes;
}

/**
 * `npm run history -- update`: fetch, from the mempool endpoints the backfill uses (mempool.space
 * or a self-hosted mempool), every epoch and every day after the end of the bundled history (and of
 * the cache), check each one with the ingest's checks, and append it to the history cache.
 *
 * The rows are the backfill's (shared/ingest/backfill.ts mempoolDays: hashrate, USD close,
 * difficulty from the epochs, ESTIMATED blocks, issuance and fees), each stored with that day's
 * exchange rates (mempool's historical prices carry every currency it prices in; localFxRates
 * reads them, so history in another currency converts each day at its own rate), and the checks are the
 * ingest's: the sanity bounds of a snapshot (a unit slip of 1e3 or more lands outside), checkDaily
 * (hashrate within 2x of what the difficulty implies, block count and fees per block plausible),
 * the outlier ratios of the ingest config against the day before, and the chain facts of an epoch
 * (heights 2016 apart without a gap, a retarget inside consensus's -75..+300 %, an epoch the
 * bundled table already holds at the same difficulty). The first day or epoch that fails stops
 * the update: what was stored before it stays, nothing after it is written, and the result names
 * the day and the field. Days are written one at a time, so an interrupted update resumes after
 * the last day it wrote.
 */
import { MempoolClient, type DailyFiatPrices } from '../../shared/adapters/sources/mempool';
import type { SourceContext } from '../../shared/adapters/sources/sourceClient';
import { ingestConfigSchema } from '../../shared/config/ingestConfig';
import { BASE_CURRENCY, CURRENCIES, type Currency } from '../../shared/domain/currency';
import { dailyNetworkSchema, type DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { BlockFeePoint } from '../../shared/domain/dailyBlockTotals';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { BLOCKS_PER_EPOCH, MS_PER_DAY } from '../../shared/domain/units';
import { mempoolDays } from '../../shared/ingest/backfill';
import { checkDaily, matchesEpochChain, SANITY_BOUNDS } from '../../shared/ingest/snapshotChecks';
import { openHistoryCache } from './historyCache';
import { bundledOnlyHistory, nextUtcDay, type History } from './localHistory';

export interface UpdateHistoryOptions {
  /** mempool base URL (https://mempool.space, or a self-hosted instance). */
  sourceBaseUrl: string;
  cacheDir: string;
  now: Date;
  /** The bundled history (the real one unless a test gives another). */
  bundled?: History;
  httpDeps?: SourceContext['httpDeps'];
  log?: (line: string) => void;
}

/** Why the update stopped: the day (or epoch) and the field that failed, and what was wrong. */
export interface UpdateProblem {
  /** YYYY-MM-DD, or `epoch N`. */
  at: string;
  field: string;
  message: string;
}

export interface UpdateHistoryResult {
  status: 'up-to-date' | 'updated' | 'stopped';
  epochsStored: number;
  daysStored: number;
  /** The newest day of bundled + cached history after the update. */
  lastDay: string;
  problem?: UpdateProblem;
}

const VALIDATION = ingestConfigSchema.shape.validation.parse({});
/** Consensus clamps a retarget to a factor of 4 either way. */
const RETARGET_PCT = { min: -75, max: 300 } as const;
/** mempool's series periods, shortest first, with the days each covers. */
const PERIODS: readonly [string, number][] = [
  ['1m', 30],
  ['3m', 90],
  ['6m', 180],
  ['1y', 365],
  ['2y', 730],
  ['3y', 1095],
];

/** The shortest series period that reaches back to `fromDate` (inclusive) at `now`. */
export function periodCovering(fromDate: string, now: Date): string {
  const days = Math.ceil((now.getTime() - Date.parse(`${fromDate}T00:00:00Z`)) / MS_PER_DAY) + 1;
  return PERIODS.find(([, covered]) => covered >= days)?.[0] ?? 'all';
}

const ratio = (a: number, b: number): number => Math.max(a / b, b / a);

function outside(value: number, bounds: { min: number; max: number }): boolean {
  return !(value >= bounds.min && value <= bounds.max);
}

/** The first problem of a new epoch against the one before it, or undefined. */
export function epochProblem(epoch: DifficultyEpoch, previous: DifficultyEpoch): UpdateProblem | undefined {
  const at = `epoch ${epoch.epoch}`;
  if (epoch.epoch !== previous.epoch + 1)
    return {
      at,
      field: 'epoch',
      message: `epoch ${previous.epoch + 1} is missing upstream (gap before ${epoch.epoch})`,
    };
  if (epoch.startHeight !== epoch.epoch * BLOCKS_PER_EPOCH)
    return { at, field: 'startHeight', message: `${epoch.startHeight} is not ${BLOCKS_PER_EPOCH} x ${epoch.epoch}` };
  if (outside(epoch.difficulty, SANITY_BOUNDS.difficulty))
    return {
      at,
      field: 'difficulty',
      message: `${epoch.difficulty} is outside [${SANITY_BOUNDS.difficulty.min}, ${SANITY_BOUNDS.difficulty.max}] (a unit error?)`,
    };
  const changePct = (epoch.difficulty / previous.difficulty - 1) * 100;
  if (outside(changePct, RETARGET_PCT))
    return {
      at,
      field: 'difficulty',
      message: `a retarget of ${changePct.toFixed(2)} % from epoch ${previous.epoch} is outside consensus's -75..+300 %`,
    };
  if (!(epoch.startedAt > previous.startedAt))
    return { at, field: 'startedAt', message: `${epoch.startedAt} is not after epoch ${previous.epoch}'s start` };
  return undefined;
}

/** The first problem of a new day (against the newest day before it), or undefined. */
export function dayProblem(day: DailyNetwork, previous: DailyNetwork | undefined): UpdateProblem | undefined {
  const at = day.date;
  const parsed = dailyNetworkSchema.safeParse(day);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { at, field: issue.path.join('.'), message: issue.message };
  }
  for (const field of ['hashrateHps', 'btcPriceUsd', 'difficulty'] as const) {
    const value = day[field];
    if (value === undefined)
      return { at, field, message: `the source gives no ${field} for ${day.date} (a gap in its series)` };
    if (outside(value, SANITY_BOUNDS[field]))
      return {
        at,
        field,
        message: `${value} is outside [${SANITY_BOUNDS[field].min}, ${SANITY_BOUNDS[field].max}] (a unit error?)`,
      };
  }
  const problems = checkDaily(day, { difficulty: day.difficulty! });
  if (problems.hashrate[0]) return { at, field: 'hashrateHps', message: problems.hashrate[0] };
  if (problems.blocks[0])
    return {
      at,
      field: problems.blocks[0].startsWith('feesBtc') ? 'feesBtc' : 'blockCount',
      message: problems.blocks[0],
    };
  if (
    previous?.hashrateHps !== undefined &&
    ratio(day.hashrateHps!, previous.hashrateHps) > VALIDATION.maxHashrateJumpRatio
  )
    return {
      at,
      field: 'hashrateHps',
      message: `${day.hashrateHps!.toExponential(3)} jumps more than ${VALIDATION.maxHashrateJumpRatio}x from ${previous.date}'s ${previous.hashrateHps.toExponential(3)} (an outlier)`,
    };
  if (
    previous?.btcPriceUsd !== undefined &&
    ratio(day.btcPriceUsd!, previous.btcPriceUsd) > VALIDATION.maxPriceJumpRatio
  )
    return {
      at,
      field: 'btcPriceUsd',
      message: `${day.btcPriceUsd} moves more than ${VALIDATION.maxPriceJumpRatio}x from ${previous.date}'s ${previous.btcPriceUsd} (an outlier)`,
    };
  return undefined;
}

/**
 * A day's rates, units of each currency per USD, from mempool's prices of one observation (the
 * currency's price over the USD one); only the currencies the project prices in, each > 0.
 */
export function ratesPerUsd(prices: DailyFiatPrices): Partial<Record<Currency, number>> {
  const rates: Partial<Record<Currency, number>> = {};
  for (const currency of CURRENCIES) {
    const price = prices.fiatPrices[currency];
    if (currency !== BASE_CURRENCY && price !== undefined && price > 0) rates[currency] = price / prices.priceUsd;
  }
  return rates;
}

/**
 * The day's last height, counted on from the day before's by the day's (estimated) blocks: mempool's
 * series give no height per day, and the replay needs one (the tip of the day's snapshot). The
 * source says it is estimated, as the blocks it comes from.
 */
function withEndHeight(day: DailyNetwork, previous: DailyNetwork | undefined): DailyNetwork {
  if (previous?.endHeight === undefined || day.blockCount === undefined) return day;
  return { ...day, endHeight: previous.endHeight + day.blockCount, source: `${day.source}+endHeight` };
}

export async function updateHistory(options: UpdateHistoryOptions): Promise<UpdateHistoryResult> {
  const { now, log = () => undefined } = options;
  const bundled = options.bundled ?? bundledOnlyHistory();
  const cache = openHistoryCache(options.cacheDir, options.sourceBaseUrl, now);
  const bundledEnd = bundled.daily.at(-1)!.date;
  const bundledEpoch = bundled.epochs.at(-1)!.epoch;
  const epochs = [...bundled.epochs, ...cache.epochs.filter((e) => e.epoch > bundledEpoch)];
  const known = [...bundled.daily, ...cache.days.filter((d) => d.date > bundledEnd)];
  const yesterday = new Date(now.getTime() - MS_PER_DAY).toISOString().slice(0, 10);
  const lastKnown = known.at(-1)!.date;
  if (lastKnown >= yesterday) return { status: 'up-to-date', epochsStored: 0, daysStored: 0, lastDay: lastKnown };

  const http = ingestConfigSchema.shape.http.parse({ userAgent: 'hashwatch-history/0.1 (+self-hosted)' });
  const client = new MempoolClient(cache.manifest.source, {
    http,
    now: () => now,
    maxDataAgeMs: VALIDATION.maxDataAgeMinutes * 60_000,
    ...(options.httpDeps ? { httpDeps: options.httpDeps } : {}),
  });
  let epochsStored = 0;
  let daysStored = 0;
  const stopped = (problem: UpdateProblem): UpdateHistoryResult => ({
    status: 'stopped',
    epochsStored,
    daysStored,
    lastDay: known.at(-1)!.date,
    problem,
  });

  const byEpoch = new Map(epochs.map((e) => [e.epoch, e]));
  for (const row of await client.difficultyAdjustments()) {
    const epoch: DifficultyEpoch = {
      epoch: row.startHeight / BLOCKS_PER_EPOCH,
      startHeight: row.startHeight,
      startedAt: row.startedAt,
      difficulty: row.difficulty,
      source: `mempool:difficulty-adjustments@${cache.manifest.source}`,
    };
    const held = byEpoch.get(epoch.epoch);
    if (held) {
      // A chain fact both sides know: a source that disagrees is not the chain the history holds.
      if (!matchesEpochChain(held.difficulty, epoch.difficulty))
        return stopped({
          at: `epoch ${epoch.epoch}`,
          field: 'difficulty',
          message: `the source gives ${epoch.difficulty}, the history holds ${held.difficulty} (${held.source})`,
        });
      continue;
    }
    const previous = epochs.at(-1)!;
    if (epoch.epoch < previous.epoch) continue;
    const problem = epochProblem(epoch, previous);
    if (problem) return stopped(problem);
    const stored = { ...epoch, changePct: (epoch.difficulty / previous.difficulty - 1) * 100 };
    cache.appendEpoch(stored);
    epochs.push(stored);
    byEpoch.set(stored.epoch, stored);
    epochsStored += 1;
  }

  const from = nextUtcDay(lastKnown);
  const period = periodCovering(from, now);
  log(`fetching ${from} .. ${yesterday} from ${cache.manifest.source} (series period ${period})`);
  const hashrate = await client.hashrate(period);
  // Every currency in one request: the day's USD close makes the row, the others its rates.
  const prices = await client.historicalPricesAllCurrencies();
  const ratesByDate = new Map(prices.map((p) => [p.date, ratesPerUsd(p)]));
  const feeBuckets = await client.blockFees(period).catch((error: unknown) => {
    log(`block fees unavailable (${error instanceof Error ? error.message : String(error)}): days stored without fees`);
    return [] as BlockFeePoint[];
  });
  const dates: string[] = [];
  for (let date = from; date <= yesterday; date = nextUtcDay(date)) dates.push(date);
  const days = mempoolDays({ dates, hashrate: hashrate.daily, prices, epochs, feeBuckets, hashratePeriod: period });
  for (const fetched of days) {
    const day = withEndHeight(fetched, known.at(-1));
    const problem = dayProblem(day, known.at(-1));
    if (problem) return stopped(problem);
    const fxPerUsd = ratesByDate.get(day.date);
    cache.appendDay(fxPerUsd && Object.keys(fxPerUsd).length > 0 ? { ...day, fxPerUsd } : day);
    known.push(day);
    daysStored += 1;
  }
  return { status: 'updated', epochsStored, daysStored, lastDay: known.at(-1)!.date };
}

/**
 * The history a deployment serves on its read API (`npm run backtest -- --from-api <url>`):
 * `GET /v1/history?format=csv&currency=USD`, every page (the `x-hashwatch-next-cursor` header), each
 * request signed with AWS Signature V4 for the Function URL (service `lambda`) with the user's own
 * AWS credentials (the SDK's default chain: environment, profile, SSO, instance role).
 *
 * The CSV carries per day the realized hashprice, hashrate, difficulty and BTC price, not the block
 * count, issuance and fees the replay reads. They are rebuilt, and the row says so in its source:
 * the day's revenue (issuance + fees, BTC) is exactly hashprice x hashrate / price; the block count
 * is the one the hashrate gives at the day's difficulty (shared/domain/dailyBlockTotals, the
 * backfill's estimate), fewer when the revenue does not cover that many subsidies (the hashrate
 * is itself estimated from the blocks: on 2025-05-03 it gives 169 blocks where the revenue covers
 * 165); issuance is those blocks' subsidy and fees the rest. The realized hashprice the replay
 * computes is then the API's own (to the CSV's rounding); the block count and the fees of a day
 * are estimates, so block- and fee-based figures from this source are too.
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { signedGet } from '../aws/functionUrlSigning';
import { historyColumns, type DailyFigureName } from '../../shared/api/dailyFigures';
import { estimateDayTotals } from '../../shared/domain/dailyBlockTotals';
import type { DailyNetwork } from '../../shared/domain/dailyNetwork';
import type { DifficultyEpoch } from '../../shared/domain/difficultyEpoch';
import { ehsToHps, HPS_PER_PHS } from '../../shared/domain/units';
import { HistoryCacheError } from './historyCache';
import type { History } from './localHistory';
import { checkConsecutiveDays } from './tableHistory';

export const API_HISTORY_SOURCE = 'read-api:/v1/history,estimated:blocks+issuance+fees(from hashprice)';
const CURSOR_HEADER = 'x-hashwatch-next-cursor';
/** The API's largest page: fewer round trips. */
export const PAGE_DAYS = 1000;

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export interface ApiHistoryOptions {
  /** The read API's base URL (the calculator's Function URL). */
  baseUrl: string;
  from: string;
  to: string;
  /** Chain facts for the block estimate: the bundled (and cached) epoch table. */
  epochs: readonly DifficultyEpoch[];
  /** The AWS region of the Function URL: from its host (`*.lambda-url.<region>.on.aws`) unless given. */
  region?: string;
  credentials?: Credentials | (() => Promise<Credentials>);
  fetchImpl?: typeof fetch;
  /** Days asked per page (default PAGE_DAYS, the API's largest). */
  pageDays?: number;
}

/** The region in a Function URL's host, or undefined. */
export function regionOfFunctionUrl(url: URL): string | undefined {
  return /\.lambda-url\.([a-z0-9-]+)\.on\.aws$/.exec(url.hostname)?.[1];
}

function number(cell: string | undefined, field: string, date: string): number | undefined {
  if (cell === undefined || cell === '') return undefined;
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new HistoryCacheError(`/v1/history ${date}: ${field} is not a number (${cell})`);
  return value;
}

/** The columns of the API's USD history CSV (its header, checked on every page). */
const COLUMNS = historyColumns('USD');

/** One CSV row as the replay's daily row (see the file comment for the rebuilt fields). */
export function apiDay(cells: readonly string[], epochs: readonly DifficultyEpoch[]): DailyNetwork {
  const date = cells[0] ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new HistoryCacheError(`/v1/history: date ${date} is not YYYY-MM-DD`);
  const figure = (name: DailyFigureName): number | undefined => number(cells[COLUMNS.indexOf(name)], name, date);
  const usdPerPhDay = figure('hashpriceUsdPerPhDay');
  const hashrateEhs = figure('hashrateEhs');
  const difficulty = figure('difficulty');
  const btcPriceUsd = figure('btcPriceUsd');
  const day: DailyNetwork = {
    date,
    ...(hashrateEhs !== undefined ? { hashrateHps: ehsToHps(hashrateEhs) } : {}),
    ...(difficulty !== undefined ? { difficulty } : {}),
    ...(btcPriceUsd !== undefined ? { btcPriceUsd } : {}),
    source: API_HISTORY_SOURCE,
  };
  if (usdPerPhDay === undefined || day.hashrateHps === undefined || btcPriceUsd === undefined) return day;
  const revenueBtc = (usdPerPhDay * (day.hashrateHps / HPS_PER_PHS)) / btcPriceUsd;
  const estimate = estimateDayTotals({ date, hashrateHps: day.hashrateHps, epochs, feeBuckets: [] });
  if (!estimate || estimate.issuanceBtc === undefined || estimate.blockCount === 0) return day;
  const subsidyBtc = estimate.issuanceBtc / estimate.blockCount;
  // The hashrate is itself an estimate (of the day's blocks): a day may have mined several blocks
  // fewer than it gives. Fees are never negative, so the blocks are at most those whose subsidy
  // the revenue covers (1e-9: a fee-less day's revenue is its blocks' subsidy to rounding).
  const blockCount = Math.min(estimate.blockCount, Math.floor(revenueBtc / subsidyBtc + 1e-9));
  const issuanceBtc = blockCount * subsidyBtc;
  return { ...day, blockCount, issuanceBtc, feesBtc: revenueBtc - issuanceBtc };
}

export async function historyFromApi(options: ApiHistoryOptions): Promise<History> {
  const base = new URL(options.baseUrl);
  const region = options.region ?? regionOfFunctionUrl(base) ?? process.env.AWS_REGION;
  if (!region)
    throw new HistoryCacheError(
      `--from-api ${options.baseUrl}: no AWS region in the URL's host (*.lambda-url.<region>.on.aws); set AWS_REGION`,
    );
  const credentials = options.credentials ?? defaultProvider();
  const expectedHeader = COLUMNS.join(',');
  const daily: DailyNetwork[] = [];
  let cursor: string | undefined;
  do {
    const url = new URL('v1/history', base.href.endsWith('/') ? base.href : `${base.href}/`);
    url.search = new URLSearchParams({
      from: options.from,
      to: options.to,
      format: 'csv',
      currency: 'USD',
      limit: String(options.pageDays ?? PAGE_DAYS),
      ...(cursor ? { cursor } : {}),
    }).toString();
    const response = await signedGet(url, { region, credentials }, options.fetchImpl);
    const body = await response.text();
    if (response.status === 403)
      throw new HistoryCacheError(
        `--from-api ${base.origin}: the read API refused the request's signature (403 ${body.slice(0, 300)}). ` +
          `Sign with AWS credentials allowed to invoke its Function URL (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ` +
          `AWS_SESSION_TOKEN, a profile or SSO) for its region (${region}).`,
      );
    if (!response.ok)
      throw new HistoryCacheError(
        `GET ${url.pathname}${url.search} answered ${response.status}: ${body.slice(0, 300)}`,
      );
    const [header, ...lines] = body.split(/\r?\n/).filter((line) => line.length > 0);
    if (header !== expectedHeader)
      throw new HistoryCacheError(`/v1/history CSV header is "${header ?? ''}", expected "${expectedHeader}"`);
    for (const line of lines) daily.push(apiDay(line.split(','), options.epochs));
    cursor = response.headers.get(CURSOR_HEADER) ?? undefined;
  } while (cursor);
  if (daily.length === 0) throw new HistoryCacheError(`/v1/history holds no day in ${options.from} .. ${options.to}`);
  checkConsecutiveDays(daily, `/v1/history at ${base.origin}`);
  return { daily, epochs: [...options.epochs] };
}

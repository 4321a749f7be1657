/**
 * Where each figure of a network snapshot comes from, declared once as data: the upstream
 * requests a cycle can make, and for every figure its sources in the order they are tried (the
 * first is the primary, the others its fallbacks). The collector (collectFigures.ts) reads these
 * declarations to decide what each round fetches and which source each figure is taken from; the
 * snapshot is then made by the domain's one constructor (shared/domain/networkSnapshot.ts).
 *
 * A new snapshot field: its line in the schema, its reading in the source adapter, and its
 * declaration here, which also says how the backtest reads it from a day of history (the compiler
 * refuses a figure of the schema that no declaration fills).
 */
import { epochOfHeight } from '../domain/difficulty';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import type { EpochProgress, NetworkSnapshot, SnapshotFigures } from '../domain/networkSnapshot';
import { epochProgressOfProjection } from '../domain/networkSnapshot.mapper';
import { projectedAdjustment } from '../domain/projectedAdjustment';
import { blockSubsidyBtc } from '../domain/subsidy';
import type { IngestSources } from './ports';
import type { FiguresRead, PriceQuote } from './readings';
import { epochProgressOfReading } from './readings.mapper';

export const FEE_WINDOW_BLOCKS = 144;
/** The cycle only needs the newest daily points; mempool's smallest window with several days. */
export const CYCLE_HASHRATE_PERIOD = '1w';
/**
 * One row per block (mempool's 24h and 3d windows are unbucketed); 3d covers yesterday in full at
 * any time of today, and a day or two missed in an outage.
 */
export const CYCLE_BLOCK_FEES_PERIOD = '3d';

/**
 * The upstream requests of a cycle besides the prices, named as the failure list reports them and
 * in the order it lists them, each with the source that answers it (whose name the snapshot's
 * `sources` records). The daily rollup and the epoch detection read some of the answers too.
 */
export const REQUESTS = {
  'tip-height': { source: 'mempool', fetch: (s: IngestSources) => s.mempool.tipHeight() },
  'difficulty-adjustment': { source: 'mempool', fetch: (s: IngestSources) => s.mempool.difficultyAdjustment() },
  hashrate: { source: 'mempool', fetch: (s: IngestSources) => s.mempool.hashrate(CYCLE_HASHRATE_PERIOD) },
  'reward-stats': { source: 'mempool', fetch: (s: IngestSources) => s.mempool.rewardStats(FEE_WINDOW_BLOCKS) },
  'block-fees': { source: 'mempool', fetch: (s: IngestSources) => s.mempool.blockFees(CYCLE_BLOCK_FEES_PERIOD) },
  'chain-fallback': { source: 'chainFallback', fetch: (s: IngestSources) => s.chainFallback.stats() },
} as const;

export type RequestName = keyof typeof REQUESTS;

/** What each request delivered in a cycle's rounds (absent: not made, or failed). */
export type Answers = { -readonly [K in RequestName]?: Awaited<ReturnType<(typeof REQUESTS)[K]['fetch']>> };

/** What a source may look at besides its own request's answer. */
export interface FigureContext {
  /** The figures taken so far, in declaration order (a figure may depend on an earlier one). */
  picked: Partial<SnapshotFigures>;
  /** The newest stored snapshot and difficulty epoch. */
  last: NetworkSnapshot | undefined;
  lastEpoch: DifficultyEpoch | undefined;
  now: Date;
}

/** One source of a figure: a request's answer, or a figure computed from what is stored. */
export type FigureSource<F> =
  | { kind: 'request'; request: RequestName; read: (answers: Answers, context: FigureContext) => F | undefined }
  | { kind: 'computed'; name: string; read: (context: FigureContext) => F | undefined };

/** A source reading one request's answer (the answer's type follows the request). */
export function fromRequest<R extends RequestName, F>(
  request: R,
  read: (answer: NonNullable<Answers[R]>, context: FigureContext) => F | undefined,
): FigureSource<F> {
  return {
    kind: 'request',
    request,
    read: (answers, context) => {
      const answer = answers[request];
      return answer === undefined ? undefined : read(answer as NonNullable<Answers[R]>, context);
    },
  };
}

/**
 * A figure its request's reading carries as it stands, under the snapshot's own name
 * (readings.ts FiguresRead): taken when the reading has it, not delivered when it lacks it.
 */
export function asRead<R extends ReadingRequest, K extends keyof SnapshotFigures>(
  request: R,
  field: K,
): FigureSource<Pick<SnapshotFigures, K>> {
  return fromRequest(request, (reading: FiguresRead) => {
    const value = reading[field];
    return value === undefined ? undefined : ({ [field]: value } as Pick<SnapshotFigures, K>);
  });
}

/** The requests whose reading may carry snapshot figures under their own names. */
type ReadingRequest = {
  [R in RequestName]: NonNullable<Answers[R]> extends FiguresRead ? R : never;
}[RequestName];

export function computed<F>(name: string, read: (context: FigureContext) => F | undefined): FigureSource<F> {
  return { kind: 'computed', name, read };
}

/**
 * How a figure is taken:
 * - `required`: from the first of its sources that delivers, recorded in the snapshot's `sources`
 *   (and in the cycle's fallbacks when it is not the first); none delivering rejects the snapshot.
 * - `cross-checked` (the price): every quote that arrived is weighed (priceCrossCheck.ts), the
 *   remaining fallbacks asked in a second round when fewer than two quotes agree.
 * - `derived`: computed from the figures taken before it; not a source of its own.
 * - `optional`: read when its source has it, left out when not; never rejects the snapshot.
 */
export type FigureKind = 'required' | 'cross-checked' | 'derived' | 'optional';

export interface FigureDeclaration<K extends keyof SnapshotFigures> {
  /** Its name in the snapshot's `sources`, the cycle's fallbacks and the rejection reasons. */
  figure: string;
  kind: FigureKind;
  /** The snapshot fields it fills. */
  fields: readonly K[];
  /** Where it is read, first choice first (none for the price: its quotes are PRICE_QUOTES). */
  sources: readonly FigureSource<Pick<SnapshotFigures, K>>[];
  /** A cross-checked figure's fields, from the quote the cross-check chose. */
  fromQuote?: (quote: PriceQuote) => Pick<SnapshotFigures, K>;
  /** The rejection reason when no source delivers it (default: `no source delivered <figure>`). */
  missing?: string;
  /**
   * How the backtest reads it from a day of history (local/backtest/historyTicks.ts): undefined
   * when that day lacks it, and the day gets no snapshot, as a failed ingest stores none. The
   * running epoch is the replay's own: it computes it at each tick's time from the epoch table.
   */
  history: HistoryReading<K>;
}

/**
 * What a day of history says of the network, as the backtest replays it (its ReplayDay,
 * local/backtest/replayDays.ts); undefined where history lacks the figure that day.
 */
export interface HistoryDay {
  /** Height of the day's last block. */
  endHeight: number | undefined;
  difficulty: number | undefined;
  /** The day's mean hashrate, H/s. */
  hashrateHps: number | undefined;
  /** The day's close, USD. */
  btcPriceUsd: number | undefined;
  /** The day's mean fees per block, BTC. */
  feesBtcPerBlock: number | undefined;
}

/** The figure a replay computes at each tick's time from the epoch table rather than reads from a day. */
export type ReplayComputed = 'epochProgress';
export const COMPUTED_BY_REPLAY = 'computed-by-replay';

export type HistoryReading<K extends keyof SnapshotFigures> = [K] extends [ReplayComputed]
  ? typeof COMPUTED_BY_REPLAY
  : (day: HistoryDay) => Pick<SnapshotFigures, K> | undefined;

/** A figure a day of history records under the snapshot's own name. */
function recorded<K extends keyof HistoryDay & keyof SnapshotFigures>(field: K) {
  return (day: HistoryDay): Pick<SnapshotFigures, K> | undefined => {
    const value = day[field];
    return value === undefined ? undefined : ({ [field]: value } as Pick<SnapshotFigures, K>);
  };
}

function defineFigure<K extends keyof SnapshotFigures>(declaration: FigureDeclaration<K>): FigureDeclaration<K> {
  return declaration;
}

/** The fallback of the running epoch's progress: its name in `sources`. */
export const STORED_EPOCH_FALLBACK = 'computed:stored-epoch';

/**
 * Every figure of a snapshot, in the order the ingest takes them (the order of the rejection
 * reasons, of the fallbacks reported and of the `sources` record).
 */
export const SNAPSHOT_FIGURES = [
  defineFigure({
    figure: 'tipHeight',
    kind: 'required',
    fields: ['tipHeight'],
    sources: [fromRequest('tip-height', (tipHeight) => ({ tipHeight })), asRead('chain-fallback', 'tipHeight')],
    history: (day) => (day.endHeight === undefined ? undefined : { tipHeight: day.endHeight }),
  }),
  defineFigure({
    figure: 'difficulty',
    kind: 'required',
    fields: ['difficulty'],
    sources: [
      fromRequest('hashrate', (h) => ({ difficulty: h.currentDifficulty })),
      asRead('chain-fallback', 'difficulty'),
    ],
    history: recorded('difficulty'),
  }),
  defineFigure({
    figure: 'hashrateHps',
    kind: 'required',
    fields: ['hashrateHps'],
    sources: [
      fromRequest('hashrate', (h) => ({ hashrateHps: h.currentHashrateHps })),
      asRead('chain-fallback', 'hashrateHps'),
    ],
    history: recorded('hashrateHps'),
  }),
  defineFigure({
    figure: 'feesBtcPerBlock',
    kind: 'required',
    fields: ['feesBtcPerBlock', 'feeWindowBlocks'],
    sources: [
      fromRequest('reward-stats', (fees) => ({
        feesBtcPerBlock: fees.feesBtcPerBlock,
        feeWindowBlocks: fees.windowBlocks,
      })),
      fromRequest('chain-fallback', (stats) => ({
        feesBtcPerBlock: stats.feesBtcPerBlock,
        feeWindowBlocks: stats.windowBlocks,
      })),
    ],
    // History has the day's mean; the replay labels it with the window the ingest takes.
    history: (day) =>
      day.feesBtcPerBlock === undefined
        ? undefined
        : { feesBtcPerBlock: day.feesBtcPerBlock, feeWindowBlocks: FEE_WINDOW_BLOCKS },
  }),
  defineFigure({
    figure: 'epochProgress',
    kind: 'required',
    fields: ['epochProgress'],
    sources: [
      fromRequest('difficulty-adjustment', (adjustment) => ({ epochProgress: epochProgressOfReading(adjustment) })),
      computed(STORED_EPOCH_FALLBACK, ({ picked, lastEpoch, now }) => {
        const epochProgress =
          picked.tipHeight === undefined ? undefined : epochProgressFromStoredEpoch(picked.tipHeight, lastEpoch, now);
        return epochProgress && { epochProgress };
      }),
    ],
    missing:
      'no source delivered epochProgress (mempool difficulty-adjustment failed and the running epoch is not stored)',
    history: COMPUTED_BY_REPLAY,
  }),
  defineFigure({
    figure: 'btcPriceUsd',
    kind: 'cross-checked',
    fields: ['btcPriceUsd', 'fiatPrices'],
    sources: [],
    fromQuote: (quote) => ({ btcPriceUsd: quote.priceUsd, fiatPrices: quote.fiatPrices }),
    // History has USD closes only.
    history: (day) => (day.btcPriceUsd === undefined ? undefined : { btcPriceUsd: day.btcPriceUsd, fiatPrices: {} }),
  }),
  defineFigure({
    figure: 'subsidyBtc',
    kind: 'derived',
    fields: ['subsidyBtc'],
    sources: [
      // The subsidy of the block being mined now (the next one), which is what hashprice pays.
      computed('tipHeight', ({ picked }) =>
        picked.tipHeight === undefined ? undefined : { subsidyBtc: blockSubsidyBtc(picked.tipHeight + 1) },
      ),
    ],
    // The replay's day stands at its last block: that block's subsidy.
    history: (day) => (day.endHeight === undefined ? undefined : { subsidyBtc: blockSubsidyBtc(day.endHeight) }),
  }),
  defineFigure({
    figure: 'tipBlockTime',
    kind: 'optional',
    fields: ['tipBlockTime'],
    sources: [
      // mempool's per-block list: the tip block's header time, when it lists the tip.
      fromRequest('block-fees', (blocks, { picked }) => {
        const tipBlock = blocks.find((b) => b.height === picked.tipHeight);
        return tipBlock && { tipBlockTime: new Date(tipBlock.timeUnixS * 1000).toISOString() };
      }),
    ],
    // History has no block times: the optional figure is left out.
    history: () => ({}),
  }),
] as const;

/**
 * The price quotes: mempool's, then the configured fallbacks. The first round asks mempool and
 * the first fallback (the cross-check), the second the others when fewer than two quotes agree.
 */
export const PRICE_QUOTES = {
  primary: { request: 'prices', fetch: (s: IngestSources) => s.mempool.prices() },
  fallback: { request: 'price-fallback' },
  inFirstRound: 2,
} as const;

/**
 * The tip is not believed on mempool's word alone when nothing shows it is live
 * (snapshotChecks.ts tipNeedsCrossCheck): the chain-data source is asked in the second round and
 * its tip handed to the checks.
 */
export const TIP_CROSS_CHECK = {
  request: 'chain-fallback',
  read: (stats: NonNullable<Answers['chain-fallback']>) => stats.tipHeight,
} as const;

type FieldsOf<D> = D extends FigureDeclaration<infer K> ? K : never;
type Undeclared = Exclude<keyof SnapshotFigures, FieldsOf<(typeof SNAPSHOT_FIGURES)[number]>>;
/** Compiles only while every figure of the schema has a declaration above (it names the missing ones). */
export const EVERY_FIGURE_DECLARED: [Undeclared] extends [never] ? true : Undeclared = true;

/**
 * When mempool's difficulty-adjustment fails: the running epoch's progress computed from the tip
 * height and the stored running epoch (its first block's time and its change), with the method
 * mempool uses (shared/domain/projectedAdjustment.ts). Only when that epoch is stored and its change known.
 */
export function epochProgressFromStoredEpoch(
  tipHeight: number,
  lastEpoch: DifficultyEpoch | undefined,
  now: Date,
): EpochProgress | undefined {
  if (!lastEpoch || lastEpoch.changePct === undefined || epochOfHeight(tipHeight) !== lastEpoch.epoch) return undefined;
  const projected = projectedAdjustment({
    tipHeight,
    epochStartedAtMs: Date.parse(lastEpoch.startedAt),
    nowMs: now.getTime(),
  });
  return epochProgressOfProjection(projected, lastEpoch.changePct);
}

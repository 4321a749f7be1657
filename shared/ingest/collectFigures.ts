/**
 * The one collector of a cycle's figures: it runs the rounds the declarations (figures.ts) imply,
 * lists every request that failed, takes each figure from the first of its sources that delivers
 * it, and weighs the price quotes (priceCrossCheck.ts). It knows no figure by name.
 *
 * Round 1 (concurrent): the request of every figure's first source, mempool's prices and the first
 * price fallback (the cross-check), and the last stored records. Round 2 (concurrent, only when
 * needed): the requests of the fallbacks of required figures their first source did not deliver,
 * the chain-data source when the tip needs a cross-check, and the remaining price fallbacks when
 * fewer than two quotes agree. So a healthy cycle costs one request latency, a degraded one two
 * (plus retries).
 */
import type { IngestConfig } from '../config/ingestConfig';
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import { FLAG_PRICE_DISAGREE, FLAG_PRICE_SINGLE_SOURCE } from '../domain/networkSnapshot';
import type { NetworkSnapshot, SnapshotFigures } from '../domain/networkSnapshot';
import {
  PRICE_QUOTES,
  REQUESTS,
  SNAPSHOT_FIGURES,
  TIP_CROSS_CHECK,
  type Answers,
  type FigureContext,
  type FigureDeclaration,
  type RequestName,
} from './figures';
import type { IngestSources, NetworkRepository } from './ports';
import { decidePrice, type PriceDecision } from './priceCrossCheck';
import type { PriceQuote } from './readings';
import { tipNeedsCrossCheck } from './snapshotChecks';

/** The records the cycle compares with and builds on, read in the first round. */
export interface StoredState {
  last: NetworkSnapshot | undefined;
  lastDaily: DailyNetwork | undefined;
  lastEpoch: DifficultyEpoch | undefined;
}

export interface CollectedFigures {
  stored: StoredState;
  /** What each request delivered (the daily rollup and the epoch detection read them too). */
  answers: Answers;
  /** The figures taken: every declared one when `problems` is empty. */
  figures: Partial<SnapshotFigures>;
  /** Which source supplied each figure (the snapshot's `sources`). */
  sources: Record<string, string>;
  /** The price's quality flags. */
  flags: string[];
  /** Why no snapshot can be made: a required figure no source delivered. */
  problems: string[];
  /** Every request that failed, `<request>: <error>`, round by round. */
  failures: string[];
  /** `<figure>:<source>` for every figure not taken from its first source. */
  fallbacksUsed: string[];
  price: { quotes: PriceQuote[]; decision: PriceDecision | undefined };
  /** Whether the tip needed a cross-check, and the second source's tip when it answered. */
  tipCrossCheck: { needed: boolean; answer?: { tipHeight: number; source: string } };
}

export interface CollectDeps {
  sources: IngestSources;
  repository: NetworkRepository;
  config: IngestConfig;
  now: Date;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const NO_FALLBACK: Settled<PriceQuote> = { ok: false, error: new Error('no fallback') };

/** Every request, in the order the failure list reports them. */
const REQUEST_ORDER = Object.keys(REQUESTS) as RequestName[];

type AnyFigure = FigureDeclaration<keyof SnapshotFigures>;
const FIGURES: readonly AnyFigure[] = SNAPSHOT_FIGURES as readonly AnyFigure[];

/** The requests of the figures' first sources: what round 1 asks. */
const FIRST_ROUND: readonly RequestName[] = REQUEST_ORDER.filter((name) =>
  FIGURES.some((f) => f.sources[0]?.kind === 'request' && f.sources[0].request === name),
);

export async function collectFigures(deps: CollectDeps): Promise<CollectedFigures> {
  const { sources, repository, config, now } = deps;
  const [firstFallback, ...otherFallbacks] = sources.priceFallbacks;
  const answers: Answers = {};
  const failures: string[] = [];
  const record = (names: readonly RequestName[], settled: readonly Settled<unknown>[]): void => {
    names.forEach((name, i) => {
      const s = settled[i]!;
      if (s.ok) (answers as Record<string, unknown>)[name] = s.value;
      else failures.push(`${name}: ${describe(s.error)}`);
    });
  };

  // Round 1: everything at once.
  const [firstAnswers, firstQuotes, [last, lastDaily, lastEpoch]] = await Promise.all([
    Promise.all(FIRST_ROUND.map((name) => settle<unknown>(REQUESTS[name].fetch(sources)))),
    Promise.all([
      settle(PRICE_QUOTES.primary.fetch(sources)),
      firstFallback ? settle(firstFallback.price()) : Promise.resolve(NO_FALLBACK),
    ]),
    Promise.all([repository.latestSnapshot(), repository.latestDaily(), repository.latestEpoch()]),
  ]);
  record(FIRST_ROUND, firstAnswers);
  const quoteNames = [PRICE_QUOTES.primary.request, PRICE_QUOTES.fallback.request];
  firstQuotes.forEach((s, i) => {
    if (!s.ok) failures.push(`${quoteNames[i]}: ${describe(s.error)}`);
  });
  const stored: StoredState = { last, lastDaily, lastEpoch };
  const context = { last, lastEpoch, now };

  // Round 2: the fallbacks' requests and the other price sources, only if needed. The chain source
  // also cross-checks a tip nothing shows to be live (tipNeedsCrossCheck): a frozen source is not believed.
  const asked = new Set<RequestName>(FIRST_ROUND);
  const firstTake = takeFigures(answers, asked, context, () => 'pending');
  const crossCheck =
    firstTake.figures.tipHeight !== undefined &&
    tipNeedsCrossCheck(firstTake.figures.tipHeight, last, now, config.schedule.intervalMinutes);
  const wanted = new Set(firstTake.wanted);
  if (crossCheck) wanted.add(TIP_CROSS_CHECK.request);
  const secondRound = REQUEST_ORDER.filter((name) => wanted.has(name));
  const quotes: PriceQuote[] = firstQuotes.flatMap((s) => (s.ok ? [s.value] : []));
  let decision = decidePrice(quotes, config.validation.priceTolerancePct);
  const needMorePrices = otherFallbacks.length > 0 && (quotes.length < 2 || decision?.confirmedBy === undefined);
  const [secondAnswers, morePrices] = await Promise.all([
    Promise.all(secondRound.map((name) => settle<unknown>(REQUESTS[name].fetch(sources)))),
    Promise.all(needMorePrices ? otherFallbacks.map((s) => settle(s.price())) : []),
  ]);
  for (const s of morePrices) {
    if (s.ok) quotes.push(s.value);
    else failures.push(`${PRICE_QUOTES.fallback.request}: ${describe(s.error)}`);
  }
  record(secondRound, secondAnswers);
  for (const name of secondRound) asked.add(name);
  if (morePrices.length > 0) decision = decidePrice(quotes, config.validation.priceTolerancePct);

  const taken = takeFigures(answers, asked, context, (name) => sources[REQUESTS[name].source].name, {
    decision,
    primarySource: sources.mempool.name,
  });
  const crossAnswer = answers[TIP_CROSS_CHECK.request];
  return {
    stored,
    answers,
    figures: taken.figures,
    sources: taken.sources,
    flags: taken.flags,
    problems: taken.problems,
    failures,
    fallbacksUsed: taken.fallbacksUsed,
    price: { quotes, decision },
    tipCrossCheck: {
      needed: crossCheck,
      ...(crossCheck && crossAnswer
        ? {
            answer: {
              tipHeight: TIP_CROSS_CHECK.read(crossAnswer),
              source: sources[REQUESTS[TIP_CROSS_CHECK.request].source].name,
            },
          }
        : {}),
    },
  };
}

interface Taken {
  figures: Partial<SnapshotFigures>;
  sources: Record<string, string>;
  flags: string[];
  problems: string[];
  fallbacksUsed: string[];
  /** Requests not asked yet that a required figure would try next. */
  wanted: RequestName[];
}

/**
 * Takes every declared figure, in declaration order, from what has arrived. `price` is absent in
 * the look after round 1 (only the requests still wanted matter there).
 */
function takeFigures(
  answers: Answers,
  asked: ReadonlySet<RequestName>,
  base: Omit<FigureContext, 'picked'>,
  sourceName: (request: RequestName) => string,
  price?: { decision: PriceDecision | undefined; primarySource: string },
): Taken {
  const taken: Taken = { figures: {}, sources: {}, flags: [], problems: [], fallbacksUsed: [], wanted: [] };
  const context: FigureContext = { ...base, picked: taken.figures };
  for (const figure of FIGURES) {
    if (figure.kind === 'cross-checked') {
      if (price) takeQuote(figure, price, taken);
      continue;
    }
    let delivered = false;
    for (const [index, source] of figure.sources.entries()) {
      if (source.kind === 'request' && !asked.has(source.request)) {
        // Fallbacks are asked for the figures a snapshot cannot do without, never for optional ones.
        if (figure.kind === 'required') taken.wanted.push(source.request);
        break;
      }
      const value = source.kind === 'request' ? source.read(answers, context) : source.read(context);
      if (value === undefined) continue;
      Object.assign(taken.figures, value);
      delivered = true;
      if (figure.kind === 'required') {
        const name = source.kind === 'request' ? sourceName(source.request) : source.name;
        taken.sources[figure.figure] = name;
        if (index > 0) taken.fallbacksUsed.push(`${figure.figure}:${name}`);
      }
      break;
    }
    if (!delivered && figure.kind === 'required')
      taken.problems.push(figure.missing ?? `no source delivered ${figure.figure}`);
  }
  return taken;
}

/** The price: the quote the cross-check chose, its confirmation or its flag. */
function takeQuote(
  figure: AnyFigure,
  price: { decision: PriceDecision | undefined; primarySource: string },
  taken: Taken,
): void {
  const { decision } = price;
  if (!decision || !figure.fromQuote) {
    taken.problems.push(figure.missing ?? `no source delivered ${figure.figure}`);
    return;
  }
  Object.assign(taken.figures, figure.fromQuote(decision.chosen));
  taken.sources[figure.figure] = decision.chosen.source;
  if (decision.chosen.source !== price.primarySource)
    taken.fallbacksUsed.push(`${figure.figure}:${decision.chosen.source}`);
  if (decision.confirmedBy) taken.sources[`${figure.figure}ConfirmedBy`] = decision.confirmedBy.source;
  else taken.flags.push(decision.disagreement ? FLAG_PRICE_DISAGREE : FLAG_PRICE_SINGLE_SOURCE);
  if (Object.keys(decision.chosen.fiatPrices).length > 0) taken.sources.fiatPrices = decision.chosen.source;
}

/**
 * The market the calculator prices against: the request's own figures laid over the latest stored
 * network snapshot. A hashprice given directly wins; otherwise the expected hashprice is derived
 * from BTC price, difficulty, fees and the subsidy at the tip height (docs/design.md §3).
 */
import { expectedHashprice } from '../domain/hashprice';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { blockSubsidyBtc } from '../domain/subsidy';
import { TARGET_BLOCK_INTERVAL_SECONDS } from '../domain/units';
import { CalculatorErrorCode, calculatorError, type CalculatorError, type CalculatorIssue } from './errors';
import type { MarketRequest } from './request';

/** `history`: a realized scenario's start, read from the bundled history. */
export type MarketFieldSource = 'request' | 'snapshot' | 'derived' | 'estimated' | 'history';

/** The figures of a network snapshot the calculator reads (a stored one, or the CLI's live or bundled market). */
export type MarketSnapshot = Pick<
  NetworkSnapshot,
  'intervalStart' | 'observedAt' | 'tipHeight' | 'difficulty' | 'btcPriceUsd' | 'feesBtcPerBlock' | 'fiatPrices'
>;

/** A block height known at a time (the CLI's latest bundled day), from which today's tip is estimated. */
export interface KnownHeight {
  height: number;
  /** When that block was the tip (ISO 8601). */
  at: string;
  /** Where the height comes from, in words ("the bundled history"). */
  source: string;
}

/** The tip estimated from a known height at the 600 s target spacing: it only sets the subsidy and the halving date. */
export interface TipHeightEstimate {
  tipHeight: number;
  basis: string;
}

export function estimateTipHeight(known: KnownHeight, nowMs: number): TipHeightEstimate {
  const elapsedBlocks = Math.max(0, Math.floor((nowMs - Date.parse(known.at)) / 1000 / TARGET_BLOCK_INTERVAL_SECONDS));
  return {
    tipHeight: known.height + elapsedBlocks,
    basis: `height ${String(known.height).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} on ${known.at.slice(0, 10)} (${known.source}) plus one block per 10 minutes since`,
  };
}

export interface ResolvedMarket {
  hashpriceUsdPerPhDay: number;
  /** Null when the hashprice was given directly and no BTC price is known. */
  hashpriceBtcPerPhDay: number | null;
  btcPriceUsd: number | null;
  difficulty: number | null;
  feesBtcPerBlock: number | null;
  tipHeight: number | null;
  subsidyBtc: number | null;
  /** How the tip height was estimated when neither the request nor a snapshot gave it (source 'estimated'). */
  tipHeightBasis: string | null;
  /** Where each figure came from. */
  sources: {
    hashpriceUsdPerPhDay: MarketFieldSource;
    btcPriceUsd: MarketFieldSource | null;
    difficulty: MarketFieldSource | null;
    feesBtcPerBlock: MarketFieldSource | null;
    tipHeight: MarketFieldSource | null;
  };
  /** The stored snapshot used, when one was. */
  snapshot: { intervalStart: string; observedAt: string } | null;
}

/** What a scenario needs beyond today's hashprice: every input of the expected hashprice. */
export interface ScenarioMarket {
  hashpriceUsdPerPhDay: number;
  btcPriceUsd: number;
  difficulty: number;
  feesBtcPerBlock: number;
  tipHeight: number;
}

const DERIVATION_FIELDS = ['btcPriceUsd', 'difficulty', 'feesBtcPerBlock', 'tipHeight'] as const;

function pick<K extends (typeof DERIVATION_FIELDS)[number]>(
  field: K,
  request: MarketRequest | undefined,
  snapshot: MarketSnapshot | undefined,
): { value: number; source: MarketFieldSource } | undefined {
  const given = request?.[field];
  if (given !== undefined) return { value: given, source: 'request' };
  const stored = snapshot?.[field];
  if (stored !== undefined) return { value: stored, source: 'snapshot' };
  return undefined;
}

function marketMissing(snapshot: MarketSnapshot | undefined, missing: readonly string[], why: string): CalculatorError {
  const hint = snapshot
    ? `pass them in \`market\``
    : 'no stored network snapshot is available here; pass `market` (e.g. {"hashpriceUsdPerPhDay": 45} or btcPriceUsd, difficulty, feesBtcPerBlock and tipHeight)';
  const issues: CalculatorIssue[] = missing.map((field) => ({
    field: `market.${field}`,
    problem: `is required ${why}`,
  }));
  return calculatorError(CalculatorErrorCode.MarketUnavailable, `Market figures missing ${why}: ${hint}.`, issues);
}

/**
 * `tipEstimate`, when given, stands in for a tip height neither the request nor the snapshot has:
 * with price, difficulty and fees given, the height only sets the subsidy (and a scenario's
 * halving date), which a date-based estimate gets right except within days of a halving.
 */
export function resolveMarket(
  request: MarketRequest | undefined,
  snapshot: MarketSnapshot | undefined,
  tipEstimate?: TipHeightEstimate,
): ResolvedMarket | CalculatorError {
  const btcPrice = pick('btcPriceUsd', request, snapshot);
  const difficulty = pick('difficulty', request, snapshot);
  const fees = pick('feesBtcPerBlock', request, snapshot);
  const known = pick('tipHeight', request, snapshot);
  const tip: { value: number; source: MarketFieldSource } | undefined =
    known ?? (tipEstimate ? { value: tipEstimate.tipHeight, source: 'estimated' } : undefined);
  const subsidyBtc = tip ? blockSubsidyBtc(tip.value) : null;
  const usedSnapshot = [btcPrice, difficulty, fees, tip].some((f) => f?.source === 'snapshot');

  let hashpriceUsdPerPhDay: number;
  let hashpriceSource: MarketFieldSource;
  if (request?.hashpriceUsdPerPhDay !== undefined) {
    hashpriceUsdPerPhDay = request.hashpriceUsdPerPhDay;
    hashpriceSource = 'request';
  } else if (btcPrice && difficulty && fees && subsidyBtc !== null) {
    hashpriceUsdPerPhDay = expectedHashprice({
      btcPriceUsd: btcPrice.value,
      difficulty: difficulty.value,
      feesBtcPerBlock: fees.value,
      subsidyBtc,
    }).usdPerPhDay;
    hashpriceSource = 'derived';
  } else {
    const missing = DERIVATION_FIELDS.filter(
      (f) => (f === 'tipHeight' ? tip : pick(f, request, snapshot)) === undefined,
    );
    return marketMissing(snapshot, missing, 'to derive the hashprice (or give market.hashpriceUsdPerPhDay)');
  }

  return {
    hashpriceUsdPerPhDay,
    hashpriceBtcPerPhDay: btcPrice ? hashpriceUsdPerPhDay / btcPrice.value : null,
    btcPriceUsd: btcPrice?.value ?? null,
    difficulty: difficulty?.value ?? null,
    feesBtcPerBlock: fees?.value ?? null,
    tipHeight: tip?.value ?? null,
    subsidyBtc,
    tipHeightBasis: tip?.source === 'estimated' ? tipEstimate!.basis : null,
    sources: {
      hashpriceUsdPerPhDay: hashpriceSource,
      btcPriceUsd: btcPrice?.source ?? null,
      difficulty: difficulty?.source ?? null,
      feesBtcPerBlock: fees?.source ?? null,
      tipHeight: tip?.source ?? null,
    },
    snapshot:
      snapshot && usedSnapshot ? { intervalStart: snapshot.intervalStart, observedAt: snapshot.observedAt } : null,
  };
}

/** The market a scenario projects from, or an error naming what it lacks. */
export function scenarioMarket(
  market: ResolvedMarket,
  snapshot: MarketSnapshot | undefined,
): ScenarioMarket | CalculatorError {
  const { btcPriceUsd, difficulty, feesBtcPerBlock, tipHeight } = market;
  if (btcPriceUsd === null || difficulty === null || feesBtcPerBlock === null || tipHeight === null) {
    const missing = DERIVATION_FIELDS.filter((f) => market[f] === null);
    return marketMissing(snapshot, missing, 'for a scenario (it moves price, difficulty and subsidy)');
  }
  return { hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay, btcPriceUsd, difficulty, feesBtcPerBlock, tipHeight };
}

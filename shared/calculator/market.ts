/**
 * The market the calculator prices against: the request's own figures laid over the latest stored
 * network snapshot. A hashprice given directly wins; otherwise the expected hashprice is derived
 * from BTC price, difficulty, fees and the subsidy at the tip height (docs/design.md §3).
 */
import { expectedHashprice } from '../domain/hashprice';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import { blockSubsidyBtc } from '../domain/subsidy';
import { CalculatorErrorCode, calculatorError, type CalculatorError, type CalculatorIssue } from './errors';
import type { MarketRequest } from './request';

export type MarketFieldSource = 'request' | 'snapshot' | 'derived';

export interface ResolvedMarket {
  hashpriceUsdPerPhDay: number;
  /** Null when the hashprice was given directly and no BTC price is known. */
  hashpriceBtcPerPhDay: number | null;
  btcPriceUsd: number | null;
  difficulty: number | null;
  feesBtcPerBlock: number | null;
  tipHeight: number | null;
  subsidyBtc: number | null;
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
  snapshot: NetworkSnapshot | undefined,
): { value: number; source: MarketFieldSource } | undefined {
  const given = request?.[field];
  if (given !== undefined) return { value: given, source: 'request' };
  const stored = snapshot?.[field];
  if (stored !== undefined) return { value: stored, source: 'snapshot' };
  return undefined;
}

function marketMissing(
  snapshot: NetworkSnapshot | undefined,
  missing: readonly string[],
  why: string,
): CalculatorError {
  const hint = snapshot
    ? `pass them in \`market\``
    : 'no stored network snapshot is available here; pass `market` (e.g. {"hashpriceUsdPerPhDay": 45} or btcPriceUsd, difficulty, feesBtcPerBlock and tipHeight)';
  const issues: CalculatorIssue[] = missing.map((field) => ({
    field: `market.${field}`,
    problem: `is required ${why}`,
  }));
  return calculatorError(CalculatorErrorCode.MarketUnavailable, `Market figures missing ${why}: ${hint}.`, issues);
}

export function resolveMarket(
  request: MarketRequest | undefined,
  snapshot: NetworkSnapshot | undefined,
): ResolvedMarket | CalculatorError {
  const btcPrice = pick('btcPriceUsd', request, snapshot);
  const difficulty = pick('difficulty', request, snapshot);
  const fees = pick('feesBtcPerBlock', request, snapshot);
  const tip = pick('tipHeight', request, snapshot);
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
    const missing = DERIVATION_FIELDS.filter((f) => pick(f, request, snapshot) === undefined);
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
  snapshot: NetworkSnapshot | undefined,
): ScenarioMarket | CalculatorError {
  const { btcPriceUsd, difficulty, feesBtcPerBlock, tipHeight } = market;
  if (btcPriceUsd === null || difficulty === null || feesBtcPerBlock === null || tipHeight === null) {
    const missing = DERIVATION_FIELDS.filter((f) => market[f] === null);
    return marketMissing(snapshot, missing, 'for a scenario (it moves price, difficulty and subsidy)');
  }
  return { hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay, btcPriceUsd, difficulty, feesBtcPerBlock, tipHeight };
}

/**
 * The power ingest function's handler, built from its dependencies (handler.ts wires the real ones
 * from the environment; the tests pass DynamoDB Local and stand-in sources, same code path). The
 * work is one round of shared/power/ingestSitePowerPrices.ts for every site whose price is fetched;
 * this file maps each site's result onto one structured log line and the site's metrics
 * (shared/observability/metrics.ts, POWER_METRICS). A site's failure is that site's log line and
 * metric, never the invocation's: the other sites go on and the invocation succeeds. A failure of
 * the table fails the round (the use case throws) and so the invocation: Lambda's Errors metric, and
 * every site's price-age alarm, which counts a missing value as too old.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from '../../shared/schema/z';
import { intervalBoundsMs } from '../../shared/domain/power/intervalPrice';
import { POWER_METRIC_DIMENSIONS, POWER_METRICS } from '../../shared/observability/metrics';
import {
  ingestSitePowerPrices,
  type PowerIngestSettings,
  type SitePriceIngestResult,
  type SitePriceSource,
} from '../../shared/power/ingestSitePowerPrices';
import type { PowerPriceStore } from '../../shared/power/ports';

export interface PowerHandlerOptions {
  sites: readonly SitePriceSource[];
  store: PowerPriceStore;
  logger: Logger;
  metrics: Metrics;
  nowMs?: () => number;
  settings?: Partial<PowerIngestSettings>;
}

/** One site's outcome, as logged and returned (counts, not the prices themselves). */
export interface PowerSiteOutcome {
  site: string;
  market: string;
  status: SitePriceIngestResult['status'];
  stored: number;
  unchanged: number;
  differing: number;
  gaps: number;
  stale: boolean;
  /** Minutes since the end of the latest ended interval (absent: none stored). */
  priceAgeMinutes?: number;
  /** The age of the price a decision would read now (absent: none stored): the metric the alarm watches. */
  decisionPriceAgeMinutes?: number;
  error?: { kind: string; field: string; message: string };
}

export interface PowerRoundSummary {
  sites: PowerSiteOutcome[];
}

export type PowerHandler = (event: unknown, context: Context) => Promise<PowerRoundSummary>;

/** The schedule sends `{}`; nothing in the event steers the round (the clock is the invocation's own). */
const eventSchema = z.nullish(z.looseObject({}));

/**
 * The age of the price a decision would read now, in minutes: 0 while a stored interval covers now
 * (a day-ahead or tariff hour in force), else the minutes since the latest ended interval (a
 * real-time price is known only after its interval). Above the site's maxPriceAgeMinutes exactly
 * when the result is stale, for either kind of market; undefined when nothing is stored.
 */
export function decisionPriceAgeMinutes(result: SitePriceIngestResult, nowMs: number): number | undefined {
  if (result.current) {
    const { startMs, endMs } = intervalBoundsMs(result.current);
    if (startMs <= nowMs && nowMs < endMs) return 0;
  }
  return result.priceAgeMinutes;
}

export function outcomeOf(result: SitePriceIngestResult, nowMs: number): PowerSiteOutcome {
  const decisionAge = decisionPriceAgeMinutes(result, nowMs);
  return {
    site: result.site,
    market: result.market,
    status: result.status,
    stored: result.stored,
    unchanged: result.unchanged,
    differing: result.differing.length,
    gaps: result.gaps.length,
    stale: result.stale,
    ...(result.priceAgeMinutes !== undefined ? { priceAgeMinutes: result.priceAgeMinutes } : {}),
    ...(decisionAge !== undefined ? { decisionPriceAgeMinutes: decisionAge } : {}),
    ...(result.error ? { error: result.error } : {}),
  };
}

export function createPowerHandler(options: PowerHandlerOptions): PowerHandler {
  const { logger, metrics } = options;
  const nowMs = options.nowMs ?? Date.now;

  /** One metric of one site, published at once with the site (and any other) dimension. */
  const emit = (
    site: string,
    name: string,
    unit: (typeof MetricUnit)[keyof typeof MetricUnit],
    value: number,
    extra: Record<string, string> = {},
  ) => {
    const single = metrics.singleMetric();
    single.addDimension(POWER_METRIC_DIMENSIONS.site, site);
    for (const [dimension, dimensionValue] of Object.entries(extra)) single.addDimension(dimension, dimensionValue);
    single.addMetric(name, unit, value);
  };

  const report = (result: SitePriceIngestResult, roundNowMs: number): PowerSiteOutcome => {
    const outcome = outcomeOf(result, roundNowMs);
    const fields = { ...outcome, window: result.window };
    if (result.status === 'failed') logger.warn('power price site failed', fields);
    else if (result.stale) logger.warn('power price site stale', fields);
    else logger.info('power price site stored', fields);
    // A stored price was not overwritten by a different one: each is named (never dropped silently).
    for (const d of result.differing)
      logger.warn('power price differs from the stored one', { site: result.site, ...d });

    emit(result.site, POWER_METRICS.pricesStored, MetricUnit.Count, result.stored);
    if (outcome.decisionPriceAgeMinutes !== undefined)
      emit(result.site, POWER_METRICS.priceAgeMinutes, MetricUnit.NoUnit, outcome.decisionPriceAgeMinutes);
    if (result.error)
      emit(result.site, POWER_METRICS.priceFetchFailures, MetricUnit.Count, 1, {
        [POWER_METRIC_DIMENSIONS.kind]: result.error.kind,
      });
    return outcome;
  };

  const lambdaHandler = async (event: unknown): Promise<PowerRoundSummary> => {
    eventSchema.parse(event);
    const roundNowMs = nowMs();
    const results = await ingestSitePowerPrices(options.sites, {
      store: options.store,
      nowMs: () => roundNowMs,
      ...(options.settings ? { settings: options.settings } : {}),
    });
    return { sites: results.map((r) => report(r, roundNowMs)) };
  };

  return middy(lambdaHandler).use(injectLambdaContext(logger)) as unknown as PowerHandler;
}

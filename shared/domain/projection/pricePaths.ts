/**
 * BTC price paths for the closed-loop projection, filled one day at a time into a Float64Array of
 * paths (the previous day's prices on entry, so a random walk multiplies in place):
 * - `fixed`: one daily series shared by every path (constant, growth, list, realized: the caller
 *   turns each into its days);
 * - `bootstrap`: each day's log return drawn at random from a window of observed daily log returns,
 *   re-centred on zero mean (the window's own trend is not extrapolated: a bull year's +150% would
 *   otherwise become the forecast), seeded;
 * - `lognormal`: geometric Brownian motion with a given annual volatility and drift, seeded.
 */
import { seededRandom } from './seededRandom';

export interface PricePathModel {
  readonly paths: number;
  /** Writes day `day`'s price of every path into `prices` (day 0: the start price). */
  fillDay(day: number, prices: Float64Array): void;
}

export function fixedPricePath(usdByDay: Float64Array, paths = 1): PricePathModel {
  return {
    paths,
    fillDay(day, prices) {
      prices.fill(usdByDay[Math.min(day, usdByDay.length - 1)]!);
    },
  };
}

/** Daily log returns of a price series (oldest first), skipping gaps. */
export function dailyLogReturns(pricesUsd: readonly (number | undefined)[]): Float64Array {
  const out: number[] = [];
  for (let i = 1; i < pricesUsd.length; i += 1) {
    const a = pricesUsd[i - 1];
    const b = pricesUsd[i];
    if (a !== undefined && b !== undefined && a > 0 && b > 0) out.push(Math.log(b / a));
  }
  return Float64Array.from(out);
}

export function bootstrapPricePath(options: {
  startPriceUsd: number;
  logReturns: Float64Array;
  paths: number;
  seed: number;
}): PricePathModel {
  const { logReturns, paths, startPriceUsd } = options;
  if (logReturns.length === 0) throw new RangeError('the bootstrap window holds no daily return');
  let mean = 0;
  for (const r of logReturns) mean += r;
  mean /= logReturns.length;
  // The daily factors exp(r - mean), once: the hot loop multiplies by a drawn one (no exp per path-day).
  const factors = logReturns.map((r) => Math.exp(r - mean));
  const count = factors.length;
  const random = seededRandom(options.seed);
  return {
    paths,
    fillDay(day, prices) {
      if (day === 0) {
        prices.fill(startPriceUsd);
        return;
      }
      for (let i = 0; i < paths; i += 1) prices[i] = prices[i]! * factors[Math.floor(random() * count)]!;
    },
  };
}

export function lognormalPricePath(options: {
  startPriceUsd: number;
  annualVolatilityPct: number;
  annualDriftPct: number;
  paths: number;
  seed: number;
}): PricePathModel {
  const { paths, startPriceUsd } = options;
  const sigma = options.annualVolatilityPct / 100 / Math.sqrt(365);
  // Drift as the expected annual price change: mu = ln(1 + drift), less the volatility's convexity.
  const mu = Math.log(1 + options.annualDriftPct / 100) / 365 - (sigma * sigma) / 2;
  const random = seededRandom(options.seed);
  return {
    paths,
    fillDay(day, prices) {
      if (day === 0) {
        prices.fill(startPriceUsd);
        return;
      }
      // Marsaglia's polar method: two independent normals per accepted pair of uniforms in the unit
      // disc (about 1.27 pairs a draw), with no sine or cosine: cheaper than Box-Muller in this loop.
      for (let i = 0; i < paths; i += 2) {
        let u: number;
        let v: number;
        let s: number;
        do {
          u = 2 * random() - 1;
          v = 2 * random() - 1;
          s = u * u + v * v;
        } while (s >= 1 || s === 0);
        const scale = sigma * Math.sqrt((-2 * Math.log(s)) / s);
        prices[i] = prices[i]! * Math.exp(mu + scale * u);
        if (i + 1 < paths) prices[i + 1] = prices[i + 1]! * Math.exp(mu + scale * v);
      }
    },
  };
}

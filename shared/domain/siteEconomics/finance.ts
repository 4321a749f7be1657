/**
 * The finance of a stream of dated cash flows, written once: present value, internal rate of
 * return, payback, and the root finder the IRR and the conversion break-even share.
 *
 * Conventions (so a reader can check any figure by hand): a cash flow is a USD amount at a time in
 * years from the decision (t = 0 is today, when a conversion's capex is spent); the discount rate
 * is an annual effective rate, so a flow at t years is worth usd / (1 + r)^t today. Flows may come
 * at any times (daily mining, monthly rent): the same rule discounts them all.
 */

export interface CashFlow {
  /** Years from the decision (0 = today). */
  atYears: number;
  usd: number;
}

/** Present value at an annual effective rate in percent (10 = 10 %/year). The rate must be > -100 %. */
export function presentValueUsd(flows: readonly CashFlow[], discountRatePct: number): number {
  if (!(discountRatePct > -100)) throw new RangeError(`discount rate ${discountRatePct}% must be above -100%`);
  const growth = 1 + discountRatePct / 100;
  let sum = 0;
  for (const f of flows) sum += f.usd / growth ** f.atYears;
  return sum;
}

/**
 * The level amount paid at the end of each year for `years` whose present value at the rate is
 * `presentValueUsd` (the capital recovery factor: PV x r / (1 - (1 + r)^-years); PV / years at 0 %).
 * It turns an NPV into a per-year figure comparable with a yearly margin.
 */
export function equivalentAnnualUsd(presentValueUsd: number, discountRatePct: number, years: number): number {
  if (!(years > 0)) throw new RangeError(`years ${years} must be above 0`);
  const r = discountRatePct / 100;
  if (r === 0) return presentValueUsd / years;
  // 1 - (1 + r)^-years, written so that it keeps its digits for a rate near 0.
  return (presentValueUsd * r) / -Math.expm1(-years * Math.log1p(r));
}

/**
 * A root of `f` in [lo, hi] where f(lo) and f(hi) have opposite signs (or one is 0), by Brent's
 * method (bisection, secant and inverse quadratic steps, with bisection's guarantee). It stops
 * when the bracket can no longer shrink in double precision, so the root is as exact as the
 * arithmetic allows: no tolerance is chosen for the caller.
 */
export function brentRoot(f: (x: number) => number, lo: number, hi: number, maxIterations = 200): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) throw new RangeError(`no sign change of f on [${lo}, ${hi}]`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIterations; i += 1) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b);
    const half = (c - b) / 2;
    if (Math.abs(half) <= tolerance || fb === 0) return b;
    if (Math.abs(e) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation (secant when only two points differ).
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * half * q - Math.abs(tolerance * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tolerance ? d : half > 0 ? tolerance : -tolerance;
    fb = f(b);
  }
  return b;
}

/**
 * Internal rate of return, annual effective percent: the rate at which the flows' present value
 * is zero. Null when there is no such rate in (-99.99 %, 10,000 %): flows that never change sign
 * (all gains or all costs) have none.
 */
export function internalRateOfReturnPct(flows: readonly CashFlow[]): number | null {
  const pv = (ratePct: number): number => presentValueUsd(flows, ratePct);
  const lo = -99.99;
  const hi = 10_000;
  const pvLo = pv(lo);
  const pvHi = pv(hi);
  if (!Number.isFinite(pvLo) || !Number.isFinite(pvHi) || Math.sign(pvLo) === Math.sign(pvHi)) return null;
  return brentRoot(pv, lo, hi);
}

/**
 * Years until the cumulative (undiscounted) flows, taken in time order, first reach zero after
 * going negative: the time of the flow that closes the gap, interpolated within the interval it
 * closes in. 0 when the flows never go negative; null when they never come back within the flows.
 */
export function paybackYears(flows: readonly CashFlow[]): number | null {
  const ordered = [...flows].sort((x, y) => x.atYears - y.atYears);
  let cumulative = 0;
  let previousAt = 0;
  let wentNegative = false;
  for (const f of ordered) {
    const before = cumulative;
    cumulative += f.usd;
    if (cumulative < 0) wentNegative = true;
    if (wentNegative && before < 0 && cumulative >= 0) {
      // The flow at f.atYears is what an interval of previousAt..atYears earned: interpolate in it.
      return previousAt + (f.atYears - previousAt) * (-before / f.usd);
    }
    previousAt = f.atYears;
  }
  return wentNegative ? null : 0;
}

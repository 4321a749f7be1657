/**
 * Axis ticks for the report's charts, pure so that the static SVG charts (server side) and the
 * interactive charts (in the browser, again on every zoom) label their axes the same way.
 */

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface TimeTick {
  /** Epoch milliseconds. */
  t: number;
  label: string;
}

/** "Nice" linear ticks: steps of 1, 2, 2.5 or 5 times a power of ten, about `count` of them. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Ticks at 1, 2, 3 and 5 times each power of ten inside [min, max] (only the powers when that is many). */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e += 1)
    for (const m of [1, 2, 3, 5]) ticks.push(Number((m * 10 ** e).toPrecision(12)));
  const inside = ticks.filter((t) => t >= min && t <= max);
  return inside.length > 9 ? inside.filter((t) => Math.log10(t) % 1 === 0) : inside;
}

/**
 * Value ticks inside [min, max]. On a log axis, a range narrower than a 1-2-3-5 step (a zoom on a
 * few weeks of hashprice: $40 .. $55) would keep one tick or none; it gets linear ticks instead,
 * so every range shows at least three labelled values.
 */
export function valueTicks(min: number, max: number, scale: 'linear' | 'log' = 'linear'): number[] {
  if (scale === 'log' && min > 0) {
    const ticks = logTicks(min, max);
    if (ticks.length >= 3) return ticks;
  }
  return niceTicks(min, max, 5).filter((t) => t >= min && t <= max);
}

/** Decimals that tell apart every tick of a set (0 for $30, $50, $100; 1 for 2.5, 5, 7.5). */
export function tickDecimals(ticks: readonly number[]): number {
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ticks.length; i += 1) step = Math.min(step, Math.abs(ticks[i]! - ticks[i - 1]!));
  if (!Number.isFinite(step) || step <= 0) return 0;
  // A step of 2.5 needs one decimal, 0.25 two: count the decimals of the step itself.
  for (let d = 0; d <= 6; d += 1) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

type Stepper = { days: number; kind: 'day' | 'week' | 'month' | 'year'; every: number };

/** Tick steps from the finest to the coarsest, with their typical length in days. */
const STEPS: readonly Stepper[] = [
  { days: 1, kind: 'day', every: 1 },
  { days: 2, kind: 'day', every: 2 },
  { days: 7, kind: 'week', every: 1 },
  { days: 30.44, kind: 'month', every: 1 },
  { days: 60.88, kind: 'month', every: 2 },
  { days: 91.31, kind: 'month', every: 3 },
  { days: 182.6, kind: 'month', every: 6 },
  { days: 365.25, kind: 'year', every: 1 },
  { days: 730.5, kind: 'year', every: 2 },
  { days: 1826, kind: 'year', every: 5 },
  { days: 3652, kind: 'year', every: 10 },
];

const dayLabel = (d: Date, withYear: boolean): string =>
  `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}${withYear ? ` ${d.getUTCFullYear()}` : ''}`;

/**
 * Time ticks for [fromT, toT] (epoch ms): the finest calendar step that gives at most `maxTicks`
 * ticks: days (every 1 or 2), weeks (the 1st, 8th, 15th and 22nd of each month), months (every
 * 1, 2, 3 or 6, on January and its multiples), years (every 1, 2, 5 or 10). Month labels read
 * "Jan 2023", "Feb", ...; day labels "Feb 3 2026", "Feb 5", ...: the year on the first tick and
 * on every January.
 */
export function timeTicks(fromT: number, toT: number, maxTicks = 12): TimeTick[] {
  const spanDays = Math.max(0, toT - fromT) / DAY_MS;
  const step = STEPS.find((s) => spanDays / s.days <= maxTicks) ?? STEPS.at(-1)!;
  const ticks: TimeTick[] = [];
  const first = new Date(fromT);
  if (step.kind === 'year') {
    const y0 = Math.ceil(first.getUTCFullYear() / step.every) * step.every;
    for (let y = y0; Date.UTC(y, 0, 1) < toT; y += step.every) {
      const t = Date.UTC(y, 0, 1);
      if (t >= fromT) ticks.push({ t, label: String(y) });
    }
    return ticks;
  }
  if (step.kind === 'month') {
    for (let i = 0; ; i += 1) {
      const m = first.getUTCMonth() + i;
      const t = Date.UTC(first.getUTCFullYear() + Math.floor(m / 12), m % 12, 1);
      if (t >= toT) break;
      if (t < fromT || m % step.every !== 0) continue;
      const month = m % 12;
      ticks.push({
        t,
        label: month === 0 || ticks.length === 0 ? `${MONTHS[month]} ${new Date(t).getUTCFullYear()}` : MONTHS[month]!,
      });
    }
    return ticks;
  }
  // Days and weeks: walk the calendar a day at a time from the first whole day in range.
  const start = Math.ceil(fromT / DAY_MS) * DAY_MS;
  const startIndex = Math.round(start / DAY_MS);
  for (let t = start; t < toT; t += DAY_MS) {
    const d = new Date(t);
    const keep =
      step.kind === 'week'
        ? [1, 8, 15, 22].includes(d.getUTCDate())
        : (Math.round(t / DAY_MS) - startIndex) % step.every === 0;
    if (!keep) continue;
    const newYear = d.getUTCMonth() === 0 && d.getUTCDate() === 1;
    ticks.push({ t, label: dayLabel(d, ticks.length === 0 || newYear) });
  }
  return ticks;
}

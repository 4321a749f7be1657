/**
 * A fixed tariff: time-of-use windows with their prices, in the site's local time, and an adder
 * (delivery, fees) that applies on top of any price, market or tariff. Pure: the windows come in,
 * prices go out in the one IntervalPrice shape, so the decision treats a tariff like a market.
 */
import * as z from '../../schema/z';
import { MS_PER_MINUTE, type IntervalMinutes, type IntervalPrice } from './intervalPrice';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface TouWindow {
  /** Days the window applies on (local time); all days when absent. */
  days?: Weekday[] | undefined;
  /** Local time "HH:MM", inclusive. */
  from: string;
  /** Local time "HH:MM", exclusive; "24:00" for midnight; a window may wrap past midnight. */
  to: string;
  usdPerMwh: number;
}

export interface TouTariff {
  /** IANA time zone of the windows, e.g. "America/Chicago". */
  timeZone: string;
  windows: TouWindow[];
  /** The price outside every window. */
  baseUsdPerMwh: number;
}

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be "HH:MM" (00:00-24:00)'));

export const touTariffSchema = z.strictObject({
  timeZone: z.string().check(z.refine(isTimeZone, 'must be an IANA time zone such as "America/Chicago"')),
  windows: z.array(
    z.strictObject({
      days: z.optional(z.array(z.enum(WEEKDAYS)).check(z.minLength(1))),
      from: hhmm,
      to: hhmm,
      usdPerMwh: z.number().check(z.minimum(-9_000), z.maximum(9_000)),
    }),
  ),
  baseUsdPerMwh: z.number().check(z.minimum(-9_000), z.maximum(9_000)),
});

export const TOU_TARIFF_MATCHES_DOMAIN: z.output<typeof touTariffSchema> extends TouTariff ? true : false = true;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const minutesOf = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/** Local weekday and minute of the day of an instant in `timeZone`. */
export function localTime(ms: number, timeZone: string): { weekday: Weekday; minuteOfDay: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { weekday, minuteOfDay: Number(part('hour')) * 60 + Number(part('minute')) };
}

function windowCovers(window: TouWindow, weekday: Weekday, minuteOfDay: number): boolean {
  if (window.days && !window.days.includes(weekday)) return false;
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  return from <= to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

/** The tariff's price at an instant: the first window that covers it, else the base price. */
export function tariffUsdPerMwhAt(tariff: TouTariff, ms: number): number {
  const { weekday, minuteOfDay } = localTime(ms, tariff.timeZone);
  return tariff.windows.find((w) => windowCovers(w, weekday, minuteOfDay))?.usdPerMwh ?? tariff.baseUsdPerMwh;
}

/** The tariff as interval prices from `fromMs` (aligned down to the interval) to `toMs`. */
export function tariffPrices(
  tariff: TouTariff,
  location: string,
  fromMs: number,
  toMs: number,
  intervalMinutes: IntervalMinutes,
): IntervalPrice[] {
  const stepMs = intervalMinutes * MS_PER_MINUTE;
  const prices: IntervalPrice[] = [];
  for (let start = Math.floor(fromMs / stepMs) * stepMs; start < toMs; start += stepMs) {
    prices.push({
      startIso: new Date(start).toISOString(),
      endIso: new Date(start + stepMs).toISOString(),
      intervalMinutes,
      usdPerMwh: tariffUsdPerMwhAt(tariff, start),
      source: 'tariff',
      market: 'tariff',
      location,
    });
  }
  return prices;
}

/** What the site pays: the price plus the adder (delivery, fees), USD/MWh. */
export function withAdder(prices: readonly IntervalPrice[], adderUsdPerMwh: number): IntervalPrice[] {
  return prices.map((p) => ({ ...p, usdPerMwh: p.usdPerMwh + adderUsdPerMwh }));
}

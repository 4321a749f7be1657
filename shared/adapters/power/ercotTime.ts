/**
 * ERCOT's delivery times are US Central prevailing time: a delivery date, an hour ending (1-24)
 * and, in real time, a 15-minute interval of that hour (1-4). On the day clocks fall back, hour
 * ending 2 occurs twice; ERCOT marks the repeated (second, CST) one with DSTFlag = true. This turns
 * them into UTC, through the platform's time zone data so that DST rules are not written here.
 */
const ZONE = 'America/Chicago';
const MS_PER_HOUR = 3_600_000;

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Central wall-clock time of an instant, as ms of the same fields read as UTC. */
function wallClockAsUtcMs(ms: number): number {
  const parts = wallClock.formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
}

/**
 * UTC ms of a Central local time given as `localAsUtcMs` (the local fields read as if UTC).
 * `repeated` picks the second occurrence of a repeated hour; a time skipped by the spring change
 * returns undefined.
 */
export function centralToUtcMs(localAsUtcMs: number, repeated: boolean): number | undefined {
  // Central is UTC-5 (CDT) or UTC-6 (CST): the candidates whose wall clock reads the local time.
  const matches = [5, 6]
    .map((offsetHours) => localAsUtcMs + offsetHours * MS_PER_HOUR)
    .filter((utcMs) => wallClockAsUtcMs(utcMs) === localAsUtcMs);
  if (matches.length === 0) return undefined;
  return repeated ? matches.at(-1) : matches[0];
}

/** "2026-12-05" (the API) or "12/05/2026" (the archive CSV) as the UTC ms of its local midnight fields. */
export function ercotDateAsUtcMs(text: string): number | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : us
      ? [us[3], us[1], us[2]]
      : [undefined, undefined, undefined];
  if (year === undefined) return undefined;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day));
  return new Date(ms).getUTCDate() === Number(day) ? ms : undefined;
}

/**
 * Price paths of real power market events, reconstructed from published figures
 * (powerEvents.json): no licensed interval series is bundled, so each event is a few segments of
 * one price each, every segment with the figure it rests on and its source. They feed the
 * curtailment backtest (`npm run power -- backtest --event ...`); a real series comes from
 * `npm run power -- fetch`. The file also lists the events searched for and not reconstructed.
 */
import * as z from '../schema/z';
import { MS_PER_MINUTE, POWER_MARKETS, type IntervalPrice } from '../domain/power/intervalPrice';
import { dataFileHeaderSchema, dataFileReader, sourcedSchema } from './dataFile';
import powerEventsJson from './powerEvents.json';

export const POWER_EVENTS_FILE = 'shared/data/powerEvents.json';

/** An ISO 8601 time with an offset (the market's local time that day). */
const offsetTime = z.iso.datetime({ offset: true });

const segmentSchema = z.extend(sourcedSchema, {
  from: offsetTime,
  to: offsetTime,
  usdPerMwh: z.number().check(z.minimum(-10_000), z.maximum(10_000)),
  /** The published figure and which value of it was used (a bound, an average). */
  basis: z.string().check(z.minLength(1)),
});

const eventSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
    name: z.string().check(z.minLength(1)),
    market: z.enum(POWER_MARKETS),
    location: z.string().check(z.minLength(1)),
    intervalMinutes: z.literal(15),
    reconstructed: z.literal(true),
    segments: z.array(segmentSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((event, ctx) => {
      event.segments.forEach((segment, i) => {
        const fromMs = Date.parse(segment.from);
        const toMs = Date.parse(segment.to);
        const step = event.intervalMinutes * MS_PER_MINUTE;
        if (!(fromMs < toMs) || (toMs - fromMs) % step !== 0 || fromMs % step !== 0)
          ctx.addIssue({
            code: 'custom',
            path: ['segments', i, 'to'],
            message: `must end after "from" on a ${event.intervalMinutes}-minute boundary`,
          });
        const previous = event.segments[i - 1];
        if (previous && Date.parse(previous.to) !== fromMs)
          ctx.addIssue({
            code: 'custom',
            path: ['segments', i, 'from'],
            message: 'must start where the previous segment ends',
          });
      });
    }),
  );

export const powerEventsSchema = z.extend(dataFileHeaderSchema, {
  note: z.string().check(z.minLength(1)),
  events: z.array(eventSchema).check(z.minLength(1)),
  notReconstructed: z.array(
    z.strictObject({
      id: z.string().check(z.minLength(1)),
      name: z.string().check(z.minLength(1)),
      reason: z.string().check(z.minLength(1)),
    }),
  ),
});
export type PowerEvents = z.output<typeof powerEventsSchema>;
export type PowerEvent = PowerEvents['events'][number];

const powerEventsFile = dataFileReader(powerEventsSchema, POWER_EVENTS_FILE, powerEventsJson);
export const parsePowerEvents: (raw: unknown, fileName?: string) => PowerEvents = powerEventsFile.parse;
export const loadPowerEvents: () => PowerEvents = powerEventsFile.load;

/** The event's path as interval prices, one per interval of every segment. */
export function powerEventPrices(event: PowerEvent): IntervalPrice[] {
  const step = event.intervalMinutes * MS_PER_MINUTE;
  const prices: IntervalPrice[] = [];
  for (const segment of event.segments)
    for (let ms = Date.parse(segment.from); ms < Date.parse(segment.to); ms += step)
      prices.push({
        startIso: new Date(ms).toISOString(),
        endIso: new Date(ms + step).toISOString(),
        intervalMinutes: event.intervalMinutes,
        usdPerMwh: segment.usdPerMwh,
        source: 'reconstructed',
        market: event.market,
        location: event.location,
      });
  return prices;
}

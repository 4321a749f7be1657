/**
 * A generic power price feed: a URL (or the owner's own endpoint) that answers interval prices in
 * one documented shape, JSON or CSV (docs/power-prices.md). The unit is stated, never guessed:
 * USD/MWh, USD/kWh or c/kWh (US cents per kWh), each converted to USD/MWh here (units.ts holds the
 * conversions). Times are ISO 8601 with an offset or Z; an interval is 5, 15, 30 or 60 minutes.
 */
import * as z from '../../schema/z';
import {
  isIntervalMinutes,
  MS_PER_MINUTE,
  type IntervalPrice,
  type PowerPriceSource,
} from '../../domain/power/intervalPrice';
import { PowerPriceError } from '../../domain/power/powerPriceError';
import { centsPerKwhToUsdPerMwh, usdPerKwhToUsdPerMwh } from '../../domain/units';
import { parseCsv } from '../../data/parseCsv';
import { columnsByName } from './ercotPublicApi';
import { refuseHtml } from './powerResponse';

export const FEED_UNITS = ['USD/MWh', 'USD/kWh', 'c/kWh'] as const;
export type FeedUnit = (typeof FEED_UNITS)[number];

const toUsdPerMwh: Readonly<Record<FeedUnit, (price: number) => number>> = {
  'USD/MWh': (price) => price,
  'USD/kWh': usdPerKwhToUsdPerMwh,
  'c/kWh': centsPerKwhToUsdPerMwh,
};

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time with Z or an offset' });
const unit = z.enum(FEED_UNITS, { error: `must be one of ${FEED_UNITS.join(', ')}` });

export const feedJsonSchema = z.strictObject({
  location: z.string().check(z.minLength(1)),
  unit,
  intervals: z.array(z.strictObject({ start: isoTime, end: isoTime, price: z.number() })),
});

function intervalPrice(
  site: string,
  field: string,
  source: PowerPriceSource,
  location: string,
  start: string,
  end: string,
  price: number,
  feedUnit: FeedUnit,
): IntervalPrice {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  const minutes = (endMs - startMs) / MS_PER_MINUTE;
  if (!isIntervalMinutes(minutes))
    throw new PowerPriceError(site, `${field}.end`, 'interval', `${start} .. ${end} is not 5, 15, 30 or 60 minutes`);
  return {
    startIso: new Date(startMs).toISOString(),
    endIso: new Date(endMs).toISOString(),
    intervalMinutes: minutes,
    usdPerMwh: toUsdPerMwh[feedUnit](price),
    source,
    market: 'feed',
    location,
  };
}

export function parseFeedJson(site: string, body: string): IntervalPrice[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new PowerPriceError(site, 'feed-json', 'not-data', `not JSON (starts with "${body.trim().slice(0, 40)}")`);
  }
  const parsed = feedJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PowerPriceError(site, `feed-json.${issue.path.join('.') || '(root)'}`, 'schema', issue.message);
  }
  const feed = parsed.data;
  return feed.intervals.map((i, index) =>
    intervalPrice(
      site,
      `feed-json.intervals[${index}]`,
      'feed-json',
      feed.location,
      i.start,
      i.end,
      i.price,
      feed.unit,
    ),
  );
}

/** CSV: a header `start,end,price,unit` (any order), one row per interval, one unit throughout. */
export function parseFeedCsv(site: string, location: string, body: string): IntervalPrice[] {
  refuseHtml(site, 'feed-csv', body);
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(body, 'feed-csv');
  } catch (error) {
    throw new PowerPriceError(site, 'feed-csv', 'not-data', (error as Error).message);
  }
  const at = columnsByName(site, 'feed-csv', table.header, ['start', 'end', 'price', 'unit'] as const);
  let feedUnit: FeedUnit | undefined;
  return table.rows.map(({ line, fields }) => {
    const field = `feed-csv line ${line}`;
    const cell = (i: number): string => (fields[i] ?? '').trim();
    const rowUnit = unit.safeParse(cell(at.unit));
    if (!rowUnit.success)
      throw new PowerPriceError(
        site,
        `${field}.unit`,
        'unit',
        `"${cell(at.unit)}": ${rowUnit.error.issues[0]!.message}`,
      );
    if (feedUnit !== undefined && rowUnit.data !== feedUnit)
      throw new PowerPriceError(site, `${field}.unit`, 'unit', `${rowUnit.data} after ${feedUnit}: one unit per feed`);
    feedUnit = rowUnit.data;
    for (const name of ['start', 'end'] as const)
      if (!isoTime.safeParse(cell(at[name])).success)
        throw new PowerPriceError(
          site,
          `${field}.${name}`,
          'schema',
          `"${cell(at[name])}" must be an ISO 8601 time with Z or an offset`,
        );
    const priceText = cell(at.price);
    const price = Number(priceText);
    if (priceText === '' || !Number.isFinite(price))
      throw new PowerPriceError(site, `${field}.price`, 'schema', `not a number: "${priceText}"`);
    return intervalPrice(site, field, 'feed-csv', location, cell(at.start), cell(at.end), price, feedUnit);
  });
}

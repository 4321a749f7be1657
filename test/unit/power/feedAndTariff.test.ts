/** The generic feed (JSON, CSV) in the shapes docs/power-prices.md documents, and a fixed tariff. */
import { describe, expect, it } from 'vitest';
import { parseFeedCsv, parseFeedJson } from '../../../shared/adapters/power/genericFeed';
import { PowerPriceError } from '../../../shared/domain/power/powerPriceError';
import { tariffPrices, touTariffSchema, withAdder, type TouTariff } from '../../../shared/domain/power/touTariff';
import { thrownError } from '../../support/thrownError';

const errorOf = (fn: () => unknown): PowerPriceError => thrownError(fn, PowerPriceError);

describe('generic feed, JSON', () => {
  const feed = (unit: string, price: number, end = '2026-12-05T12:15:00Z') =>
    JSON.stringify({ location: 'meter-1', unit, intervals: [{ start: '2026-12-05T12:00:00Z', end, price }] });

  it.each([
    ['USD/MWh', 42.5, 42.5],
    ['USD/kWh', 0.0425, 42.5],
    ['c/kWh', 4.25, 42.5],
  ])('converts %s to USD/MWh', (unit, price, usdPerMwh) => {
    const [read] = parseFeedJson('s1', feed(unit, price));
    expect(read!.usdPerMwh).toBeCloseTo(usdPerMwh, 9);
    expect(read).toMatchObject({ intervalMinutes: 15, source: 'feed-json', market: 'feed', location: 'meter-1' });
  });

  it('an unknown unit is an error naming the field', () => {
    const error = errorOf(() => parseFeedJson('s1', feed('EUR/MWh', 1)));
    expect(error.message).toMatch(/^site "s1": feed-json\.unit: must be one of USD\/MWh, USD\/kWh, c\/kWh/);
  });

  it('an interval of 7 minutes is refused', () => {
    const error = errorOf(() => parseFeedJson('s1', feed('USD/MWh', 1, '2026-12-05T12:07:00Z')));
    expect(error.message).toContain('feed-json.intervals[0].end');
  });

  it('an HTML answer is not data', () => {
    expect(errorOf(() => parseFeedJson('s1', '<html>login</html>')).kind).toBe('not-data');
  });

  it('a misspelt key is named', () => {
    const error = errorOf(() => parseFeedJson('s1', JSON.stringify({ location: 'm', unit: 'c/kWh', interval: [] })));
    expect(error.message).toContain('feed-json.');
  });
});

describe('generic feed, CSV', () => {
  it('reads start,end,price,unit in any column order', () => {
    const csv = 'price,unit,start,end\n4.25,c/kWh,2026-12-05T06:00:00-06:00,2026-12-05T07:00:00-06:00\n';
    expect(parseFeedCsv('s1', 'meter-1', csv)).toEqual([
      {
        startIso: '2026-12-05T12:00:00.000Z',
        endIso: '2026-12-05T13:00:00.000Z',
        intervalMinutes: 60,
        usdPerMwh: 42.5,
        source: 'feed-csv',
        market: 'feed',
        location: 'meter-1',
      },
    ]);
  });

  it('one unit per feed: a change of unit names its line', () => {
    const csv = [
      'start,end,price,unit',
      '2026-12-05T12:00:00Z,2026-12-05T12:15:00Z,42.5,USD/MWh',
      '2026-12-05T12:15:00Z,2026-12-05T12:30:00Z,4.3,c/kWh',
    ].join('\n');
    expect(errorOf(() => parseFeedCsv('s1', 'm', csv)).message).toBe(
      'site "s1": feed-csv line 3.unit: c/kWh after USD/MWh: one unit per feed',
    );
  });

  it('an HTML page where the CSV was expected is not data', () => {
    expect(errorOf(() => parseFeedCsv('s1', 'm', '<!DOCTYPE html>\n<html><body>Sign in</body></html>')).kind).toBe(
      'not-data',
    );
  });

  it('a time without an offset is refused (local time would be a guess)', () => {
    const csv = 'start,end,price,unit\n2026-12-05T12:00:00,2026-12-05T12:15:00,42.5,USD/MWh\n';
    expect(errorOf(() => parseFeedCsv('s1', 'm', csv)).message).toContain('feed-csv line 2.start');
  });
});

describe('fixed tariff with time-of-use windows', () => {
  const tariff: TouTariff = touTariffSchema.parse({
    timeZone: 'America/Chicago',
    baseUsdPerMwh: 45,
    windows: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '14:00', to: '19:00', usdPerMwh: 120 },
      { from: '22:00', to: '06:00', usdPerMwh: 30 },
    ],
  });

  it('prices each interval by the local window that covers it', () => {
    // Friday 2026-12-04, CST (UTC-6): 13:00 local base, 14:00 peak, 19:00 base, 22:00 and 05:00 (wrapped) night.
    const at = (iso: string): number =>
      tariffPrices(tariff, 'site', Date.parse(iso), Date.parse(iso) + 1, 60)[0]!.usdPerMwh;
    expect(at('2026-12-04T19:00:00Z')).toBe(45);
    expect(at('2026-12-04T20:00:00Z')).toBe(120);
    expect(at('2026-12-05T01:00:00Z')).toBe(45);
    expect(at('2026-12-05T04:00:00Z')).toBe(30);
    expect(at('2026-12-05T11:00:00Z')).toBe(30);
    // Saturday 14:00 local: no weekday peak.
    expect(at('2026-12-05T20:00:00Z')).toBe(45);
  });

  it('emits whole intervals with the tariff as source, and the adder lands on every price', () => {
    const prices = tariffPrices(
      tariff,
      'site',
      Date.parse('2026-12-04T20:07:00Z'),
      Date.parse('2026-12-04T20:30:00Z'),
      15,
    );
    expect(prices.map((p) => p.startIso)).toEqual(['2026-12-04T20:00:00.000Z', '2026-12-04T20:15:00.000Z']);
    expect(withAdder(prices, 12.5).map((p) => p.usdPerMwh)).toEqual([132.5, 132.5]);
    expect(prices[0]).toMatchObject({ source: 'tariff', market: 'tariff', intervalMinutes: 15 });
  });

  it('refuses an unknown time zone and a malformed time, naming them', () => {
    const bad = touTariffSchema.safeParse({
      timeZone: 'Texas/Central',
      baseUsdPerMwh: 1,
      windows: [{ from: '9:00', to: '10:00', usdPerMwh: 1 }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['timeZone', 'windows.0.from']);
  });
});

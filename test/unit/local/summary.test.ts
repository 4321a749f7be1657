import { describe, expect, it } from 'vitest';
import {
  episodesOf,
  formatSummary,
  formatTimeline,
  hashpriceRangeByYear,
  summarize,
  type TimelineEvent,
} from '../../../local/backtest/summary';

const ev = (
  at: string,
  signal: TimelineEvent['signal'],
  transition: TimelineEvent['transition'],
  severity: TimelineEvent['severity'] = 'warning',
): TimelineEvent => ({
  at: `${at}T00:00:00.000Z`,
  day: at,
  signal,
  subject: '',
  severity,
  transition,
  headline: `${signal} ${transition}`,
  figures: [{ name: `${signal} ${transition} figure`, value: at, unit: 'text' }],
  document: {},
});

describe('backtest summary', () => {
  it('pairs raised and cleared into episodes, tracking the peak severity and an episode still open, each with the figures of its raise', () => {
    const episodes = episodesOf([
      ev('2022-06-08', 'hash-ribbon-capitulation', 'raised'),
      ev('2022-06-20', 'difficulty-negative-streak', 'raised'),
      ev('2022-07-01', 'difficulty-negative-streak', 'escalated', 'critical'),
      ev('2022-08-20', 'hash-ribbon-capitulation', 'cleared'),
      ev('2022-08-25', 'difficulty-negative-streak', 'cleared'),
      ev('2022-11-10', 'hash-ribbon-capitulation', 'raised'),
    ]);
    expect(episodes).toEqual([
      {
        signal: 'hash-ribbon-capitulation',
        subject: '',
        raisedAt: '2022-06-08',
        clearedAt: '2022-08-20',
        peakSeverity: 'warning',
        figures: [{ name: 'hash-ribbon-capitulation raised figure', value: '2022-06-08', unit: 'text' }],
      },
      {
        signal: 'difficulty-negative-streak',
        subject: '',
        raisedAt: '2022-06-20',
        clearedAt: '2022-08-25',
        peakSeverity: 'critical',
        // The raise's figures: the escalation's and the clear's are not the episode's reason.
        figures: [{ name: 'difficulty-negative-streak raised figure', value: '2022-06-20', unit: 'text' }],
      },
      {
        signal: 'hash-ribbon-capitulation',
        subject: '',
        raisedAt: '2022-11-10',
        clearedAt: undefined,
        peakSeverity: 'warning',
        figures: [{ name: 'hash-ribbon-capitulation raised figure', value: '2022-11-10', unit: 'text' }],
      },
    ]);
  });

  it('keeps episodes of different subjects of one signal apart', () => {
    const a = { ...ev('2024-01-01', 'price-level', 'raised'), subject: '74500' };
    const b = { ...ev('2024-01-02', 'price-level', 'raised'), subject: '60000' };
    const c = { ...ev('2024-01-03', 'price-level', 'cleared'), subject: '74500' };
    expect(episodesOf([a, b, c]).map((e) => [e.subject, e.clearedAt])).toEqual([
      ['74500', '2024-01-03'],
      ['60000', undefined],
    ]);
  });

  it('finds the low and high of each calendar year, skipping days without a value', () => {
    const ranges = hashpriceRangeByYear([
      { date: '2023-12-30', realizedHashpriceUsdPerPhDay: 90 },
      { date: '2023-12-31', realizedHashpriceUsdPerPhDay: 70 },
      { date: '2024-01-01', realizedHashpriceUsdPerPhDay: 80 },
      { date: '2024-01-02', realizedHashpriceUsdPerPhDay: undefined },
      { date: '2024-07-01', realizedHashpriceUsdPerPhDay: 40 },
      { date: '2024-12-31', realizedHashpriceUsdPerPhDay: 60 },
    ]);
    expect(ranges).toEqual([
      { year: 2023, low: { date: '2023-12-31', usdPerPhDay: 70 }, high: { date: '2023-12-30', usdPerPhDay: 90 } },
      { year: 2024, low: { date: '2024-07-01', usdPerPhDay: 40 }, high: { date: '2024-01-01', usdPerPhDay: 80 } },
    ]);
  });

  it('prints one timeline line per event and a summary with episode counts and yearly ranges', () => {
    const events = [
      ev('2021-07-03', 'difficulty-negative-streak', 'raised'),
      ev('2021-07-31', 'difficulty-negative-streak', 'cleared'),
    ];
    const timeline = formatTimeline(events);
    expect(timeline).toHaveLength(2);
    expect(timeline[0]).toMatch(/^2021-07-03 {2}RAISED +warning +difficulty-negative-streak/);
    const summary = summarize({
      from: '2021-01-01',
      to: '2021-12-31',
      snapshots: 365,
      events,
      days: [{ date: '2021-07-01', realizedHashpriceUsdPerPhDay: 150 }],
    });
    const text = formatSummary(summary).join('\n');
    expect(text).toContain('365 snapshots, 2 events');
    expect(text).toMatch(/difficulty-negative-streak +1 episode , 28 days active\n +2021-07-03\.\.2021-07-31/);
    expect(text).toContain('2021  low  $150.00 on 2021-07-01');
  });

  it('counts an episode the warm-up opened and the range continues, with its days inside the range only', () => {
    const summary = summarize({
      from: '2021-01-01',
      to: '2021-01-31',
      snapshots: 31,
      warmupEvents: [
        ev('2020-12-28', 'difficulty-negative-streak', 'raised'),
        ev('2020-06-01', 'hashprice-floor', 'raised'),
        ev('2020-06-10', 'hashprice-floor', 'cleared'),
      ],
      events: [ev('2021-01-09', 'difficulty-negative-streak', 'cleared')],
      days: [],
    });
    // the hashprice-floor episode ended before the range: not counted
    expect(summary.episodes.map((e) => [e.signal, e.raisedAt, e.clearedAt])).toEqual([
      ['difficulty-negative-streak', '2020-12-28', '2021-01-09'],
    ]);
    expect(formatSummary(summary).join('\n')).toMatch(/difficulty-negative-streak +1 episode , 8 days active/);
  });
});

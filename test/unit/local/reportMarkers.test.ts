import { describe, expect, it } from 'vitest';
import { halvingsIn, signalCharts, signalColor, signalEpisodeBands } from '../../../local/backtest/reportMarkers';
import { SIGNAL_IDS } from '../../../shared/domain/signals/signalIds';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';

describe('what the report marks on its time axis', () => {
  it('finds the halvings in the bundled history on the days the chain reached them', () => {
    const days = loadDailyHistory().map((d) => ({ date: d.date, endHeight: d.endHeight }));
    expect(halvingsIn(days)).toEqual([
      { n: 1, height: 210_000, date: '2012-11-28' },
      { n: 2, height: 420_000, date: '2016-07-09' },
      { n: 3, height: 630_000, date: '2020-05-11' },
      { n: 4, height: 840_000, date: '2024-04-20' },
    ]);
  });

  it("counts a halving on a range's first day only when the day before is below it", () => {
    const before = { endHeight: 839_900 };
    const first = [{ date: '2024-04-20', endHeight: 840_050 }];
    expect(halvingsIn(first, before).map((h) => h.date)).toEqual(['2024-04-20']);
    expect(halvingsIn(first)).toEqual([]);
  });

  it('clips an episode raised in the warm-up to the first day and runs an open one to the last', () => {
    const bands = signalEpisodeBands({
      from: '2024-01-01',
      to: '2024-03-31',
      episodes: [
        {
          signal: 'price-level',
          subject: '60000',
          raisedAt: '2023-12-20',
          clearedAt: '2024-01-10',
          peakSeverity: 'warning',
          figures: [{ name: 'BTC price', value: 58_000, unit: 'money', currency: 'USD' }],
        },
        {
          signal: 'hashprice-floor',
          subject: '',
          raisedAt: '2024-03-01',
          clearedAt: undefined,
          peakSeverity: 'critical',
          figures: [],
        },
      ],
    });
    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    expect(bands.map((b) => [b.signal, iso(b.fromT), iso(b.toT)])).toEqual([
      ['price-level', '2024-01-01', '2024-01-11'],
      ['hashprice-floor', '2024-03-01', '2024-04-01'],
    ]);
    expect(bands[0]!.label).toBe('price-level [60000] 2023-12-20 .. 2024-01-10 (warning)');
    expect(bands[1]!.label).toBe('hashprice-floor 2024-03-01 .. still active (critical)');
    // Each band carries its raise's figures as data, for the report to lay out.
    expect(bands.map((b) => b.figures)).toEqual([
      [{ name: 'BTC price', value: 58_000, unit: 'money', currency: 'USD' }],
      [],
    ]);
  });

  it("draws each signal in its definition's colour, one colour per signal, on the charts of the figures it watches", () => {
    const colors = SIGNAL_IDS.map(signalColor);
    for (const [i, color] of colors.entries()) expect(color, SIGNAL_IDS[i]).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colors).size).toBe(SIGNAL_IDS.length);
    expect(signalColor('fleet-share-negative')).toBe('#ff7f0e');
    expect(signalCharts('hash-ribbon-capitulation')).toEqual(['hashrate', 'hashprice']);
    expect(signalCharts('price-level')).toEqual(['price']);
    expect(signalCharts('projected-negative-adjustment')).toEqual(['difficulty']);
    expect(signalCharts('fleet-break-even-breach')).toEqual(['fleet-share-negative']);
    // Figures no daily chart draws: their episodes are on the episode lanes only.
    expect(signalCharts('miner-selling-pressure')).toEqual([]);
    expect(signalCharts('site-curtail')).toEqual([]);
  });
});

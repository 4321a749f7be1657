import { describe, expect, it } from 'vitest';
import { chartDataScript, clientChart, renderInteractiveChart } from '../../../local/backtest/interactiveChart';
import { renderSummaryTables } from '../../../local/backtest/summaryTable';

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
const spec = {
  id: 'hp',
  title: 'Hashprice',
  unit: 'USD',
  fromT: day('2024-01-01'),
  toT: day('2024-01-04'),
  x: [day('2024-01-01'), day('2024-01-02'), day('2024-01-03')],
  series: [{ name: 'realized', color: '#000', decimals: 2, values: [45.678, null, Number.NaN] }],
};

describe('interactive charts of the report', () => {
  it('sends x as days from the first and each value rounded to the decimals the page shows', () => {
    const c = clientChart(spec);
    expect(c.x0S).toBe(day('2024-01-01') / 1000);
    expect(c.xDays).toEqual([0, 1, 2]);
    expect(c.series[0]!.values).toEqual([45.68, null, null]);
  });

  it("sends each band's figures as laid out (name, value as written), none when the band has none", () => {
    const band = {
      key: 'hashprice-floor',
      color: '#e377c2',
      fromT: day('2024-01-01'),
      toT: day('2024-01-03'),
      label: 'x',
    };
    const c = clientChart({
      ...spec,
      bands: [{ ...band, figures: [{ name: 'Hashprice', value: '$28.07/PH/day' }] }, band],
    });
    expect(c.bands.map((b) => b.figures)).toEqual([[{ name: 'Hashprice', value: '$28.07/PH/day' }], []]);
  });

  it('refuses a series whose length does not match its x', () => {
    expect(() => clientChart({ ...spec, series: [{ ...spec.series[0]!, values: [1] }] })).toThrow(
      'chart hp: series realized has 1 values for 3 x',
    );
  });

  it('counts the values drawn and escapes text, in the figure and in the embedded JSON', () => {
    const html = renderInteractiveChart({ ...spec, title: '<b>' });
    expect(html).toContain('data-points="1"');
    expect(html).toContain('&lt;b&gt;');
    const script = chartDataScript([{ ...spec, title: 'x', series: [{ ...spec.series[0]!, name: '</script><i>' }] }]);
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(script).toContain('\\u003c/script>\\u003ci>');
  });

  it('says so when no signal raised an episode', () => {
    const html = renderSummaryTables({
      from: '2024-01-01',
      to: '2024-01-31',
      snapshots: 31,
      events: 0,
      episodesBySignal: {},
      episodes: [],
      hashpriceByYear: [],
    });
    expect(html).toContain('<tr><td colspan="4">(none)</td></tr>');
    expect(html).not.toContain('summary-per-year');
  });
});

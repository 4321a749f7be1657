import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../local/backtest/svgChart';
import { capitulationBands } from '../../../local/backtest/htmlReport';

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);

describe('SVG charts of the report', () => {
  it('breaks a series at missing values and counts only plotted points', () => {
    const svg = renderChart({
      id: 'x',
      title: 'T',
      unit: 'u',
      fromT: day('2024-01-01'),
      toT: day('2024-01-06'),
      series: [
        {
          name: 's',
          color: '#000',
          points: [1, 2, undefined, 4, 5].map((v, i) => ({ t: day(`2024-01-0${i + 1}`), v })),
        },
      ],
    });
    expect(svg).toContain('data-points="4"');
    const d = /class="series"[^>]* d="([^"]*)"/.exec(svg)![1]!;
    // two runs: M L, then M L (the gap starts a new subpath)
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(2);
  });

  it('maps the lowest value to the bottom and the highest to the top of the plot', () => {
    const svg = renderChart({
      id: 'y',
      title: 'T',
      unit: 'u',
      fromT: day('2024-01-01'),
      toT: day('2024-01-03'),
      series: [
        {
          name: 's',
          color: '#000',
          points: [
            { t: day('2024-01-01'), v: 10 },
            { t: day('2024-01-03'), v: 20 },
          ],
        },
      ],
    });
    const d = /class="series"[^>]* d="M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)"/.exec(svg)!;
    const [x0, y0, x1, y1] = d.slice(1).map(Number);
    expect(x0).toBeLessThan(x1!);
    expect(y0).toBeGreaterThan(y1!); // SVG y grows downwards
  });

  it('escapes text so a title cannot break the markup', () => {
    const svg = renderChart({ id: 'a<b', title: '<script>', unit: '&', fromT: 0, toT: 1, series: [] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('shades each run of capitulating days as one band, ending the day after the last', () => {
    const mk = (date: string, capitulating: boolean | undefined) => ({
      date,
      capitulating,
      realizedHashpriceUsdPerPhDay: undefined,
      expectedHashpriceUsdPerPhDay: undefined,
      sma30Hps: undefined,
      sma60Hps: undefined,
      btcPriceUsd: undefined,
      fleetShareNegative: undefined,
    });
    const bands = capitulationBands([
      mk('2022-06-09', true),
      mk('2022-06-10', true),
      mk('2022-06-11', false),
      mk('2022-06-12', true),
    ]);
    expect(
      bands.map((b) => [new Date(b.fromT).toISOString().slice(0, 10), new Date(b.toT).toISOString().slice(0, 10)]),
    ).toEqual([
      ['2022-06-09', '2022-06-11'],
      ['2022-06-12', '2022-06-13'],
    ]);
  });
});

/**
 * The calculator's closed-loop scenario (`difficultyPath: {"type": "fleetResponse"}`) and the
 * `realized` and `monteCarlo` price paths: today's requests keep today's answers, rows keep the
 * scenario's names and add the network's response and the p10 / p90 bands, seeds repeat, a realized
 * start reads its market from the bundled history, and every bad input is a 400 naming its field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculate, type CalculatorDeps, type CalculatorResult } from '../../../shared/calculator/calculate';
import { catalogModelLookup } from '../../../shared/calculator/catalog';
import { isCalculatorError } from '../../../shared/calculator/errors';
import { PROJECTED_BAND_FIGURES, type ProjectedScenarioResult } from '../../../shared/calculator/fleetResponseScenario';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import { loadDailyHistory } from '../../../shared/data/history/loadDailyHistory';

const deps: CalculatorDeps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T18:30:00Z') };
const example = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

function priced(result: CalculatorResult): CalculatorResponse {
  if (isCalculatorError(result)) throw new Error(`expected a priced answer, got ${JSON.stringify(result)}`);
  return result;
}
const projected = (r: CalculatorResponse) => r.scenario as ProjectedScenarioResult;

const fleet = { machines: [{ model: 'Antminer S21', count: 100 }], powerPriceUsdPerKwh: 0.06, poolFeePct: 2 };
const market = { btcPriceUsd: 87_000, difficulty: 149.3e12, feesBtcPerBlock: 0.022, tipHeight: 975_000 };

async function issues(request: unknown): Promise<{ code: string; fields: string[]; problems: string[] }> {
  const result = await calculate(request, deps);
  if (!isCalculatorError(result)) throw new Error('expected a 400');
  return {
    code: result.error.code,
    fields: result.error.issues.map((i) => i.field),
    problems: result.error.issues.map((i) => i.problem),
  };
}

describe('fleetResponse scenario', () => {
  it('leaves constant growth the default: the same answer with and without difficultyPath constantGrowth', async () => {
    const request = example('calc-scenario.json') as { scenario: Record<string, unknown> };
    const today = priced(await calculate(request, deps));
    const { difficultyGrowthPctPerEpoch, ...rest } = request.scenario;
    const explicit = priced(
      await calculate(
        {
          ...request,
          scenario: { ...rest, difficultyPath: { type: 'constantGrowth', pctPerEpoch: difficultyGrowthPctPerEpoch } },
        },
        deps,
      ),
    );
    expect(explicit).toEqual(today);
    expect(today.scenario).not.toHaveProperty('projection');
  });

  it('gives Monte Carlo rows with the scenario names, the network response and p10 <= p50 <= p90 bands', async () => {
    const r = priced(await calculate(example('calc-projection.json'), deps));
    const s = projected(r);
    expect(s.rows).toHaveLength(365);
    const row = s.rows[200]!;
    for (const name of PROJECTED_BAND_FIGURES) {
      const low = row[`${name}P10`]!;
      const high = row[`${name}P90`]!;
      // The network's negative share falls as hashprice rises: its p10 is the share at the hashprice's p90.
      expect(low, name).toBeLessThanOrEqual(row[name]);
      expect(row[name], name).toBeLessThanOrEqual(high);
      expect(high, name).toBeGreaterThan(low);
    }
    for (const name of ['date', 'heightAtStart', 'subsidyBtcAtStart', 'powerCostUsdPerDay', 'hostingOpexUsdPerDay'])
      expect(row).toHaveProperty(name);
    // Profit is revenue less power and hosting, on the p50 row.
    expect(row.profitUsdPerDay).toBeCloseTo(
      row.revenueUsdPerDay - row.powerCostUsdPerDay - row.hostingOpexUsdPerDay,
      6,
    );
    const months = s.projection.fleetNegativeProbabilityByMonth;
    expect(months).toHaveLength(12);
    expect(s.projection.fleetNegativeProbabilityWithinHorizon).toBeGreaterThanOrEqual(
      Math.max(...months.map((m) => m.probability)),
    );
    expect(s.projection.paths).toBe(2000);
  });

  it('gives the same answer for the same seed and another for another seed', async () => {
    const request = example('calc-projection.json') as { scenario: { btcPricePath: Record<string, unknown> } };
    const withSeed = (seed: number) => ({
      ...request,
      scenario: {
        ...request.scenario,
        horizonDays: 120,
        btcPricePath: { ...request.scenario.btcPricePath, paths: 300, seed },
      },
    });
    const a = JSON.stringify(priced(await calculate(withSeed(11), deps)));
    const b = JSON.stringify(priced(await calculate(withSeed(11), deps)));
    const c = JSON.stringify(priced(await calculate(withSeed(12), deps)));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('reads a realized start from the bundled history: no market needed, the history prices day by day', async () => {
    const r = priced(
      await calculate(
        {
          ...fleet,
          scenario: {
            horizonDays: 90,
            startDate: '2022-11-01',
            difficultyPath: { type: 'fleetResponse' },
            btcPricePath: { type: 'realized' },
          },
        },
        deps,
      ),
    );
    const daily = loadDailyHistory();
    const at = daily.findIndex((d) => d.date === '2022-11-01');
    expect(r.market.sources).toMatchObject({ btcPriceUsd: 'history', difficulty: 'history', tipHeight: 'history' });
    expect(r.market.btcPriceUsd).toBe(daily[at - 1]!.btcPriceUsd);
    expect(r.market.tipHeight).toBe(daily[at - 1]!.endHeight);
    const s = projected(r);
    expect(s.assumptions.start).toBe('history');
    expect(s.rows[10]!.btcPriceUsd).toBe(daily[at + 10]!.btcPriceUsd);
    expect(s.rows[0]).not.toHaveProperty('hashpriceUsdPerPhDayP10');
    expect(s.projection.paths).toBe(1);
  });

  it('prices a realized path under constant growth too', async () => {
    const r = priced(
      await calculate(
        { ...fleet, scenario: { horizonDays: 30, startDate: '2024-04-01', btcPricePath: { type: 'realized' } } },
        deps,
      ),
    );
    const daily = loadDailyHistory();
    const at = daily.findIndex((d) => d.date === '2024-04-01');
    expect(r.scenario!.rows).toHaveLength(30);
    expect((r.scenario!.rows[5] as { btcPriceUsd: number }).btcPriceUsd).toBe(daily[at + 5]!.btcPriceUsd);
  });

  it('answers 400 naming the field for each bad input', async () => {
    const scenario = (s: Record<string, unknown>) => ({
      ...fleet,
      market,
      scenario: { horizonDays: 365, startDate: '2026-11-25', difficultyPath: { type: 'fleetResponse' }, ...s },
    });
    const mc = (p: Record<string, unknown>) =>
      scenario({ btcPricePath: { type: 'monteCarlo', paths: 100, annualVolatilityPct: 50, ...p } });
    const cases: [unknown, string, RegExp][] = [
      [mc({ paths: 1 }), 'scenario.btcPricePath.paths', /at least 2/],
      [mc({ paths: 10_001 }), 'scenario.btcPricePath.paths', /at most 10,000/],
      [mc({ paths: 2.5 }), 'scenario.btcPricePath.paths', /whole number/],
      [mc({ annualVolatilityPct: 0.5 }), 'scenario.btcPricePath.annualVolatilityPct', /at least 1/],
      [mc({ annualVolatilityPct: 301 }), 'scenario.btcPricePath.annualVolatilityPct', /at most 300/],
      [mc({ bootstrapWindowDays: 365 }), 'scenario.btcPricePath.annualVolatilityPct', /one of them/],
      [mc({ seed: -1 }), 'scenario.btcPricePath.seed', /negative/],
      [scenario({ horizonDays: 3653 }), 'scenario.horizonDays', /at most 3652/],
      [
        scenario({ horizonDays: 1000, btcPricePath: { type: 'monteCarlo', paths: 10_000, annualVolatilityPct: 50 } }),
        'scenario.btcPricePath.paths',
        /times horizonDays/,
      ],
      [
        {
          ...fleet,
          market,
          scenario: { horizonDays: 30, btcPricePath: { type: 'monteCarlo', paths: 10, annualVolatilityPct: 50 } },
        },
        'scenario.btcPricePath.type',
        /fleetResponse/,
      ],
      [scenario({ difficultyGrowthPctPerEpoch: 1 }), 'scenario.difficultyGrowthPctPerEpoch', /not both/],
      [scenario({ step: 'epoch' }), 'scenario.step', /"day"/],
      [scenario({ difficultyPath: { type: 'fleet' } }), 'scenario.difficultyPath.type', /fleetResponse/],
      [scenario({ btcPricePath: { type: 'realized' } }), 'market', /left out/],
    ];
    for (const [request, field, problem] of cases) {
      const got = await issues(request);
      expect(got.code, field).toBe('INVALID_REQUEST');
      expect(got.fields, field).toContain(field);
      expect(got.problems[got.fields.indexOf(field)], field).toMatch(problem);
    }
  });

  it('refuses a realized path outside the bundled history or in the future, naming the field', async () => {
    const realized = (s: Record<string, unknown>) => ({
      ...fleet,
      scenario: {
        horizonDays: 30,
        difficultyPath: { type: 'fleetResponse' },
        btcPricePath: { type: 'realized' },
        ...s,
      },
    });
    const cases: [unknown, string, RegExp][] = [
      [realized({}), 'scenario.startDate', /is required/],
      [realized({ startDate: '2026-12-01' }), 'scenario.startDate', /future/],
      [realized({ startDate: '2009-02-01' }), 'scenario.startDate', /within the bundled history/],
      [realized({ startDate: '2026-10-01' }), 'scenario.startDate', /within the bundled history/],
      [
        realized({ startDate: '2026-06-01', horizonDays: 120 }),
        'scenario.horizonDays',
        /realized prices end on 2026-08-21/,
      ],
    ];
    for (const [request, field, problem] of cases) {
      const got = await issues(request);
      expect(got.code, field).toBe('INVALID_REQUEST');
      expect(got.fields, field).toEqual([field]);
      expect(got.problems[0], field).toMatch(problem);
    }
  });
});

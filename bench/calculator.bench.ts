/**
 * Calculator benchmarks.
 * - calculator-warm-rps: warm requests per second through the Lambda handler (middy, Powertools,
 *   validation, catalog lookup, pricing) for a 4-line fleet priced today, one request at a time.
 *   Target >= 10,000 req/s on one core, i.e. at most 0.1 ms of our own work per request: a few
 *   percent of a warm Lambda invoke's own overhead (milliseconds), so at Lambda's 1 ms billing
 *   granularity a priced request costs the minimum, and the figure leaves room for slower CI cores.
 * - calculator-scenario-5y-50-models: median latency of a 5-year daily scenario (1,826 days) for a
 *   50-line fleet (every catalog model plus custom machines), validation included. Target <= 5 ms.
 * Both targets are those of a quiet machine, scaled by the reference workload (bench/reference.ts).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median, reportBench } from './report';
import { ReferenceSampler } from './reference';

// Powertools' own switch (read when Metrics is built); the handler is configured by its factory.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const { calculate } = await import('../shared/calculator/calculate');
const { catalogModelLookup } = await import('../shared/calculator/catalog');
const { isCalculatorError } = await import('../shared/calculator/errors');
const { loadMachineCatalog } = await import('../shared/data/machineCatalog');
const { calculatorHandler } = await import('../test/support/calculatorHarness');

// No snapshot reader: the request carries its market, as the offline CLI's do.
const calculator = calculatorHandler();
const fleetRequest = JSON.parse(
  readFileSync(new URL('../examples/calc-fleet.json', import.meta.url), 'utf8'),
) as unknown;

// Warm requests per second through the handler.
{
  const first = await calculator.invoke(fleetRequest);
  if (isCalculatorError(first)) throw new Error(`bench request refused: ${JSON.stringify(first)}`);
  const warmUntil = performance.now() + 1_000;
  while (performance.now() < warmUntil) await calculator.invoke(fleetRequest);
  // 30 windows of 100 ms of requests, each after 100 ms of the reference: the rate is the median
  // of the windows' rates, against the reference's median.
  const reference = new ReferenceSampler();
  const rates: number[] = [];
  for (let w = 0; w < 30; w += 1) {
    reference.sample(100);
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < 100) {
      await calculator.invoke(fleetRequest);
      count += 1;
    }
    rates.push(count / ((performance.now() - start) / 1000));
  }
  const target = Math.round(reference.rateTarget(10_000, rates));
  reference.describe('calculator-warm-rps');
  reportBench({
    name: 'calculator-warm-rps',
    value: Math.round(median(rates)),
    unit: 'req/s',
    comparison: '>=',
    target,
  });
}

// 5-year daily scenario for a 50-model fleet.
{
  const models = loadMachineCatalog().machines.map((m) => ({ model: m.model, count: 10, capexUsdPerMachine: 2000 }));
  const custom = Array.from({ length: 50 - models.length }, (_, i) => ({
    name: `custom ${i}`,
    hashrateThs: 100 + 10 * i,
    powerWatts: 3000 + 50 * i,
    count: 5,
  }));
  const request = {
    machines: [...models, ...custom],
    powerPriceUsdPerKwh: 0.055,
    poolFeePct: 2,
    hostingOpexUsdPerMachinePerDay: 0.3,
    market: { btcPriceUsd: 87_000, difficulty: 149.3e12, feesBtcPerBlock: 0.022, tipHeight: 975_000 },
    scenario: {
      horizonDays: 1826,
      difficultyGrowthPctPerEpoch: 1.5,
      btcPricePath: { type: 'growth', pctPerMonth: 1 },
      step: 'day',
      startDate: '2026-11-25',
    },
  };
  if (request.machines.length !== 50) throw new Error(`expected 50 lines, built ${request.machines.length}`);
  const deps = { lookupModel: catalogModelLookup(), now: () => new Date('2026-11-25T00:00:00Z') };
  const check = await calculate(request, deps);
  if (isCalculatorError(check)) throw new Error(`bench scenario refused: ${JSON.stringify(check)}`);
  for (let i = 0; i < 30; i += 1) await calculate(request, deps);
  const reference = new ReferenceSampler();
  const samples: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    reference.sample(3);
    const t0 = performance.now();
    await calculate(request, deps);
    samples.push(performance.now() - t0);
  }
  const target = reference.timeTarget(5, samples);
  reference.describe('calculator-scenario-5y-50-models');
  reportBench({
    name: 'calculator-scenario-5y-50-models',
    value: median(samples),
    unit: 'ms',
    comparison: '<=',
    target,
  });
}

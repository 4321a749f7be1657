/**
 * The custom-metric budget: CloudWatch bills every distinct metric name + dimension set beyond the
 * 10 always free, so the three functions together may emit at most 10. Three independent checks:
 * the contract (shared/observability/metrics.ts) lists at most 10; the function code can emit
 * nothing outside it (no metric name written out, no extra dimension, no ColdStart metric); and a
 * real calculator run prints only contract metrics in its EMF output (the ingest and compute
 * handler tests check theirs the same way).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CALCULATOR_METRICS,
  COMPUTE_METRICS,
  FREE_CUSTOM_METRICS,
  INGEST_METRICS,
  METRIC_COMBINATIONS,
  POWER_METRIC_DIMENSIONS,
  POWER_METRICS,
  POWER_METRICS_PER_SITE_ALWAYS,
} from '../../../shared/observability/metrics';
import { calculatorHandler } from '../../support/calculatorHarness';
import { emfCombinations } from '../../support/ingestHarness';

const root = join(import.meta.dirname, '../../..');
/** The power function's handler: per-site metrics, billed beyond the free ten (POWER_METRICS). */
const POWER_HANDLER = 'functions/power/powerHandler.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('custom metrics: at most the 10 CloudWatch includes free', () => {
  it('the contract lists at most 10 distinct combinations, each with the one dimension `service`', () => {
    const keys = METRIC_COMBINATIONS.map((c) => JSON.stringify([c.metricName, c.dimensions]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeLessThanOrEqual(FREE_CUSTOM_METRICS);
    expect(FREE_CUSTOM_METRICS).toBe(10);
    // Independently of how the list is built: 4 ingest + 5 compute + 1 calculator names.
    expect(
      Object.keys(INGEST_METRICS).length + Object.keys(COMPUTE_METRICS).length + Object.keys(CALCULATOR_METRICS).length,
    ).toBe(10);
    for (const c of METRIC_COMBINATIONS) expect(c.dimensions).toEqual({ service: c.service });
  });

  it('the function code names no metric outside the contract and adds no dimension', () => {
    const files = [...sourceFiles('functions'), ...sourceFiles('shared')];
    expect(files.length).toBeGreaterThan(20);
    const offences: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const rel = file.slice(root.length + 1);
      // The one file allowed per-site dimensions, held to its own contract below.
      if (rel === POWER_HANDLER) continue;
      // Each distinct value of a dimension is a metric of its own; ColdStart adds function_name.
      for (const api of [
        'addDimension',
        'addDimensions',
        'setDefaultDimensions',
        'singleMetric',
        'captureColdStartMetric: true',
        'captureColdStartMetric()',
      ]) {
        if (text.includes(api)) offences.push(`${rel}: ${api}`);
      }
      // A metric name written out (a string literal) instead of taken from the contract.
      for (const m of text.matchAll(/addMetric\(\s*(['"`])/g))
        offences.push(`${rel}: addMetric with a literal name at ${m.index}`);
      if (/addMetric\(/.test(text) && !rel.startsWith('functions/'))
        offences.push(`${rel}: metrics outside the handlers`);
    }
    expect(offences).toEqual([]);
  });
});

describe('the power function: per-site metrics, and only those of its contract', () => {
  it('names only POWER_METRICS and adds only the site (and, for failures, the kind) dimension', () => {
    const text = readFileSync(join(root, POWER_HANDLER), 'utf8');
    expect([...text.matchAll(/addMetric\(\s*(['"`])/g)]).toEqual([]);
    expect([...text.matchAll(/POWER_METRICS\.(\w+)/g)].map((m) => m[1]).sort()).toEqual(
      Object.keys(POWER_METRICS).sort(),
    );
    expect([...text.matchAll(/addDimension\(([^,]+),/g)].map((m) => m[1]!.trim())).toEqual([
      'POWER_METRIC_DIMENSIONS.site',
      'dimension',
    ]);
    expect(text).not.toMatch(/captureColdStartMetric|setDefaultDimensions|addDimensions/);
    // Two always-on metrics a site; the failure count exists only in the hours a failure happens.
    expect(POWER_METRICS_PER_SITE_ALWAYS).toEqual(['PriceAgeMinutes', 'PricesStored']);
    expect(Object.values(POWER_METRIC_DIMENSIONS)).toEqual(['site', 'kind']);
  });
});

describe('calculator handler: what a real run prints', () => {
  const lines: Record<string, unknown>[] = [];
  beforeAll(() => {
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    // No snapshot reader: the request carries its own market, no DynamoDB needed.
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
      if (typeof text === 'string' && text.includes('"_aws"')) lines.push(JSON.parse(text) as Record<string, unknown>);
    });
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('emits CalculatorFailed (0) for a priced and for a rejected request, and nothing else', async () => {
    const { invoke } = calculatorHandler();
    const priced = await invoke({
      machines: [{ model: 'S19 XP', count: 1 }],
      powerPriceUsdPerKwh: 0.06,
      market: { hashpriceUsdPerPhDay: 40 },
    });
    const rejected = await invoke({ machines: [], powerPriceUsdPerKwh: -1 });
    expect(priced).toHaveProperty('machines');
    expect(rejected).toHaveProperty('error.code');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.CalculatorFailed)).toEqual([0, 0]);
    expect(emfCombinations(lines)).toEqual([JSON.stringify(['CalculatorFailed', { service: 'calculator' }])]);
  });
});

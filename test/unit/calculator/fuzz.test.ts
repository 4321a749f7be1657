/**
 * Generated bad input (fast-check): over 10,000 invalid requests sent through the real Lambda
 * handler, direct invoke and Function URL. Every answer must be the structured error, naming the
 * field that was broken; nothing may throw, and nothing may be logged at error level (a user's
 * mistake is not our fault). Valid requests are checked the other way: their break-even matches
 * docs/design.md §3's formula, computed here independently.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CalculatorError } from '../../../shared/calculator/errors';
import type { CalculatorResponse } from '../../../shared/calculator/price';
import { calculatorHandler } from '../../support/calculatorHarness';

// Quiet Powertools for thousands of invocations; logger.error is still spied on below.
vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
const { invoke, logger } = calculatorHandler();

// MARKET_UNAVAILABLE too: e.g. `market: {}` with nothing stored is the caller's to fix.
const USER_ERROR_CODES = ['INVALID_REQUEST', 'UNKNOWN_MODEL', 'PAYLOAD_TOO_LARGE', 'MARKET_UNAVAILABLE'];

function assertStructuredError(answer: unknown, expectedField?: string): CalculatorError {
  expect(answer).toBeTypeOf('object');
  const error = (answer as CalculatorError).error;
  expect(error, JSON.stringify(answer)).toBeDefined();
  expect(USER_ERROR_CODES).toContain(error.code);
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.field).toBe('string');
    expect(issue.problem.length).toBeGreaterThan(0);
  }
  if (expectedField !== undefined) {
    const named = error.issues.some(
      (i) =>
        i.field === expectedField || i.field.startsWith(`${expectedField}.`) || i.field.startsWith(`${expectedField}[`),
    );
    expect(named, `${expectedField} not named in ${JSON.stringify(error.issues)}`).toBe(true);
  }
  return answer as CalculatorError;
}

// A valid base request: every mutation below breaks exactly one field of it.
const base = () => ({
  machines: [
    { model: 'S21 Pro', count: 10, capexUsdPerMachine: 3000 },
    { hashrateThs: 100, powerWatts: 2950, count: 5 },
  ],
  powerPriceUsdPerKwh: 0.05,
  poolFeePct: 2,
  uptimePct: 95,
  hostingOpexUsdPerMachinePerDay: 0.3,
  overheadUsdPerDay: 10,
  usefulLifeYears: 3,
  market: { btcPriceUsd: 87_000, difficulty: 149.3e12, feesBtcPerBlock: 0.02, tipHeight: 975_000 },
  scenario: {
    horizonDays: 30,
    difficultyGrowthPctPerEpoch: 1,
    btcPricePath: { type: 'growth', pctPerMonth: 1 },
    step: 'epoch',
    startDate: '2026-11-25',
  },
});
type Request = ReturnType<typeof base>;

const notNumber = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const notString = fc.oneof(
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);
// -0 is excluded: JSON writes it as 0, which is a valid value where the minimum is 0.
const below = (min: number) =>
  fc.oneof(
    fc.double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
    notNumber,
  );
const above = (max: number) => fc.double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true });
const outside = (min: number, max: number) => fc.oneof(below(min), above(max));
const notInteger = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).filter((v) => !Number.isInteger(v));

interface Mutation {
  field: string;
  apply: (r: Request) => void;
}

/** One invalid value for one field, with the field's name as the caller wrote it. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  outside(0, 5).map((v) => ({
    field: 'powerPriceUsdPerKwh',
    apply: (r: Request) => void (r.powerPriceUsdPerKwh = v as number),
  })),
  fc.constant({
    field: 'powerPriceUsdPerKwh',
    apply: (r: Request) => void delete (r as Partial<Request>).powerPriceUsdPerKwh,
  }),
  outside(0, 50).map((v) => ({ field: 'poolFeePct', apply: (r: Request) => void (r.poolFeePct = v as number) })),
  outside(0, 100).map((v) => ({ field: 'uptimePct', apply: (r: Request) => void (r.uptimePct = v as number) })),
  fc
    .double({ min: 0, max: 100, noNaN: true })
    .map((v) => ({ field: 'curtailmentPct', apply: (r: Request) => void Object.assign(r, { curtailmentPct: v }) })),
  outside(0, 1000).map((v) => ({
    field: 'hostingOpexUsdPerMachinePerDay',
    apply: (r: Request) => void (r.hostingOpexUsdPerMachinePerDay = v as number),
  })),
  below(0).map((v) => ({
    field: 'overheadUsdPerDay',
    apply: (r: Request) => void (r.overheadUsdPerDay = v as number),
  })),
  fc
    .oneof(below(Number.MIN_VALUE), above(20), fc.constant(0))
    .map((v) => ({ field: 'usefulLifeYears', apply: (r: Request) => void (r.usefulLifeYears = v as number) })),
  fc
    .oneof(
      fc.constant([]),
      notNumber.filter((v) => !Array.isArray(v) || v.length > 0).filter((v) => !Array.isArray(v)),
    )
    .map((v) => ({
      field: 'machines',
      apply: (r: Request) => void ((r as { machines: unknown }).machines = v),
    })),
  fc
    .oneof(below(1), above(1_000_000), notInteger(1, 1000))
    .map((v) => ({ field: 'machines[0].count', apply: (r: Request) => void (r.machines[0]!.count = v as number) })),
  fc.oneof(notString, fc.constant(''), fc.constant('   ')).map((v) => ({
    field: 'machines[0].model',
    apply: (r: Request) => void ((r.machines[0] as { model: unknown }).model = v),
  })),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => ({
    field: 'machines[0].model',
    apply: (r: Request) => void (r.machines[0]!.model = `zz-${s}-unknown`),
  })),
  fc.oneof(below(Number.MIN_VALUE), fc.constant(0), above(10_000)).map((v) => ({
    field: 'machines[1].hashrateThs',
    apply: (r: Request) => void (r.machines[1]!.hashrateThs = v as number),
  })),
  fc.oneof(below(Number.MIN_VALUE), fc.constant(0), above(100_000)).map((v) => ({
    field: 'machines[1].powerWatts',
    apply: (r: Request) => void (r.machines[1]!.powerWatts = v as number),
  })),
  fc.constant({
    field: 'machines[1].powerWatts',
    apply: (r: Request) => void delete (r.machines[1] as Partial<Request['machines'][1]>).powerWatts,
  }),
  fc.constant({
    field: 'machines[1].model',
    apply: (r: Request) => void Object.assign(r.machines[1]!, { model: 'S21' }),
  }),
  fc.double({ min: 0.1, max: 2.9, noNaN: true }).map((jPerTh) => ({
    field: 'machines[1].powerWatts',
    apply: (r: Request) => void (r.machines[1]!.powerWatts = 100 * jPerTh),
  })),
  below(0).map((v) => ({
    field: 'machines[0].capexUsdPerMachine',
    apply: (r: Request) => void (r.machines[0]!.capexUsdPerMachine = v as number),
  })),
  notNumber
    .map((v) => ({ field: 'market', apply: (r: Request) => void ((r as { market: unknown }).market = v) }))
    .filter((m) => m !== null),
  below(Number.MIN_VALUE).map((v) => ({
    field: 'market.btcPriceUsd',
    apply: (r: Request) => void (r.market.btcPriceUsd = v as number),
  })),
  fc
    .oneof(below(1), above(1e20))
    .map((v) => ({ field: 'market.difficulty', apply: (r: Request) => void (r.market.difficulty = v as number) })),
  outside(0, 50).map((v) => ({
    field: 'market.feesBtcPerBlock',
    apply: (r: Request) => void (r.market.feesBtcPerBlock = v as number),
  })),
  fc
    .oneof(below(0), notInteger(0, 1e6))
    .map((v) => ({ field: 'market.tipHeight', apply: (r: Request) => void (r.market.tipHeight = v as number) })),
  fc.oneof(below(Number.MIN_VALUE), above(100_000)).map((v) => ({
    field: 'market.hashpriceUsdPerPhDay',
    apply: (r: Request) => void Object.assign(r.market, { hashpriceUsdPerPhDay: v }),
  })),
  fc.oneof(below(1), fc.integer({ min: 3653, max: 1_000_000 }), notInteger(1, 3652)).map((v) => ({
    field: 'scenario.horizonDays',
    apply: (r: Request) => void (r.scenario.horizonDays = v as number),
  })),
  outside(-75, 300).map((v) => ({
    field: 'scenario.difficultyGrowthPctPerEpoch',
    apply: (r: Request) => void (r.scenario.difficultyGrowthPctPerEpoch = v as number),
  })),
  fc
    .oneof(
      notString,
      fc.string().filter((s) => s !== 'day' && s !== 'epoch'),
    )
    .map((v) => ({ field: 'scenario.step', apply: (r: Request) => void ((r.scenario as { step: unknown }).step = v) })),
  fc
    .oneof(
      notNumber,
      fc.record({ type: fc.string().filter((s) => !['constant', 'growth', 'list'].includes(s)) }),
      fc.constant({ type: 'list', btcPriceUsdByMonth: [] }),
      outside(-50, 100).map((p) => ({ type: 'growth', pctPerMonth: p })),
    )
    .map((v) => ({
      field: 'scenario.btcPricePath',
      apply: (r: Request) => void ((r.scenario as { btcPricePath: unknown }).btcPricePath = v),
    })),
  fc
    .oneof(
      notString,
      fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
      fc.constant('2026-13-01'),
      fc.constant('2027-02-29'),
    )
    .map((v) => ({
      field: 'scenario.startDate',
      apply: (r: Request) => void ((r.scenario as { startDate: unknown }).startDate = v),
    })),
  fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((k) => !(k in base()) && !['curtailmentPct', '__proto__', 'constructor'].includes(k))
    .map((k) => ({
      field: k,
      apply: (r: Request) =>
        void Object.defineProperty(r, k, { value: 1, enumerable: true, configurable: true, writable: true }),
    })),
);

/** Whole payloads that are wrong before any field is read. */
const wrongShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.oneof(
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  ),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 }), { maxKeys: 6 })
    .filter((d) => !('machines' in d)),
  fc.constant({
    ...base(),
    machines: Array.from({ length: 2000 }, () => ({ model: 'Antminer S19 XP Hyd', count: 1 })),
  }),
);

describe('calculator under generated bad input', () => {
  let errorSpy: ReturnType<typeof vi.spyOn>;
  beforeAll(() => {
    errorSpy = vi.spyOn(logger, 'error');
  });
  afterAll(() => {
    errorSpy.mockRestore();
  });

  it('the valid base request is priced (so each mutation alone is what breaks it)', async () => {
    const answer = (await invoke(base())) as CalculatorResponse;
    expect(answer.fleet.profitUsdPerDay).toBeTypeOf('number');
  });

  it('answers 8,000 single-field mutations with an error naming that field', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const request = base();
        m.apply(request);
        assertStructuredError(await invoke(request), m.field);
      }),
      { numRuns: 8_000 },
    );
  });

  it('answers 2,000 payloads with several broken fields or the wrong shape with a structured error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(mutation, { minLength: 2, maxLength: 5 }), wrongShape), async (input) => {
        let request: unknown = input;
        if (
          Array.isArray(input) &&
          input.length >= 2 &&
          input.every((m) => typeof m === 'object' && m !== null && 'apply' in m)
        ) {
          const r = base();
          for (const m of input as Mutation[]) {
            try {
              m.apply(r);
            } catch {
              // An earlier mutation replaced this field's parent (e.g. machines is now a string): it is broken already.
            }
          }
          request = r;
        }
        assertStructuredError(await invoke(request));
      }),
      { numRuns: 2_000 },
    );
  });

  it('answers 1,000 bad Function URL bodies with HTTP 400 and the error as JSON', async () => {
    const body = fc.oneof(
      fc.string(),
      mutation.map((m) => {
        const r = base();
        m.apply(r);
        return JSON.stringify(r);
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (text, base64) => {
        const event = {
          version: '2.0',
          rawPath: '/',
          rawQueryString: '',
          headers: { 'content-type': 'application/json' },
          requestContext: { http: { method: 'POST', path: '/' } },
          body: base64 ? Buffer.from(text, 'utf8').toString('base64') : text,
          isBase64Encoded: base64,
        };
        const answer = (await invoke(event)) as { statusCode: number; body: string };
        expect(answer.statusCode).toBe(400);
        assertStructuredError(JSON.parse(answer.body));
      }),
      { numRuns: 1_000 },
    );
  });

  it('never logged at error level for any of them', () => {
    expect(errorSpy).not.toHaveBeenCalled();
  });
});

describe('calculator on generated valid input', () => {
  it('break-even power price = hashprice / 1000 x (1 - fee) / (J/TH x 0.024), and profit is positive exactly below it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 5, max: 200, noNaN: true }),
        fc.double({ min: 10, max: 500, noNaN: true }),
        fc.double({ min: 5, max: 120, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0.001, max: 0.2, noNaN: true }),
        async (hashpriceUsdPerPhDay, hashrateThs, efficiencyJPerTh, poolFeePct, powerPriceUsdPerKwh) => {
          const answer = (await invoke({
            machines: [{ hashrateThs, powerWatts: hashrateThs * efficiencyJPerTh, count: 3 }],
            powerPriceUsdPerKwh,
            poolFeePct,
            market: { hashpriceUsdPerPhDay },
          })) as CalculatorResponse;
          const expected = ((hashpriceUsdPerPhDay / 1000) * (1 - poolFeePct / 100)) / (efficiencyJPerTh * 0.024);
          expect(answer.fleet.breakEvenPowerPriceUsdPerKwh).toBeCloseTo(expected, 9);
          if (Math.abs(powerPriceUsdPerKwh - expected) > 1e-9) {
            expect(answer.fleet.profitUsdPerDay > 0).toBe(powerPriceUsdPerKwh < expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

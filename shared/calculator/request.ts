/**
 * The calculator request: one JSON document, the same for the Lambda (direct invoke), the Function
 * URL and the CLI. Every field carries its unit in its name; every bound below rejects a value no
 * real operator would mean (a typo, a unit slip) rather than a merely unusual one.
 * Unknown fields are rejected (strict objects) so that a misspelt field never silently becomes a default.
 */
import * as z from '../schema/z';
import { currencySchema } from '../domain/currency';
import { hpcLeaseSchema } from '../domain/siteEconomics/hpcLeaseTerms';
import { powerCapacityMwSchema } from '../config/powerCapacityMw';

/** Largest request accepted, bytes of JSON (a 500-line fleet with a 10-year monthly price list fits easily). */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** Longest scenario: 10 years of days (10 x 365.2425 = 3652.4). */
export const MAX_HORIZON_DAYS = 3652;
export const MAX_MACHINE_LINES = 500;
export const MAX_TIP_HEIGHT = 10_000_000;
export const MAX_MACHINES_PER_LINE = 1_000_000;
/** Days in a year for the useful life; a month for the price path is units.ts' DAYS_PER_MONTH. */
export const DAYS_PER_YEAR = 365;
export { DAYS_PER_MONTH } from '../domain/units';

/**
 * 1000000 -> "1,000,000", as toLocaleString('en-US') writes it, without Intl: these messages are
 * built at module scope, and the first Intl call of a process loads ICU data (about 12 ms of the
 * calculator's cold start).
 */
function withThousandsSeparators(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number field whose type errors read "is required" / "must be a number" (the field is named beside it). */
const requiredNumber = () =>
  z.number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') });
/** A required amount from 0 to `max`, `message` naming the bound and its unit. */
const nonNegativeUpTo = (max: number, message: string) =>
  requiredNumber().check(z.minimum(0, 'must not be negative'), z.maximum(max, message));
/** A required amount above 0 and at most `max`, `message` naming the bound and its unit. */
const positiveUpTo = (max: number, message: string) =>
  requiredNumber().check(z.positive('must be greater than 0'), z.maximum(max, message));
const objectError = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be an object'),
};

/** Most Monte Carlo paths a request may ask for. */
export const MAX_PROJECTION_PATHS = 10_000;
/**
 * Most paths x days a Monte Carlo request may ask for: 10,000 paths over two years, what the
 * projection bench times (bench/projection.bench.ts); a 10-year horizon gets 2,000 paths.
 */
export const MAX_PROJECTION_PATH_DAYS = 10_000 * 730;

const wholeNumber = () => requiredNumber().check(z.int('must be a whole number'));

/**
 * The request's schemas, built on the first request rather than at a cold start: the read API
 * holds the calculator to price the owner's sites (GET /v1/sites) and would otherwise build these
 * 235 zod schemas at every cold start, whatever route it answers (issue #23).
 */
function buildRequestSchemas() {
  const machineLineSchema = z
    .strictObject(
      {
        /** A catalog model name, matched forgivingly ("s19 xp", "Antminer S19XP"). */
        model: z.optional(
          z
            .string()
            .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters')),
        ),
        /** A custom machine: its hashrate (TH/s) and power draw (W) at the wall. */
        hashrateThs: z.optional(positiveUpTo(10_000, 'must be at most 10,000 TH/s per machine')),
        powerWatts: z.optional(positiveUpTo(100_000, 'must be at most 100,000 W per machine')),
        /** A label for a custom machine in the answer. */
        name: z.optional(
          z
            .string()
            .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters')),
        ),
        count: requiredNumber().check(
          z.int('must be a whole number'),
          z.minimum(1, 'must be at least 1'),
          z.maximum(MAX_MACHINES_PER_LINE, `must be at most ${withThousandsSeparators(MAX_MACHINES_PER_LINE)}`),
        ),
        /** Purchase price of one machine, USD (for payback and the all-in cost per BTC). */
        capexUsdPerMachine: z.optional(nonNegativeUpTo(1_000_000, 'must be at most $1,000,000 per machine')),
        /** Purchase price of one machine in the request's `currency` (instead of capexUsdPerMachine). */
        capexPerMachine: z.optional(nonNegativeUpTo(1e9, 'must be at most 1,000,000,000')),
      },
      objectError,
    )
    .check(
      z.superRefine((line, ctx) => {
        const custom = line.hashrateThs !== undefined || line.powerWatts !== undefined;
        if (line.model !== undefined && custom) {
          ctx.addIssue({
            code: 'custom',
            path: ['model'],
            message: 'give either model or hashrateThs and powerWatts, not both',
          });
          return;
        }
        if (line.model === undefined && !custom) {
          ctx.addIssue({
            code: 'custom',
            path: ['model'],
            message: 'give a catalog model, or hashrateThs and powerWatts for a custom machine',
          });
          return;
        }
        if (custom) {
          if (line.hashrateThs === undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['hashrateThs'],
              message: 'is required for a custom machine (with powerWatts)',
            });
          if (line.powerWatts === undefined)
            ctx.addIssue({
              code: 'custom',
              path: ['powerWatts'],
              message: 'is required for a custom machine (with hashrateThs)',
            });
          if (line.hashrateThs !== undefined && line.powerWatts !== undefined) {
            // The best machines sold in 2026 run near 10 J/TH; a few J/TH or tens of thousands is a unit slip.
            const efficiencyJPerTh = line.powerWatts / line.hashrateThs;
            if (efficiencyJPerTh < 3 || efficiencyJPerTh > 20_000) {
              ctx.addIssue({
                code: 'custom',
                path: ['powerWatts'],
                message: `gives ${efficiencyJPerTh.toPrecision(3)} J/TH with hashrateThs, outside 3..20,000 J/TH: check the units (TH/s and W)`,
              });
            }
          }
        }
        if (line.capexPerMachine !== undefined && line.capexUsdPerMachine !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['capexPerMachine'],
            message: 'give capexUsdPerMachine or capexPerMachine (in `currency`), not both',
          });
        }
        if (line.name !== undefined && line.model !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['name'],
            message: 'is only for custom machines (a catalog model is named by the catalog)',
          });
        }
      }),
    );

  const marketSchema = z.strictObject(
    {
      /** Hashprice given directly, USD per PH/s per day. Wins over anything derived. */
      hashpriceUsdPerPhDay: z.optional(positiveUpTo(100_000, 'must be at most 100,000 USD/PH/day')),
      btcPriceUsd: z.optional(positiveUpTo(100_000_000, 'must be at most 100,000,000 USD')),
      difficulty: z.optional(
        requiredNumber().check(z.minimum(1, 'must be at least 1'), z.maximum(1e20, 'must be at most 1e20')),
      ),
      feesBtcPerBlock: z.optional(nonNegativeUpTo(50, 'must be at most 50 BTC per block')),
      /** Chain tip height: sets the block subsidy and where the next halving falls. */
      tipHeight: z.optional(
        requiredNumber().check(
          z.int('must be a whole number'),
          z.minimum(0, 'must not be negative'),
          // 10 million is about the year 2200; Bitcoin passed 975,000 in late 2026.
          z.maximum(MAX_TIP_HEIGHT, `must be at most ${withThousandsSeparators(MAX_TIP_HEIGHT)}`),
        ),
      ),
    },
    objectError,
  );

  const monteCarloPathSchema = z
    .strictObject({
      type: z.literal('monteCarlo'),
      /** Number of seeded price paths; every projected figure then comes as p10 / p50 / p90. */
      paths: wholeNumber().check(
        z.minimum(2, 'must be at least 2 (one path is a fixed price path)'),
        z.maximum(MAX_PROJECTION_PATHS, `must be at most ${withThousandsSeparators(MAX_PROJECTION_PATHS)}`),
      ),
      /** The same seed gives the same answer, byte for byte. */
      seed: z._default(
        wholeNumber().check(
          z.minimum(0, 'must not be negative'),
          z.maximum(4_294_967_295, 'must be at most 4,294,967,295'),
        ),
        1,
      ),
      /** Lognormal prices (geometric Brownian motion) with this annual volatility... */
      annualVolatilityPct: z.optional(
        requiredNumber().check(z.minimum(1, 'must be at least 1'), z.maximum(300, 'must be at most 300')),
      ),
      /** ...and this expected annual price change (lognormal only). */
      annualDriftPct: z.optional(
        requiredNumber().check(z.minimum(-90, 'must be at least -90'), z.maximum(500, 'must be at most 500')),
      ),
      /** Or daily returns bootstrapped from this many days of the bundled history before the start, re-centred on zero mean. */
      bootstrapWindowDays: z.optional(
        wholeNumber().check(z.minimum(30, 'must be at least 30'), z.maximum(1_460, 'must be at most 1,460 (4 years)')),
      ),
    })
    .check(
      z.superRefine((path, ctx) => {
        if ((path.annualVolatilityPct === undefined) === (path.bootstrapWindowDays === undefined))
          ctx.addIssue({
            code: 'custom',
            path: ['annualVolatilityPct'],
            message:
              'give annualVolatilityPct (lognormal prices) or bootstrapWindowDays (bootstrapped history), one of them',
          });
        if (path.annualDriftPct !== undefined && path.annualVolatilityPct === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['annualDriftPct'],
            message: 'goes with annualVolatilityPct (lognormal prices)',
          });
      }),
    );

  const btcPricePathSchema = z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('constant') }),
      z.strictObject({
        type: z.literal('growth'),
        /** Compounded monthly; -50 halves the price every month. */
        pctPerMonth: requiredNumber().check(
          z.minimum(-50, 'must be at least -50'),
          z.maximum(100, 'must be at most 100'),
        ),
      }),
      z.strictObject({
        type: z.literal('list'),
        /** Entry i is the price during month i of the horizon (month 0 starts today); the last one holds after. */
        btcPriceUsdByMonth: z
          .array(positiveUpTo(100_000_000, 'must be at most 100,000,000 USD'))
          .check(
            z.minLength(1, 'must hold at least one price'),
            z.maxLength(121, 'must hold at most 121 monthly prices (10 years)'),
          ),
      }),
      /** The bundled history's daily prices from startDate on (what happened; the start's market comes from it too). */
      z.strictObject({ type: z.literal('realized') }),
      monteCarloPathSchema,
    ],
    {
      error:
        'must be {"type":"constant"}, {"type":"growth","pctPerMonth":n}, {"type":"list","btcPriceUsdByMonth":[...]}, {"type":"realized"} or {"type":"monteCarlo","paths":n,...}',
    },
  );

  const difficultyPathSchema = z.discriminatedUnion(
    'type',
    [
      /** Difficulty changes by pctPerEpoch at every retarget, blocks every 600 s (today's scenario). */
      z.strictObject({
        type: z.literal('constantGrowth'),
        pctPerEpoch: requiredNumber().check(
          z.minimum(-75, 'must be at least -75 (the protocol limit)'),
          z.maximum(300, 'must be at most 300 (the protocol limit)'),
        ),
      }),
      /** The closed loop: the fleet answers the hashprice, blocks and retargets follow (docs/projection.md). */
      z.strictObject({ type: z.literal('fleetResponse') }),
    ],
    { error: 'must be {"type":"constantGrowth","pctPerEpoch":n} or {"type":"fleetResponse"}' },
  );

  const scenarioSchema = z
    .strictObject(
      {
        horizonDays: requiredNumber().check(
          z.int('must be a whole number of days'),
          z.minimum(1, 'must be at least 1 day'),
          z.maximum(MAX_HORIZON_DAYS, `must be at most ${MAX_HORIZON_DAYS} days (10 years)`),
        ),
        /** Difficulty change at every retarget, percent (the same as difficultyPath constantGrowth); default 0. */
        difficultyGrowthPctPerEpoch: z.optional(
          requiredNumber().check(
            z.minimum(-75, 'must be at least -75 (the protocol limit)'),
            z.maximum(300, 'must be at most 300 (the protocol limit)'),
          ),
        ),
        /** How difficulty moves; default {"type":"constantGrowth","pctPerEpoch":difficultyGrowthPctPerEpoch or 0}. */
        difficultyPath: z.optional(difficultyPathSchema),
        btcPricePath: z._default(btcPricePathSchema, { type: 'constant' }),
        /** Rows of the projection: one per day, or one per difficulty epoch. */
        step: z._default(z.enum(['day', 'epoch'], { error: 'must be "day" or "epoch"' }), 'day'),
        /** First day of the projection (UTC, YYYY-MM-DD); today by default. */
        startDate: z.optional(
          z.string().check(
            z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
            z.refine(
              (d) =>
                !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
              'is not a real date',
            ),
          ),
        ),
        /**
         * Switch a machine line off on the days running it loses money (its revenue below its power
         * cost; hosting is paid either way) and report the days each line was off; default false:
         * every machine runs every day.
         */
        curtailWhenUnprofitable: z._default(z.boolean({ error: 'must be true or false' }), false),
        /** With fleetResponse: the hashprice whose first day back at or above is reported (default: the fleet's cash break-even). */
        recoveryHashpriceUsdPerPhDay: z.optional(positiveUpTo(100_000, 'must be at most 100,000 USD/PH/day')),
      },
      objectError,
    )
    .check(
      z.superRefine((scenario, ctx) => {
        const fleetResponse = scenario.difficultyPath?.type === 'fleetResponse';
        if (scenario.difficultyPath !== undefined && scenario.difficultyGrowthPctPerEpoch !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['difficultyGrowthPctPerEpoch'],
            message: 'give difficultyPath or difficultyGrowthPctPerEpoch, not both',
          });
        const price = scenario.btcPricePath;
        if (price.type === 'monteCarlo') {
          if (!fleetResponse)
            ctx.addIssue({
              code: 'custom',
              path: ['btcPricePath', 'type'],
              message: 'monteCarlo needs difficultyPath {"type":"fleetResponse"}',
            });
          if (price.paths * scenario.horizonDays > MAX_PROJECTION_PATH_DAYS)
            ctx.addIssue({
              code: 'custom',
              path: ['btcPricePath', 'paths'],
              message: `times horizonDays must be at most ${withThousandsSeparators(MAX_PROJECTION_PATH_DAYS)} (10,000 paths over 730 days); got ${withThousandsSeparators(price.paths * scenario.horizonDays)}`,
            });
        }
        if (fleetResponse && scenario.curtailWhenUnprofitable)
          ctx.addIssue({
            code: 'custom',
            path: ['curtailWhenUnprofitable'],
            message:
              'is not available with difficultyPath fleetResponse yet (its p10..p90 bands take profit as linear in hashprice, which switching lines off is not); use constantGrowth',
          });
        if (fleetResponse && scenario.step !== 'day')
          ctx.addIssue({ code: 'custom', path: ['step'], message: 'must be "day" with difficultyPath fleetResponse' });
        if (!fleetResponse && scenario.recoveryHashpriceUsdPerPhDay !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['recoveryHashpriceUsdPerPhDay'],
            message: 'goes with difficultyPath {"type":"fleetResponse"}',
          });
      }),
    );

  const calculatorRequestSchema = z
    .strictObject({
      machines: z
        .array(machineLineSchema, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list') })
        .check(
          z.minLength(1, 'must hold at least one machine (the fleet is empty)'),
          z.maxLength(MAX_MACHINE_LINES, `must hold at most ${MAX_MACHINE_LINES} lines`),
        ),
      /**
       * Currency of the fields without a currency in their name (powerPricePerKwh, capexPerMachine,
       * hostingOpexPerMachinePerDay, overheadPerDay) and of the answer's `inCurrency` figures; its
       * rate comes from the latest stored snapshot's mempool prices. Default USD.
       */
      currency: z._default(currencySchema, 'USD'),
      /** Required, unless powerPricePerKwh gives it in `currency`. */
      powerPriceUsdPerKwh: z.optional(nonNegativeUpTo(5, 'must be at most 5 USD/kWh (is it in cents?)')),
      /** Power price in `currency` per kWh (bounded like powerPriceUsdPerKwh once converted). */
      powerPricePerKwh: z.optional(nonNegativeUpTo(1_000, 'must be at most 1,000 per kWh')),
      hostingOpexPerMachinePerDay: z.optional(nonNegativeUpTo(1e6, 'must be at most 1,000,000')),
      overheadPerDay: z.optional(nonNegativeUpTo(1e11, 'must be at most 100,000,000,000')),
      poolFeePct: z._default(nonNegativeUpTo(50, 'must be at most 50 percent'), 0),
      /** Share of the time the machines hash, percent. Give this or curtailmentPct, not both. */
      uptimePct: z.optional(nonNegativeUpTo(100, 'must be at most 100 percent')),
      /** Share of the time the machines are curtailed (off), percent: uptime = 100 - curtailment. */
      curtailmentPct: z.optional(nonNegativeUpTo(100, 'must be at most 100 percent')),
      /** Hosting and other non-power operating cost, USD per machine per day, paid whether it runs or not. */
      hostingOpexUsdPerMachinePerDay: z._default(nonNegativeUpTo(1_000, 'must be at most 1,000 USD'), 0),
      /** Fleet-wide overheads (staff, SG&A), USD per day: only the all-in cost per BTC includes them. */
      overheadUsdPerDay: z._default(nonNegativeUpTo(100_000_000, 'must be at most 100,000,000 USD'), 0),
      /** Life over which the capex is depreciated, years. */
      usefulLifeYears: z._default(positiveUpTo(20, 'must be at most 20 years'), 3),
      market: z.optional(marketSchema),
      scenario: z.optional(scenarioSchema),
      /** The site the machines stand on; its MW are the fleet's power when left out (siteEconomics.ts). */
      site: z.optional(z.strictObject({ powerCapacityMw: powerCapacityMwSchema }, objectError)),
      /** An AI/HPC lease offer for the site, compared with keeping it hashing (shared/calculator/siteEconomics.ts). */
      hpcLease: z.optional(hpcLeaseSchema),
    })
    .check(
      z.superRefine((request, ctx) => {
        if (request.powerPriceUsdPerKwh === undefined && request.powerPricePerKwh === undefined)
          ctx.addIssue({ code: 'custom', path: ['powerPriceUsdPerKwh'], message: 'is required' });
        if (request.powerPriceUsdPerKwh !== undefined && request.powerPricePerKwh !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['powerPricePerKwh'],
            message: 'give powerPriceUsdPerKwh or powerPricePerKwh (in `currency`), not both',
          });
        const scenario = request.scenario;
        if (
          request.hpcLease !== undefined &&
          (scenario?.difficultyPath?.type === 'fleetResponse' ||
            ['realized', 'monteCarlo'].includes(scenario?.btcPricePath.type ?? ''))
        )
          ctx.addIssue({
            code: 'custom',
            path: ['hpcLease'],
            message: 'is compared over constant-growth difficulty and a constant, growth or list price path only',
          });
        if (request.uptimePct !== undefined && request.curtailmentPct !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['curtailmentPct'],
            message: 'give uptimePct or curtailmentPct, not both',
          });
        }
      }),
    );
  return {
    machineLine: machineLineSchema,
    market: marketSchema,
    btcPricePath: btcPricePathSchema,
    difficultyPath: difficultyPathSchema,
    scenario: scenarioSchema,
    request: calculatorRequestSchema,
  };
}
type RequestSchemas = ReturnType<typeof buildRequestSchemas>;
let schemas: RequestSchemas | undefined;

/** The calculator request's schema (built once, when first asked for). */
export const calculatorRequestSchema = (): RequestSchemas['request'] => (schemas ??= buildRequestSchemas()).request;

export type MachineLineRequest = z.infer<RequestSchemas['machineLine']>;
export type MarketRequest = z.infer<RequestSchemas['market']>;
export type BtcPricePath = z.infer<RequestSchemas['btcPricePath']>;
export type DifficultyPath = z.infer<RequestSchemas['difficultyPath']>;
export type ScenarioRequest = z.infer<RequestSchemas['scenario']>;
export type CalculatorRequestInput = z.input<RequestSchemas['request']>;
export type CalculatorRequest = z.output<RequestSchemas['request']>;
/** A request with every money input in USD (the fields in `currency` converted): what is priced. */
export type UsdCalculatorRequest = Omit<CalculatorRequest, 'powerPriceUsdPerKwh'> & { powerPriceUsdPerKwh: number };

/** Uptime as a fraction, from whichever of uptime or curtailment the request gave. */
export function uptimeFraction(request: CalculatorRequest): number {
  if (request.uptimePct !== undefined) return request.uptimePct / 100;
  if (request.curtailmentPct !== undefined) return 1 - request.curtailmentPct / 100;
  return 1;
}

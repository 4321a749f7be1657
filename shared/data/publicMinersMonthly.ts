/**
 * Listed miners month by month (publicMinersMonthly.json): bitcoin produced, sold, bought and
 * held, operating hashrate, fleet efficiency, power capacity, MW contracted to AI/HPC tenants and
 * quarterly debt and interest, each figure with its source, the source's kind and date. The file
 * is also checked as a whole: each company's holdings must reconcile period to period
 * (holdingsReconciliation.ts) unless the row explains why not, and every figure must sit in the
 * plausible range of its unit, so that sats entered as BTC or TH/s as EH/s fail by name.
 */
import * as z from '../schema/z';
import publicMinersMonthlyJson from './publicMinersMonthly.json';
import { dataFileHeaderSchema, dataFileReader, isoDateSchema, sourcedSchema } from './dataFile';
import { reconcileHoldings } from '../domain/minerTreasury/holdingsReconciliation';
import { HOLDING_BASES, monthIndex, periodStartDate } from '../domain/minerTreasury/treasuryPeriod';
import { treasuryPeriodOf, type MinerMonthRow } from './minerPeriods';

export const PUBLIC_MINERS_MONTHLY_FILE = 'shared/data/publicMinersMonthly.json';

const tickerSchema = z.string().check(z.regex(/^[A-Z]{1,6}$/, 'ticker must be upper-case letters'));
const monthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM'));

/**
 * A figure as reported: its value (null when the sources read do not give it, then with a note),
 * where it comes from, what kind of source that is and when it was published. `derived` says how
 * we computed a figure the company did not state; `asOf` dates a figure that is not of the
 * period's end (a weekly disclosure).
 */
const figureSchema = (value: z.ZodMiniNumber) =>
  z
    .strictObject({
      ...sourcedSchema.shape,
      value: z.nullable(value),
      sourceKind: z.enum(['company-release', 'sec-filing', 'secondary']),
      note: z.optional(z.string().check(z.minLength(1))),
      derived: z.optional(z.string().check(z.minLength(1))),
      basis: z.optional(z.string().check(z.minLength(1))),
      asOf: z.optional(isoDateSchema),
    })
    .check(
      z.refine((f) => f.value !== null || f.note !== undefined, {
        path: ['note'],
        message: 'a figure not found (value null) needs a note saying what was found instead',
      }),
    );

/*
 * Plausible ranges, set to catch unit mistakes rather than to judge a company: the whole network
 * issued under 28,000 BTC a month in 2022 and no listed miner has held 60,000 BTC, while sats are
 * 1e8 times larger; the largest listed fleet is under 100 EH/s, while TH/s and PH/s are 1e6 and
 * 1e3 times larger; fleets run between 10 and 100 J/TH.
 */
const MAX_BTC_PRODUCED_PER_MONTH = 30_000;
const btc = () => z.number().check(z.nonnegative(), z.maximum(200_000, 'over 200,000 BTC: sats entered as BTC?'));
const signedBtc = () =>
  z.number().check(z.minimum(-200_000), z.maximum(200_000, 'over 200,000 BTC: sats entered as BTC?'));

export const minerMonthSchema = z.strictObject({
  ticker: tickerSchema,
  month: monthSchema,
  periodMonths: z.union([z.literal(1), z.literal(3)]),
  btcProduced: figureSchema(btc()),
  btcSold: figureSchema(btc()),
  btcBought: z.optional(figureSchema(btc())),
  btcOtherChange: z.optional(figureSchema(signedBtc())),
  btcHeldAtEnd: figureSchema(btc()),
  /** What the holding counts when not all the company holds (unpledged bitcoin only); never compared across bases. */
  btcHeldBasis: z.optional(z.enum(HOLDING_BASES)),
  operatingHashrateEhs: z.optional(
    figureSchema(z.number().check(z.positive(), z.maximum(200, 'over 200 EH/s: TH/s or PH/s entered as EH/s?'))),
  ),
  fleetEfficiencyJPerTh: z.optional(
    figureSchema(z.number().check(z.minimum(5), z.maximum(150, 'over 150 J/TH: W/PH or another unit?'))),
  ),
  powerCapacityMw: z.optional(
    figureSchema(z.number().check(z.positive(), z.maximum(20_000, 'over 20 GW: kW entered as MW?'))),
  ),
  aiHpcContractedMw: z.optional(
    figureSchema(z.number().check(z.nonnegative(), z.maximum(20_000, 'over 20 GW: kW entered as MW?'))),
  ),
  debtOutstandingUsd: z.optional(figureSchema(z.number().check(z.nonnegative(), z.maximum(1e11)))),
  interestExpenseUsd: z.optional(figureSchema(z.number().check(z.nonnegative(), z.maximum(1e10)))),
  /** Why the holding does not reconcile with the previous period, or cannot be checked. */
  reconciliationNote: z.optional(z.string().check(z.minLength(20))),
});
export type MinerMonth = z.output<typeof minerMonthSchema>;
/** The schema's rows are what minerPeriods.ts reads (checked at compile time). */
export const MINER_MONTH_MATCHES_ROW: MinerMonth extends MinerMonthRow ? true : false = true;

const FIGURE_FIELDS = [
  'btcProduced',
  'btcSold',
  'btcBought',
  'btcOtherChange',
  'btcHeldAtEnd',
  'operatingHashrateEhs',
  'fleetEfficiencyJPerTh',
  'powerCapacityMw',
  'aiHpcContractedMw',
  'debtOutstandingUsd',
  'interestExpenseUsd',
] as const;

export { treasuryPeriodOf, REPORT_LAG_DAYS } from './minerPeriods';

export const publicMinersMonthlySchema = z
  .extend(dataFileHeaderSchema, {
    description: z.string().check(z.minLength(1)),
    companies: z
      .array(z.strictObject({ ticker: tickerSchema, name: z.string().check(z.minLength(1)) }))
      .check(z.minLength(1)),
    rows: z.array(minerMonthSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((file, ctx) => {
      // The checks below read months as months: a row whose month failed its own check has its
      // issue already (a misspelt month was a plain Error from monthIndex, naming no row).
      if (!file.rows.every((row) => monthSchema.safeParse(row.month).success)) return;
      const tickers = new Set(file.companies.map((c) => c.ticker));
      const lastMonthOf = new Map<string, number>();
      file.rows.forEach((row, i) => {
        const at = `${row.ticker} ${row.month}`;
        if (!tickers.has(row.ticker))
          ctx.addIssue({ code: 'custom', path: ['rows', i, 'ticker'], message: `${row.ticker} is not in companies` });
        // Rows of a company in time order, periods not overlapping, so that no month is counted twice.
        const firstMonth = monthIndex(row.month) - row.periodMonths + 1;
        const previousEnd = lastMonthOf.get(row.ticker);
        if (previousEnd !== undefined && firstMonth <= previousEnd)
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'month'],
            message: `${at}: out of order or overlapping the company's previous row`,
          });
        lastMonthOf.set(row.ticker, monthIndex(row.month));
        if (row.btcProduced.value !== null && row.btcProduced.value > MAX_BTC_PRODUCED_PER_MONTH * row.periodMonths)
          ctx.addIssue({
            code: 'custom',
            path: ['rows', i, 'btcProduced', 'value'],
            message: `${at}: more than the whole network issued in ${row.periodMonths} month(s): sats entered as BTC?`,
          });
        // A source cannot report a period before it began, nor be later than the file.
        for (const field of FIGURE_FIELDS) {
          const figure = row[field];
          if (figure === undefined) continue;
          if (figure.sourceDate < periodStartDate(row) || figure.sourceDate > file.asOf)
            ctx.addIssue({
              code: 'custom',
              path: ['rows', i, field, 'sourceDate'],
              message: `${at}: source dated ${figure.sourceDate}, outside ${periodStartDate(row)}..${file.asOf}`,
            });
        }
      });
      const rowIndex = new Map(file.rows.map((row, i) => [`${row.ticker} ${row.month}`, i]));
      for (const check of reconcileHoldings(file.rows.map(treasuryPeriodOf))) {
        if (check.status !== 'gap') continue;
        const i = rowIndex.get(`${check.ticker} ${check.month}`)!;
        if (file.rows[i]!.reconciliationNote !== undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'btcHeldAtEnd', 'value'],
          message:
            `${check.ticker} ${check.month}: holding ${check.reportedHeldBtc} BTC does not reconcile: ` +
            `${check.openingHeldBtc} + produced - sold + bought + other = ${check.expectedHeldBtc} ` +
            `(gap ${check.gapBtc.toFixed(1)}, tolerance ${check.toleranceBtc.toFixed(1)}); fix the figures or add a reconciliationNote`,
        });
      }
    }),
  );
export type PublicMinersMonthly = z.output<typeof publicMinersMonthlySchema>;

const publicMinersMonthlyFile = dataFileReader(
  publicMinersMonthlySchema,
  PUBLIC_MINERS_MONTHLY_FILE,
  publicMinersMonthlyJson,
);
/** Validates a document of PUBLIC_MINERS_MONTHLY_FILE; throws DataFileError naming the file, row and field. */
export const parsePublicMinersMonthly: (raw: unknown, fileName?: string) => PublicMinersMonthly =
  publicMinersMonthlyFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadPublicMinersMonthly: () => PublicMinersMonthly = publicMinersMonthlyFile.load;

/**
 * Public miners' reported fleets (publicMiners.json): operating hashrate, fleet efficiency, power
 * price, bitcoin held and treasury actions, each with its source and date. A figure a company did
 * not report is `null` and must carry a note saying what was found instead, so that "not
 * reported" is never confused with zero.
 */
import * as z from '../schema/z';
import publicMinersJson from './publicMiners.json';
import { dataFileHeaderSchema, isoDateSchema, dataFileReader, sourcedSchema } from './dataFile';

export const PUBLIC_MINERS_FILE = 'shared/data/publicMiners.json';

/** A reported figure: a value (or null when not reported, then with a note), its source and date. */
const reportedFigure = (value: z.ZodMiniNumber) =>
  z.extend(sourcedSchema, { value: z.nullable(value), note: z.optional(z.string().check(z.minLength(1))) }).check(
    z.refine((f) => f.value !== null || f.note !== undefined, {
      path: ['note'],
      message: 'a figure that was not reported (value null) needs a note saying what was found instead',
    }),
  );

export const treasuryActionSchema = z.extend(sourcedSchema, {
  /** When the action happened (end of the period for a monthly or quarterly total). */
  date: isoDateSchema,
  action: z.enum(['sold', 'bought', 'held', 'repaid', 'pledged']),
  btc: z.optional(z.number().check(z.nonnegative())),
  description: z.string().check(z.minLength(1)),
});

export const publicMinerSchema = z.object({
  ticker: z.string().check(z.regex(/^[A-Z]{1,6}$/, 'ticker must be upper-case letters')),
  name: z.string().check(z.minLength(1)),
  operationalHashrateEhs: z.intersection(
    reportedFigure(z.number().check(z.positive(), z.maximum(10_000))),
    z.object({ basis: z.string().check(z.minLength(1)) }),
  ),
  fleetEfficiencyJPerTh: reportedFigure(z.number().check(z.positive(), z.maximum(200))),
  powerPriceUsdPerKwh: reportedFigure(z.number().check(z.positive(), z.maximum(1))),
  btcHeld: z.intersection(reportedFigure(z.number().check(z.nonnegative())), z.object({ asOf: isoDateSchema })),
  treasuryPolicy: z.extend(sourcedSchema, {
    stance: z.enum(['hold', 'sell', 'partial-sell', 'not-reported']),
    description: z.string().check(z.minLength(1)),
  }),
  treasuryActions: z.array(treasuryActionSchema),
});

export type PublicMiner = z.output<typeof publicMinerSchema>;

export const publicMinersSchema = z
  .extend(dataFileHeaderSchema, {
    description: z.optional(z.string()),
    miners: z.array(publicMinerSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((file, ctx) => {
      const seen = new Set<string>();
      file.miners.forEach((m, i) => {
        if (seen.has(m.ticker))
          ctx.addIssue({ code: 'custom', path: ['miners', i, 'ticker'], message: `duplicate ticker ${m.ticker}` });
        seen.add(m.ticker);
      });
    }),
  );

export type PublicMiners = z.output<typeof publicMinersSchema>;

const publicMinersFile = dataFileReader(publicMinersSchema, PUBLIC_MINERS_FILE, publicMinersJson);
/** Validates a document of PUBLIC_MINERS_FILE; throws DataFileError naming the file, row and field. */
export const parsePublicMiners: (raw: unknown, fileName?: string) => PublicMiners = publicMinersFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadPublicMiners: () => PublicMiners = publicMinersFile.load;

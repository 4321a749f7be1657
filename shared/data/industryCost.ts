/**
 * The published industry cost per BTC (industryCost.json): CoinShares' weighted average cash cost
 * of listed miners for Q4 2025, about $80,000/BTC. A cash cost, not all-in: it is shown beside the
 * owner's cash cost per BTC, never beside the all-in figure as if they were the same thing.
 */
import * as z from '../schema/z';
import industryCostJson from './industryCost.json';
import { dataFileHeaderSchema, dataFileReader, sourcedSchema } from './dataFile';

export const INDUSTRY_COST_FILE = 'shared/data/industryCost.json';

export const industryCostSchema = z.extend(dataFileHeaderSchema, {
  description: z.optional(z.string()),
  cashCostUsdPerBtc: z.extend(sourcedSchema, {
    value: z.number().check(z.positive()),
    basis: z.literal('cash'),
    period: z.string().check(z.minLength(1)),
    label: z.string().check(z.minLength(1)),
  }),
});

export type IndustryCost = z.output<typeof industryCostSchema>;
export type IndustryCashCost = IndustryCost['cashCostUsdPerBtc'];

const industryCostFile = dataFileReader(industryCostSchema, INDUSTRY_COST_FILE, industryCostJson);
/** Validates a document of INDUSTRY_COST_FILE; throws DataFileError naming the file, row and field. */
export const parseIndustryCost: (raw: unknown, fileName?: string) => IndustryCost = industryCostFile.parse;
/** The copy bundled with the code, validated once and reused. */
export const loadIndustryCost: () => IndustryCost = industryCostFile.load;

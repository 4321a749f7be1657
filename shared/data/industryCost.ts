/**
 * The published industry cost per BTC (industryCost.json): CoinShares' weighted average cash cost
 * of listed miners for Q4 2025, about $80,000/BTC. A cash cost, not all-in: it is shown beside the
 * owner's cash cost per BTC, never beside the all-in figure as if they were the same thing.
 */
import * as z from 'zod';
import industryCostJson from './industryCost.json';
import { dataFileHeaderSchema, parseDataFile, sourcedSchema } from './dataFile';

export const INDUSTRY_COST_FILE = 'shared/data/industryCost.json';

export const industryCostSchema = dataFileHeaderSchema.extend({
  description: z.string().optional(),
  cashCostUsdPerBtc: sourcedSchema.extend({
    value: z.number().positive(),
    basis: z.literal('cash'),
    period: z.string().min(1),
    label: z.string().min(1),
  }),
});

export type IndustryCost = z.output<typeof industryCostSchema>;
export type IndustryCashCost = IndustryCost['cashCostUsdPerBtc'];

export function parseIndustryCost(raw: unknown, fileName: string = INDUSTRY_COST_FILE): IndustryCost {
  return parseDataFile(industryCostSchema, raw, fileName);
}

let bundled: IndustryCost | undefined;
export function loadIndustryCost(): IndustryCost {
  bundled ??= parseIndustryCost(industryCostJson, INDUSTRY_COST_FILE);
  return bundled;
}

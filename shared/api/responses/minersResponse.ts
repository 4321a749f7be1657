/**
 * The answers of GET /v1/miners (view=latest and view=monthly) as schemas: the OpenAPI document's
 * (openApi.ts), and MinersLatestView and MinersMonthlyPage, the types miners.ts builds
 * (../routeResponses.ts says why answers' schemas live apart).
 */
import * as z from '../../schema/z';
import { MINER_COLUMNS, type MinerColumn } from '../minerColumns';

/** The answer of GET /v1/miners?view=latest (MinersLatestView is its type). */
export const minersLatestResponseSchema = z.object({
  asOf: z.string(),
  date: z.string(),
  staleAfterDays: z.number(),
  companies: z.array(
    z.object({
      ticker: z.string(),
      name: z.string(),
      month: z.string(),
      periodMonths: z.number(),
      publishedOn: z.string(),
      newestMonthAgeDays: z.number(),
      stale: z.boolean(),
      btcProduced: z.nullable(z.number()),
      productionBasis: z.enum(['reported', 'estimated', 'none']),
      btcSold: z.nullable(z.number()),
      btcHeldAtEnd: z.nullable(z.number()),
      shareOfProductionSoldPct: z.nullable(z.number()),
      treasuryChangePct: z.nullable(z.number()),
      liquidationReasons: z.array(z.string()),
    }),
  ),
});
export type MinersLatestView = z.infer<typeof minersLatestResponseSchema>;

/** The answer of GET /v1/miners?view=monthly (MinersMonthlyPage is its type). */
export const minersMonthlyResponseSchema = z.object({
  asOf: z.string(),
  newestMonth: z.nullable(z.string()),
  newestMonthAgeDays: z.nullable(z.number()),
  rows: z.array(
    z.object(
      Object.fromEntries(MINER_COLUMNS.map((c) => [c, z.nullable(z.union([z.string(), z.number()]))])) as Record<
        MinerColumn,
        z.ZodMiniNullable<z.ZodMiniUnion<[z.ZodMiniString, z.ZodMiniNumber]>>
      >,
    ),
  ),
  next: z.nullable(z.object({ cursor: z.string(), path: z.string() })),
});
export type MinersMonthlyPage = z.infer<typeof minersMonthlyResponseSchema>;

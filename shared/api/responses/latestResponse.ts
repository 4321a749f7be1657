/**
 * The answer of GET /v1/latest as a schema: the OpenAPI document's (openApi.ts), and LatestView,
 * the type latest.ts builds (../routeResponses.ts says why answers' schemas live apart).
 */
import * as z from '../../schema/z';
import { currencySchema } from '../../domain/currency';
import { profitabilityRecordSchema } from '../../store/profitabilityRecord';
import { hashpriceUnitsSchema } from './hashpriceUnitsResponse';
import { snapshotRateSchema } from './snapshotRateResponse';

const shape = profitabilityRecordSchema.shape;
const publicMinerSchema = shape.publicMiners.def.element;
const moneyOrNull = z.nullable(z.number());

/** The answer of GET /v1/latest (LatestView, readLatest's output, is its type). */
export const latestResponseSchema = z.object({
  currency: currencySchema,
  fx: snapshotRateSchema,
  snapshot: z.object({
    intervalStart: z.string(),
    observedAt: z.string(),
    tipHeight: z.int(),
    difficulty: z.number(),
    hashrateHps: z.number(),
    hashrateEhs: z.number(),
    btcPrice: z.number().check(z.describe('in `currency`')),
    btcPriceUsd: z.number(),
    feesBtcPerBlock: z.number(),
    subsidyBtc: z.number(),
    flags: z.array(z.string()),
  }),
  hashprice: z.object({
    expected: hashpriceUnitsSchema,
    realized: z.nullable(z.extend(hashpriceUnitsSchema, { date: z.string() })),
  }),
  /** Break-even power price per catalog machine, in `currency` per kWh (and USD). */
  breakEven: z.array(
    z.object({
      id: z.string(),
      model: z.string(),
      efficiencyJPerTh: z.number(),
      powerPricePerKwh: z.number(),
      powerPriceUsdPerKwh: z.number(),
    }),
  ),
  /** Share of the global fleet cash-flow negative (the backtest CSV's fleetShareNegativePct); its bands keep their USD break-evens (named so). */
  fleetShareNegativePct: z.number(),
  /** The band across the power-price cases (the backtest CSV's columns); null for a record computed before it. */
  fleetShareNegativeLowPct: z.nullable(z.number()),
  fleetShareNegativeHighPct: z.nullable(z.number()),
  hashrateAtRiskEhs: z.number(),
  fleetShareByBand: shape.fleetShare.shape.byBand,
  ownerFleets: z.array(
    z.object({
      name: z.string(),
      hashrateThs: z.number(),
      powerWatts: z.number(),
      revenuePerDay: z.number(),
      revenueBtcPerDay: z.number(),
      powerCostPerDay: z.number(),
      hostingOpexPerDay: z.number(),
      profitPerDay: z.number(),
      marginPct: z.number(),
      powerPricePerKwh: z.number(),
      breakEvenPowerPricePerKwh: moneyOrNull,
      breakEvenBtcPrice: moneyOrNull,
      costPerBtc: z.object({ energy: moneyOrNull, cash: moneyOrNull, allIn: moneyOrNull }),
    }),
  ),
  publicMiners: z.array(
    z.extend(publicMinerSchema, {
      estimate: z.union([
        z.object({
          ok: z.literal(true),
          energyCostPerBtc: moneyOrNull,
          powerMw: z.number(),
          btcMinedPerDay: z.number(),
          shareOfNetworkPct: z.number(),
        }),
        z.object({ ok: z.literal(false), missing: z.array(z.string()), message: z.string() }),
      ]),
    }),
  ),
  indicators: shape.indicators,
});
export type LatestView = z.infer<typeof latestResponseSchema>;

/**
 * GET /v1/latest: the newest profitability record and its snapshot, in the chosen currency.
 * Money figures are in `currency` (named without "Usd"); the stored USD basis of hashprice stays
 * beside them (usdPerPhDay), and BTC figures are BTC.
 */
import * as z from '../schema/z';
import { profitabilityRecordSchema } from '../store/profitabilityRecord';
import { currencySchema, fromUsd, fromUsdOrNull, type Currency } from '../domain/currency';
import { hpsToEhs } from '../domain/units';
import { ApiErrorCode, refuse, type ApiRefusal, isRefusal } from './apiResponse';
import { snapshotRate, snapshotRateSchema } from './currencyRate';
import { hashpriceUnits, hashpriceUnitsSchema } from './hashpriceUnits';
import type { LatestStateReader } from './ports';

const shape = profitabilityRecordSchema.shape;
const publicMinerSchema = shape.publicMiners.def.element;
const moneyOrNull = z.nullable(z.number());

/** The answer of GET /v1/latest: readLatest's output is checked against it (LatestView is its type). */
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

export async function readLatest(reader: LatestStateReader, currency: Currency): Promise<LatestView | ApiRefusal> {
  const record = await reader.latestProfitability();
  if (!record) {
    return refuse(
      ApiErrorCode.NotReady,
      'Nothing computed yet: no profitability record is stored (the first ingest and compute have not run).',
    );
  }
  const snapshot = await reader.snapshot(record.intervalStart);
  const rate = snapshotRate(snapshot, currency);
  if (isRefusal(rate)) return rate;
  const money = (usd: number): number => fromUsd(usd, rate);
  const moneyOrNullOf = (usd: number | null): number | null => fromUsdOrNull(usd, rate);
  const m = record.market;
  const h = record.hashprice;
  return {
    currency,
    fx: rate,
    snapshot: {
      intervalStart: record.intervalStart,
      observedAt: record.observedAt,
      tipHeight: m.tipHeight,
      difficulty: m.difficulty,
      hashrateHps: m.hashrateHps,
      hashrateEhs: hpsToEhs(m.hashrateHps),
      btcPrice: money(m.btcPriceUsd),
      btcPriceUsd: m.btcPriceUsd,
      feesBtcPerBlock: m.feesBtcPerBlock,
      subsidyBtc: m.subsidyBtc,
      flags: snapshot?.flags ?? [],
    },
    hashprice: {
      expected: hashpriceUnits(h.expectedUsdPerPhDay, h.expectedBtcPerPhDay, rate),
      realized: h.realized
        ? { date: h.realized.date, ...hashpriceUnits(h.realized.usdPerPhDay, h.realized.btcPerPhDay, rate) }
        : null,
    },
    breakEven: record.machines.map((machine) => ({
      id: machine.id,
      model: machine.model,
      efficiencyJPerTh: machine.efficiencyJPerTh,
      powerPricePerKwh: money(machine.breakEvenPowerPriceUsdPerKwh),
      powerPriceUsdPerKwh: machine.breakEvenPowerPriceUsdPerKwh,
    })),
    fleetShareNegativePct: record.fleetShare.shareNegativePct,
    fleetShareNegativeLowPct: record.fleetShare.shareNegativeLowPct ?? null,
    fleetShareNegativeHighPct: record.fleetShare.shareNegativeHighPct ?? null,
    hashrateAtRiskEhs: record.fleetShare.hashrateAtRiskEhs,
    fleetShareByBand: record.fleetShare.byBand,
    ownerFleets: record.ownerFleets.map((f) => ({
      name: f.name,
      hashrateThs: f.hashrateThs,
      powerWatts: f.powerWatts,
      revenuePerDay: money(f.revenueUsdPerDay),
      revenueBtcPerDay: f.revenueBtcPerDay,
      powerCostPerDay: money(f.powerCostUsdPerDay),
      hostingOpexPerDay: money(f.hostingOpexUsdPerDay),
      profitPerDay: money(f.profitUsdPerDay),
      marginPct: f.marginPct,
      powerPricePerKwh: money(f.powerPriceUsdPerKwh),
      breakEvenPowerPricePerKwh: moneyOrNullOf(f.breakEvenPowerPriceUsdPerKwh),
      breakEvenBtcPrice: moneyOrNullOf(f.breakEvenBtcPriceUsd),
      costPerBtc: {
        energy: moneyOrNullOf(f.energyUsdPerBtc),
        cash: moneyOrNullOf(f.cashUsdPerBtc),
        allIn: moneyOrNullOf(f.allInUsdPerBtc),
      },
    })),
    publicMiners: record.publicMiners.map((p) => ({
      ...p,
      estimate: p.estimate.ok
        ? {
            ok: true as const,
            energyCostPerBtc: moneyOrNullOf(p.estimate.energyUsdPerBtc),
            powerMw: p.estimate.powerMw,
            btcMinedPerDay: p.estimate.btcMinedPerDay,
            shareOfNetworkPct: p.estimate.shareOfNetworkPct,
          }
        : p.estimate,
    })),
    indicators: record.indicators,
  };
}

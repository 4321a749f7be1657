/**
 * The stored profitability record (PROFIT/SNAP#<intervalStart>), one per network snapshot, expiring
 * like the raw snapshots (TTL): its schema, and the one mapping between a record and its item.
 * The compute builds the record (shared/compute/profitabilityRecord.ts) and writes it through here;
 * the read API and the local run read it through here, without depending on the compute.
 */
import * as z from '../schema/z';
import { SECONDS_PER_DAY } from '../domain/units';
import { withoutStorageAttributes } from './storageAttributes';
import { Entity, keys, TTL_ATTRIBUTE } from './tableKeys';

export const PROFITABILITY_SCHEMA_VERSION = 1;

const isoTimestamp = z.iso.datetime({ offset: true });
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** A stored figure, always finite. */
const figure = z.number();
/** A figure that can be infinite in the domain (nothing mined, no revenue): stored as null. */
const finiteOrNull = z.nullable(z.number());

export const profitabilityRecordSchema = z.object({
  schemaVersion: z.literal(PROFITABILITY_SCHEMA_VERSION),
  intervalStart: isoTimestamp,
  observedAt: isoTimestamp,
  market: z.object({
    tipHeight: z.int(),
    difficulty: figure,
    hashrateHps: figure,
    btcPriceUsd: figure,
    feesBtcPerBlock: figure,
    subsidyBtc: figure,
  }),
  hashprice: z.object({
    expectedUsdPerPhDay: figure,
    expectedBtcPerPhDay: figure,
    /** The last complete day's realized hashprice (from the daily rollups), if known. */
    realized: z.nullable(z.object({ date, usdPerPhDay: figure, btcPerPhDay: figure })),
  }),
  machines: z.array(
    z.object({ id: z.string(), model: z.string(), efficiencyJPerTh: figure, breakEvenPowerPriceUsdPerKwh: figure }),
  ),
  fleetShare: z.object({
    shareNegativePct: figure,
    /**
     * The share's band across the power-price cases (powerPrices.json `cases`): the least and the
     * greatest of the low, central and high cases' shares, percent. Absent on records written
     * before the band existed.
     */
    shareNegativeLowPct: z.optional(figure),
    shareNegativeHighPct: z.optional(figure),
    hashrateAtRiskHps: figure,
    hashrateAtRiskEhs: figure,
    byBand: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        efficiencyJPerTh: figure,
        hashrateSharePct: figure,
        breakEvenPowerPriceUsdPerKwh: figure,
        shareAboveBreakEvenPct: figure,
        hashrateAtRiskHps: figure,
      }),
    ),
  }),
  ownerFleets: z.array(
    z.object({
      name: z.string(),
      hashrateThs: figure,
      powerWatts: figure,
      revenueUsdPerDay: figure,
      revenueBtcPerDay: figure,
      powerCostUsdPerDay: figure,
      hostingOpexUsdPerDay: figure,
      profitUsdPerDay: figure,
      marginPct: figure,
      powerPriceUsdPerKwh: figure,
      breakEvenPowerPriceUsdPerKwh: finiteOrNull,
      breakEvenBtcPriceUsd: finiteOrNull,
      energyUsdPerBtc: finiteOrNull,
      cashUsdPerBtc: finiteOrNull,
      allInUsdPerBtc: finiteOrNull,
    }),
  ),
  /** Public miners: energy cost per BTC estimated from their reported fleets at today's network, and their latest treasury action. */
  publicMiners: z.array(
    z.object({
      ticker: z.string(),
      name: z.string(),
      estimate: z.union([
        z.object({
          ok: z.literal(true),
          energyUsdPerBtc: finiteOrNull,
          powerMw: figure,
          btcMinedPerDay: figure,
          shareOfNetworkPct: figure,
        }),
        z.object({ ok: z.literal(false), missing: z.array(z.string()), message: z.string() }),
      ]),
      treasuryStance: z.string(),
      btcHeld: z.object({ value: z.nullable(z.number()), asOf: date }),
      latestTreasuryAction: z.nullable(
        z.object({
          date,
          action: z.string(),
          btc: z.nullable(z.number()),
          description: z.string(),
          source: z.string(),
        }),
      ),
    }),
  ),
  indicators: z.object({
    hashRibbon: z.nullable(
      z.object({
        date,
        sma30Hps: figure,
        sma60Hps: figure,
        spreadPct: figure,
        capitulating: z.boolean(),
        recovery: z.boolean(),
        buy: z.boolean(),
      }),
    ),
    puell: z.nullable(z.object({ date, multiple: figure, issuanceUsd: figure, issuanceSma365Usd: figure })),
    difficultyStreak: z.nullable(z.object({ negativeStreak: z.int(), lastEpoch: z.int(), lastChangePct: figure })),
    projectedAdjustment: z.object({
      epoch: z.int(),
      estimatedChangePct: figure,
      progressPct: figure,
      remainingBlocks: z.int(),
      estimatedRetargetAt: isoTimestamp,
      previousChangePct: figure,
    }),
  }),
});
export type ProfitabilityRecord = z.infer<typeof profitabilityRecordSchema>;

/** The stored item of a record, validated first (a bad record throws naming the field, before any write). */
export function profitabilityRecordItem(record: ProfitabilityRecord, retentionDays: number): Record<string, unknown> {
  const valid = profitabilityRecordSchema.parse(record);
  const expiresAt = Math.floor(Date.parse(valid.intervalStart) / 1000) + retentionDays * SECONDS_PER_DAY;
  return {
    ...keys.profitabilityRecord(valid.intervalStart),
    entity: Entity.ProfitabilityRecord,
    ...valid,
    [TTL_ATTRIBUTE]: expiresAt,
  };
}

/** A stored item back as a record; an item of another shape fails the read. */
export function readProfitabilityRecord(item: Record<string, unknown>): ProfitabilityRecord {
  return profitabilityRecordSchema.parse(withoutStorageAttributes(item));
}

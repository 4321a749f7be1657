/**
 * The boundary profitability result -> signal input: what the signals judge of a live snapshot.
 * One mapping, used by the compute, the backtest's intraday replay, the benches and the tests.
 */
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import { FLAG_PRICE_DISAGREE, FLAG_PRICE_SINGLE_SOURCE, type NetworkSnapshot } from '../domain/networkSnapshot';
import { projectedAdjustmentInputOf } from '../domain/networkSnapshot.mapper';
import { isCurrency, type Currency } from '../domain/currency';
import type { ProfitabilityResult } from '../domain/profitability';
import { textCurrency } from '../domain/signals/moneyText';
import {
  buildSignalInput,
  type FleetLossOutlookInput,
  type FleetSignalInput,
  type SignalInput,
} from '../domain/signals/signalInput';
import type { SiteMiningSpec } from '../domain/siteEconomics/siteMiningMargin';
import type { MinerPeriod } from '../domain/minerTreasury/treasuryPeriod';
import { fractionToPct } from '../domain/units';
import { fleetShareBandPct } from '../domain/fleetShareBand';

/** Owner fleets as the signal input sees them (exported for the backtest, which replays the same mapping). */
export function fleetInputs(result: ProfitabilityResult): FleetSignalInput[] {
  return result.ownerFleets.map((f) => ({
    name: f.name,
    revenueUsdPerDay: f.day.revenueUsdPerDay,
    powerCostUsdPerDay: f.day.powerCostUsdPerDay,
    hostingOpexUsdPerDay: f.day.hostingOpexUsdPerDay,
    profitUsdPerDay: f.day.profitUsdPerDay,
    powerPriceUsdPerKwh: f.powerPriceUsdPerKwh,
    breakEvenPowerPriceUsdPerKwh: f.day.breakEvenPowerPriceUsdPerKwh,
    cashCostUsdPerBtc: f.costPerBtc.cashUsdPerBtc,
    allInCostUsdPerBtc: f.costPerBtc.allInUsdPerBtc,
  }));
}

/** The ingest flags a price no second source confirms (shared/ingest/collectFigures.ts). */
const UNCONFIRMED_PRICE_FLAGS: readonly string[] = [FLAG_PRICE_SINGLE_SOURCE, FLAG_PRICE_DISAGREE];

/** Whether a second source confirms the snapshot's price (price levels judge only confirmed prices). */
export function priceConfirmed(snapshot: Pick<NetworkSnapshot, 'flags'>): boolean {
  return !snapshot.flags.some((f) => UNCONFIRMED_PRICE_FLAGS.includes(f));
}

/**
 * The signal input of a live snapshot: decided at its interval start, judged on its expected
 * hashprice, the running epoch's estimate, the fleet share (with its band across the power-price
 * cases, when the fleet model has them) and the owner fleets just computed.
 * Reads one shape, the in-memory profitability result (the stored record is derived from the same
 * result by the same conversions). Pure; the compute and the live-style replays use this one mapping.
 */
export function snapshotSignalInput(args: {
  snapshot: NetworkSnapshot;
  daily: readonly DailyNetwork[];
  epochs: readonly DifficultyEpoch[];
  profitability: ProfitabilityResult;
  /** The owner's text currency (compute config `currency`); USD by default. */
  currency?: Currency;
  /** The owner's sites with a lease offer (ProfitabilityReference `sites`). */
  sites?: readonly SiteMiningSpec[] | undefined;
  /** The fleets' daily projections, on the evaluation that computed them (fleetLossOutlook.ts). */
  fleetLossOutlooks?: readonly FleetLossOutlookInput[] | undefined;
  /** The listed miners' reporting periods (ProfitabilityReference `minerPeriods`). */
  minerPeriods?: readonly MinerPeriod[] | undefined;
}): SignalInput {
  const { snapshot, profitability } = args;
  const btcPriceIn: Partial<Record<Currency, number>> = {};
  for (const [code, price] of Object.entries(snapshot.fiatPrices)) if (isCurrency(code)) btcPriceIn[code] = price;
  return buildSignalInput({
    decidedAt: snapshot.intervalStart,
    btcPriceUsd: snapshot.btcPriceUsd,
    btcPriceIn,
    textCurrency: textCurrency(snapshot, args.currency ?? 'USD'),
    priceConfirmed: priceConfirmed(snapshot),
    hashprice: { usdPerPhDay: profitability.hashprice.usdPerPhDay, basis: 'expected' },
    daily: args.daily,
    epochs: args.epochs,
    projectedAdjustment: projectedAdjustmentInputOf(snapshot.epochProgress),
    fleetShareNegativePct: fractionToPct(profitability.fleetShare.shareNegativeFraction),
    // The band from the same result and conversion as the stored record's (profitabilityRecord.ts).
    fleetShareNegativeBandPct: profitability.fleetShareBand
      ? fleetShareBandPct(profitability.fleetShareBand)
      : undefined,
    fleets: fleetInputs(profitability),
    sites: args.sites,
    fleetLossOutlooks: args.fleetLossOutlooks,
    minerPeriods: args.minerPeriods,
    networkSnapshot: snapshot,
  });
}

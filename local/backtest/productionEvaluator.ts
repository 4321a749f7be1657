/**
 * The production signal engine, wrapped for the replay loop: the same sources builder
 * (`dailySignalSources` for a day close, the snapshot's figures for an intraday snapshot), the same
 * `buildSignalInput` and `evaluateSignals`, the same compute config, the same event document. The
 * only thing kept here is the signal states between snapshots, as the table keeps them live.
 *
 * Profitability (expected hashprice, share of the global fleet negative, the owner's fleets) is
 * computed per snapshot by the same `computeProfitability` with the same reference data as the
 * compute, except the global fleet: the compute uses today's (fleetMix.json), the backtest each
 * day's own (the fleet-over-time model run over the same history, fleetByDate.ts), with that
 * year's power prices.
 */
import { computeConfigFromEnv, type ComputeConfig } from '../../shared/config/computeConfig';
import { loadProfitabilityReference } from '../../shared/compute/profitabilityReference';
import { bundledMachineCatalog } from '../../shared/data/bundledData';
import { EPOCHS_READ } from '../../shared/compute/computeSnapshot';
import { fleetInputs, snapshotSignalInput } from '../../shared/compute/signalInput.mapper';
import { buildProfitabilityRecord } from '../../shared/compute/profitabilityRecord';
import { computeProfitability } from '../../shared/domain/profitability';
import { marketOfSnapshot, projectedAdjustmentInputOf } from '../../shared/domain/networkSnapshot.mapper';
import { fractionToPct, pctToFraction } from '../../shared/domain/units';
import { HASH_RIBBON_SLOW_DAYS } from '../../shared/domain/hashRibbons';
import {
  buildSignalInput,
  dailySignalSources,
  dayCloseIso,
  evaluateSignals,
  stateKey,
  type SignalEvent,
  type SignalInput,
  type SignalState,
} from '../../shared/domain/signals';
import { HASHPRICE_MEAN_DAYS } from '../../shared/domain/signals/signalInput';
import type { BacktestHistory } from './runBacktest';
import type { ReplayTick, SnapshotEvaluator } from './replay';
import type { TimelineEvent } from './summary';
import { fleetByDate } from '../../shared/data/fleetByDate';
import { fleetShareNegative } from '../../shared/domain/fleetShare';
import { fleetShareBandOf, type FleetShareBand, type PowerPriceCase } from '../../shared/domain/fleetShareBand';
import { pendingSignals } from '../../shared/domain/signals/pendingCommit';
import { eventFigures } from '../../shared/domain/signals/eventFigures';

interface BuiltInput {
  input: SignalInput;
  fleetSharePct: number;
  hashrateAtRiskEhs: number;
  band: () => FleetShareBand;
}

export interface ProductionEvaluatorOptions {
  config?: ComputeConfig;
}

/** Price levels and fleet thresholds the report draws, from the same config the engine uses. */
export function productionReportSettings(config: ComputeConfig = computeConfigFromEnv()): {
  priceLevelsUsd: number[];
  fleetShareThresholds: { warning: number; critical: number };
  hashpriceFloorUsdPerPhDay: number;
} {
  const fleet = config.signals['fleet-share-negative'];
  return {
    priceLevelsUsd: config.signals['price-level'].levelsUsd,
    fleetShareThresholds: { warning: pctToFraction(fleet.warningPct), critical: pctToFraction(fleet.criticalPct) },
    hashpriceFloorUsdPerPhDay: config.signals['hashprice-floor'].floorUsdPerPhDay,
  };
}

export function toTimelineEvent(event: SignalEvent, day: string): TimelineEvent {
  return {
    at: event.occurredAt,
    day,
    signal: event.signal,
    subject: event.subject,
    severity: event.severity,
    transition: event.transition,
    headline: event.title,
    figures: eventFigures(event),
    document: event,
  };
}

export function createProductionEvaluator(
  history: BacktestHistory,
  options: ProductionEvaluatorOptions = {},
): SnapshotEvaluator {
  const config = options.config ?? computeConfigFromEnv();
  const todayReference = loadProfitabilityReference(config);
  const fleetOf = fleetByDate({
    daily: history.daily,
    catalog: bundledMachineCatalog,
    basePowerPrices: todayReference.powerPrices,
    poolFeeFraction: todayReference.poolFeeFraction,
  });
  let referenceDate = '';
  let cachedReference = todayReference;
  /** The reference data of `date`: today's, with that day's fleet and power prices. */
  const referenceOn = (date: string): typeof todayReference => {
    if (date !== referenceDate) {
      const dated = fleetOf(date);
      cachedReference = { ...todayReference, fleetMix: dated.fleetMix, powerPrices: dated.powerPrices };
      referenceDate = date;
    }
    return cachedReference;
  };
  /**
   * The band of a day's share under water: the same expected hashprice judged against the day's
   * fleet and power prices in the low and high power-price cases (each case's own model run).
   */
  const bandOn = (
    date: string,
    hashpriceUsdPerPhDay: number,
    networkHashrateHps: number,
    centralFraction: number,
  ): FleetShareBand => {
    const dated = fleetOf(date);
    const shareIn = (powerCase: PowerPriceCase): number =>
      fleetShareNegative({
        hashpriceUsdPerPhDay,
        networkHashrateHps,
        ...dated.inCase(powerCase),
        poolFeeFraction: todayReference.poolFeeFraction,
      }).shareNegativeFraction;
    return fleetShareBandOf({ low: shareIn('low'), central: centralFraction, high: shareIn('high') });
  };
  const states = new Map<string, SignalState>();
  const keepDays = Math.max(HASH_RIBBON_SLOW_DAYS, HASHPRICE_MEAN_DAYS);
  // The latest EPOCHS_READ epochs started by a given time, as the live compute reads them from the
  // table; found by a moving cursor (snapshots arrive in time order).
  const epochStarts = history.epochs.map((e) => Date.parse(e.startedAt));
  let epochCursor = 0;
  let epochSlice: typeof history.epochs = [];
  const epochsUntil = (ms: number): typeof history.epochs => {
    const before = epochCursor;
    if (epochCursor > 0 && epochStarts[epochCursor - 1]! > ms) epochCursor = 0;
    while (epochCursor < epochStarts.length && epochStarts[epochCursor]! <= ms) epochCursor += 1;
    if (epochCursor !== before || epochSlice.length === 0)
      epochSlice = history.epochs.slice(Math.max(0, epochCursor - EPOCHS_READ), epochCursor);
    return epochSlice;
  };

  /** A day close: the compute scenario tests' replay (judged on the day's realized hashprice). */
  const dayCloseInput = (tick: ReplayTick): BuiltInput | undefined => {
    const { snapshot, dayIndex } = tick;
    const reference = referenceOn(history.daily[dayIndex]!.date);
    // What the compute stores for this snapshot: expected hashprice, fleet share, owner fleets.
    const profit = computeProfitability({ ...reference, market: marketOfSnapshot(snapshot) });
    const fleetSharePct = fractionToPct(profit.fleetShare.shareNegativeFraction);
    const hashrateAtRiskEhs = profit.fleetShare.hashrateAtRiskEhs;
    const sources = dailySignalSources(history.daily, epochsUntil(Date.parse(snapshot.intervalStart)), dayIndex);
    if (!sources) return undefined;
    const input = buildSignalInput({
      ...sources,
      projectedAdjustment: projectedAdjustmentInputOf(snapshot.epochProgress),
      fleetShareNegativePct: fleetSharePct,
      fleets: fleetInputs(profit),
      sites: reference.sites,
      minerPeriods: reference.minerPeriods,
      networkSnapshot: snapshot,
    });
    const band = () =>
      bandOn(
        history.daily[dayIndex]!.date,
        profit.hashprice.usdPerPhDay,
        snapshot.hashrateHps,
        profit.fleetShare.shareNegativeFraction,
      );
    return { input, fleetSharePct, hashrateAtRiskEhs, band };
  };

  let dailyFor = -1;
  let dailySlice: typeof history.daily = [];
  /** An intraday snapshot: exactly the compute's mapping (profitability record, then signal input). */
  const liveInput = (tick: ReplayTick): BuiltInput => {
    const { snapshot, dayIndex } = tick;
    // The days the live compute would read (it keeps only those closed by the snapshot's time);
    // one slice per day, shared by the day's 144 snapshots.
    if (dailyFor !== dayIndex) {
      dailySlice = history.daily.slice(Math.max(0, dayIndex - keepDays), dayIndex + 1);
      dailyFor = dayIndex;
    }
    const daily = dailySlice;
    const reference = referenceOn(history.daily[dayIndex]!.date);
    const epochs = epochsUntil(Date.parse(snapshot.intervalStart));
    const { record, result: profitability } = buildProfitabilityRecord({ snapshot, daily, epochs, reference });
    return {
      input: snapshotSignalInput({
        snapshot,
        daily,
        epochs,
        profitability,
        sites: reference.sites,
        minerPeriods: reference.minerPeriods,
      }),
      fleetSharePct: record.fleetShare.shareNegativePct,
      hashrateAtRiskEhs: record.fleetShare.hashrateAtRiskEhs,
      band: () =>
        bandOn(
          history.daily[dayIndex]!.date,
          profitability.hashprice.usdPerPhDay,
          snapshot.hashrateHps,
          profitability.fleetShare.shareNegativeFraction,
        ),
    };
  };

  return (tick) => {
    const day = history.daily[tick.dayIndex];
    if (!day) return { events: [] };
    const built = tick.snapshot.intervalStart === dayCloseIso(day.date) ? dayCloseInput(tick) : liveInput(tick);
    if (!built) return { events: [] };
    const result = evaluateSignals(built.input, states, config.signals);
    for (const state of result.states) states.set(stateKey(state.signal, state.subject), state);
    return {
      events: result.events.map((e) => toTimelineEvent(e, day.date)),
      pending: pendingSignals(states.values(), (signal) => config.signals[signal]),
      fleetShareNegative: pctToFraction(built.fleetSharePct),
      fleetShareNegativeBand: built.band,
      hashrateAtRiskEhs: built.hashrateAtRiskEhs,
      fleetMeanEfficiencyJPerTh: fleetOf(day.date).meanEfficiencyJPerTh,
    };
  };
}

/**
 * The production signal engine, wrapped for the replay loop: the same sources builder
 * (`dailySignalSources` for a day close, the snapshot's figures for an intraday snapshot), the same
 * `buildSignalInput` and `evaluateSignals`, the same compute config, the same event document. The
 * only thing kept here is the signal states between snapshots, as the table keeps them live.
 *
 * Profitability (expected hashprice, share of the global fleet negative, the owner's fleets) is
 * computed per snapshot by the same `profitabilitySnapshot` with the same reference data as the
 * compute. The fleet mix and power-price distribution are a Q1 2026 estimate used for every date:
 * in earlier years the real fleet was less efficient, so the backtest understates the share then.
 */
import { computeConfigFromEnv, type ComputeConfig } from '../../shared/config/computeConfig';
import { loadProfitabilityReference } from '../../shared/compute/computeDependencies';
import { fleetInputs } from '../../shared/compute/computeSnapshot';
import { profitabilitySnapshot } from '../../shared/domain/profitability';
import { HASH_RIBBON_SLOW_DAYS } from '../../shared/domain/hashRibbons';
import {
  buildSignalInput,
  dailySignalSources,
  dayCloseIso,
  evaluateSignals,
  stateKey,
  type SignalEvent,
  type SignalSources,
  type SignalState,
} from '../../shared/domain/signals';
import { HASHPRICE_MEAN_DAYS } from '../../shared/domain/signals/signalInput';
import type { NetworkSnapshot } from '../../shared/domain/networkSnapshot';
import type { BacktestHistory } from './runBacktest';
import type { ReplayTick, SnapshotEvaluator } from './replay';
import type { TimelineEvent } from './summary';

export interface ProductionEvaluatorOptions {
  config?: ComputeConfig;
}

/** Price levels and fleet thresholds the report draws, from the same config the engine uses. */
export function productionReportSettings(config: ComputeConfig = computeConfigFromEnv()): {
  priceLevelsUsd: number[];
  fleetShareThresholds: { warning: number; critical: number };
} {
  const fleet = config.signals['fleet-share-negative'];
  return {
    priceLevelsUsd: config.signals['price-level'].levelsUsd,
    fleetShareThresholds: { warning: fleet.warningPct / 100, critical: fleet.criticalPct / 100 },
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
    document: event,
  };
}

export function createProductionEvaluator(history: BacktestHistory, options: ProductionEvaluatorOptions = {}): SnapshotEvaluator {
  const config = options.config ?? computeConfigFromEnv();
  const reference = loadProfitabilityReference(config);
  const states = new Map<string, SignalState>();
  const keepDays = Math.max(HASH_RIBBON_SLOW_DAYS, HASHPRICE_MEAN_DAYS);
  // Epochs started by a given time, found by a moving cursor (snapshots arrive in time order).
  const epochStarts = history.epochs.map((e) => Date.parse(e.startedAt));
  let epochCursor = 0;
  let epochSlice: typeof history.epochs = [];
  const epochsUntil = (ms: number): typeof history.epochs => {
    const before = epochCursor;
    if (epochCursor > 0 && epochStarts[epochCursor - 1]! > ms) epochCursor = 0;
    while (epochCursor < epochStarts.length && epochStarts[epochCursor]! <= ms) epochCursor += 1;
    if (epochCursor !== before || epochSlice.length !== epochCursor) epochSlice = history.epochs.slice(0, epochCursor);
    return epochSlice;
  };

  const sourcesOf = (tick: ReplayTick): { sources: SignalSources; fleetSharePct: number } | undefined => {
    const { snapshot, dayIndex } = tick;
    const day = history.daily[dayIndex];
    if (!day) return undefined;
    // What the compute stores for this snapshot: expected hashprice, fleet share, owner fleets.
    const profit = profitabilitySnapshot({
      ...reference,
      market: {
        btcPriceUsd: snapshot.btcPriceUsd,
        difficulty: snapshot.difficulty,
        subsidyBtc: snapshot.subsidyBtc,
        feesBtcPerBlock: snapshot.feesBtcPerBlock,
        networkHashrateHps: snapshot.hashrateHps,
      },
    });
    const fleetSharePct = profit.fleetShare.shareNegativeFraction * 100;
    const extras = { projectedAdjustment: projectedOf(snapshot), fleetShareNegativePct: fleetSharePct, fleets: fleetInputs(profit, reference) };
    const decidedMs = Date.parse(snapshot.intervalStart);
    if (snapshot.intervalStart === dayCloseIso(day.date)) {
      // A day close: exactly what the compute scenario tests replay (judged on the day's realized
      // hashprice), plus the figures the live compute adds.
      const sources = dailySignalSources(history.daily, epochsUntil(decidedMs), dayIndex);
      if (!sources) return undefined;
      return { sources: { ...sources, ...extras }, fleetSharePct };
    }
    // Intraday, as the live compute sees a 10-minute snapshot: expected hashprice, closed days only.
    return {
      sources: {
        decidedAt: snapshot.intervalStart,
        btcPriceUsd: snapshot.btcPriceUsd,
        hashprice: { usdPerPhDay: profit.hashprice.usdPerPhDay, basis: 'expected' },
        daily: history.daily.slice(Math.max(0, dayIndex - keepDays), dayIndex),
        epochs: epochsUntil(decidedMs),
        ...extras,
      },
      fleetSharePct,
    };
  };

  return (tick) => {
    const built = sourcesOf(tick);
    if (!built) return { events: [] };
    const input = buildSignalInput(built.sources);
    const result = evaluateSignals(input, states, config.signals);
    for (const state of result.states) states.set(stateKey(state.signal, state.subject), state);
    const day = history.daily[tick.dayIndex]!.date;
    return { events: result.events.map((e) => toTimelineEvent(e, day)), fleetShareNegative: built.fleetSharePct / 100 };
  };
}

function projectedOf(snapshot: NetworkSnapshot): SignalSources['projectedAdjustment'] {
  const p = snapshot.epochProgress;
  return { epoch: p.epoch, estimatedChangePct: p.estimatedChangePct, progressPct: p.progressPct, estimatedRetargetAt: p.estimatedRetargetAt };
}

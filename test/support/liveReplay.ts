/**
 * Live-style replay: one network snapshot a day (built from that day's real figures, as the ingest
 * would have stored it) through the compute's pure path: profitability record, signal input,
 * engine. Used by the Q1 2026 scenario test and to print the example alerts of the docs.
 */
import { loadProfitabilityReference } from '../../shared/compute/profitabilityReference';
import { buildProfitabilityRecord } from '../../shared/compute/profitabilityRecord';
import type { ProfitabilityRecord } from '../../shared/store/profitabilityRecord';
import { snapshotSignalInput } from '../../shared/compute/signalInput.mapper';
import { fleetLossOutlooks } from '../../shared/compute/fleetLossOutlook';
import { parseComputeConfig, type ComputeConfig } from '../../shared/config/computeConfig';
import { loadDailyHistory } from '../../shared/data/history/loadDailyHistory';
import { loadDifficultyEpochs } from '../../shared/data/history/loadDifficultyEpochs';
import { evaluateSignals, stateKey, type SignalEvent, type SignalState } from '../../shared/domain/signals';
import { snapshotAt } from './computeHarness';

/** Two owner fleets like those public reporting described in early 2026. */
export const EXAMPLE_FLEETS = [
  {
    name: 'Texas S19 XP',
    machines: [{ model: 'S19 XP', count: 2000 }],
    powerPriceUsdPerKwh: 0.062,
    capexUsd: 3_000_000,
    usefulLifeYears: 3,
  },
  { name: 'Quebec S21', machines: [{ model: 'S21', count: 1500 }], powerPriceUsdPerKwh: 0.045, capexUsd: 6_000_000 },
];

/** A site for the example fleet in Texas with an AI/HPC lease offer (site-conversion-advantage). */
export const EXAMPLE_SITE = {
  name: 'Texas',
  powerCapacityMw: 6.5,
  powerPrice: { type: 'fixed', usdPerMwh: 62 },
  fleets: ['Texas S19 XP'],
  leaseOffer: { usdPerKwMonth: 150, termYears: 15, escalatorPctPerYear: 2.5, capexUsdPerMw: 9_000_000 },
};

export interface LiveReplayStep {
  at: string;
  record: ProfitabilityRecord;
  events: SignalEvent[];
}

export function liveReplay(
  fromIso: string,
  toIso: string,
  stepHours = 24,
  rawConfig: unknown = { fleets: EXAMPLE_FLEETS, sites: [EXAMPLE_SITE] },
): LiveReplayStep[] {
  const daily = loadDailyHistory();
  const epochs = loadDifficultyEpochs();
  const config: ComputeConfig = parseComputeConfig(rawConfig);
  const reference = loadProfitabilityReference(config);
  const states = new Map<string, SignalState>();
  const steps: LiveReplayStep[] = [];
  for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepHours * 3_600_000) {
    const at = new Date(t).toISOString();
    const snapshot = snapshotAt(at);
    const { record, result } = buildProfitabilityRecord({ snapshot, daily, epochs, reference });
    // Days closed by the snapshot, as the compute reads them from the table.
    const known = daily.filter((d) => Date.parse(`${d.date}T00:00:00Z`) + 86_400_000 <= t);
    const fleetLoss = fleetLossOutlooks({
      snapshot,
      daily: known,
      epochs,
      reference,
      config: config.signals['projected-fleet-loss'],
      states,
    });
    const input = snapshotSignalInput({
      snapshot,
      daily,
      epochs,
      profitability: result,
      sites: reference.sites,
      fleetLossOutlooks: fleetLoss,
      minerPeriods: reference.minerPeriods,
    });
    const out = evaluateSignals(input, states, config.signals);
    for (const s of out.states) states.set(stateKey(s.signal, s.subject), s);
    steps.push({ at, record, events: out.events });
  }
  return steps;
}

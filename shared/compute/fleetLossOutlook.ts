/**
 * The daily projection behind `projected-fleet-loss`: once a UTC day per owner fleet (on the first
 * snapshot of the day whose decision time is past the fleet's last evaluation), the closed loop
 * (shared/domain/projection/, docs/projection.md) runs from the snapshot with the configured
 * Monte Carlo paths, and gives the probability that the fleet's hashprice falls under its cash
 * break-even on some day of the horizon. The network's fleet is today's (the same fleet mix and
 * power prices as the fleet share), supply is the network's trailing-year hashrate growth in the
 * daily history the compute reads. Between daily evaluations nothing is computed (the detector does
 * not judge), so the cost is one projection per fleet per day: 1,000 paths x 180 days by default,
 * measured in bench/compute.bench.ts.
 */
import type { DailyNetwork } from '../domain/dailyNetwork';
import type { DifficultyEpoch } from '../domain/difficultyEpoch';
import { cashBreakEvenHashpriceUsdPerPhDay } from '../domain/breakEven';
import { fleetDay } from '../domain/machineEconomics';
import type { NetworkSnapshot } from '../domain/networkSnapshot';
import type { ProfitabilityInput } from '../domain/profitability';
import { runProjection } from '../domain/projection/closedLoop';
import { FITTED_RESPONSE } from '../domain/projection/fittedResponse';
import { historyIndex, startFromMarket, trailingSupplyGrowthPerDay } from '../domain/projection/historyStart';
import { lognormalPricePath } from '../domain/projection/pricePaths';
import { underwaterCurve, type UnderwaterCurve } from '../domain/projection/underwaterCurve';
import type { FleetLossOutlookInput } from '../domain/signals/signalInput';
import type { SignalsConfig } from '../domain/signals/signalsConfig';

type ProjectedFleetLossConfig = SignalsConfig['projected-fleet-loss'];
import { stateKey, type SignalState } from '../domain/signals/signalState';
import { MS_PER_DAY } from '../domain/units';

type Reference = Pick<ProfitabilityInput, 'fleetMix' | 'powerPrices' | 'poolFeeFraction' | 'ownerFleets'>;

/** One curve per reference (per warm function): the network's underwater share by hashprice. */
const curves = new WeakMap<object, UnderwaterCurve>();
function curveOf(reference: Reference): UnderwaterCurve {
  let curve = curves.get(reference);
  if (!curve) {
    curve = underwaterCurve({
      fleetMix: reference.fleetMix,
      powerPrices: reference.powerPrices,
      poolFeeFraction: reference.poolFeeFraction,
    });
    curves.set(reference, curve);
  }
  return curve;
}

/** Whether a fleet's last daily evaluation is on an earlier UTC day than `decidedAt` (or there is none). */
function due(state: SignalState | undefined, decidedAt: string): boolean {
  return !state?.evaluatedAt || state.evaluatedAt.slice(0, 10) < decidedAt.slice(0, 10);
}

/**
 * The outlooks of the fleets due today, or undefined when none is (or the signal is off): the
 * detector then does not judge, and the fleets' states wait for tomorrow's first snapshot.
 */
export function fleetLossOutlooks(args: {
  snapshot: NetworkSnapshot;
  daily: readonly DailyNetwork[];
  epochs: readonly DifficultyEpoch[];
  reference: Reference;
  config: ProjectedFleetLossConfig;
  states: ReadonlyMap<string, SignalState>;
}): FleetLossOutlookInput[] | undefined {
  const { snapshot, config, reference } = args;
  const decidedAt = new Date(Date.parse(snapshot.intervalStart)).toISOString();
  const fleets = reference.ownerFleets.filter((f) =>
    due(args.states.get(stateKey('projected-fleet-loss', f.name)), decidedAt),
  );
  if (!config.enabled || fleets.length === 0) return undefined;

  const dateMs = Math.floor(Date.parse(decidedAt) / MS_PER_DAY) * MS_PER_DAY;
  const start = startFromMarket(snapshot, dateMs, snapshot.hashrateHps);
  const supplyGrowthPerDay =
    args.daily.length > 0
      ? trailingSupplyGrowthPerDay(
          historyIndex(args.daily, args.epochs),
          decidedAt.slice(0, 10),
          FITTED_RESPONSE.supplyWindowDays,
        )
      : 0;
  const curve = curveOf(reference);
  return fleets.map((fleet) => {
    const day = fleetDay(fleet.lines, fleet.terms, { hashpriceUsdPerPhDay: 1, btcPriceUsd: snapshot.btcPriceUsd });
    const breakEven = cashBreakEvenHashpriceUsdPerPhDay(day, fleet.terms.poolFeeFraction);
    const output = runProjection({
      start,
      horizonDays: config.horizonDays,
      prices: lognormalPricePath({
        startPriceUsd: snapshot.btcPriceUsd,
        annualVolatilityPct: config.annualVolatilityPct,
        annualDriftPct: 0,
        paths: config.paths,
        seed: config.seed,
      }),
      curve,
      response: FITTED_RESPONSE.response,
      supplyGrowthPerDay,
      ownerBreakEvenHashpriceUsdPerPhDay: breakEven,
    });
    const last = config.horizonDays - 1;
    const hashprice = output.figures.hashpriceUsdPerPhDay;
    const byMonth = output.ownerNegativeProbabilityByMonth!;
    const likely = byMonth.findIndex((p) => p >= 0.5);
    return {
      name: fleet.name,
      horizonDays: config.horizonDays,
      paths: config.paths,
      probabilityPct: output.ownerNegativeProbabilityWithinHorizon! * 100,
      breakEvenHashpriceUsdPerPhDay: breakEven,
      hashpriceAtHorizonUsdPerPhDay: {
        p10: hashprice.p10[last]!,
        p50: hashprice.p50[last]!,
        p90: hashprice.p90[last]!,
      },
      likelyFromMonth: likely >= 0 ? likely : null,
    };
  });
}

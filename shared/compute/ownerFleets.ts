/**
 * The owner's fleets as configured (catalog model names or custom machines, percentages, years)
 * turned into the domain's OwnerFleet (machine specs, fractions, days). Done once at cold start:
 * an unknown model name fails it with the field and the closest catalog names.
 */
import { ComputeConfigError, type OwnerFleetConfig } from '../config/computeConfig';
import type { MachineModel } from '../data/machineCatalog';
import { findMachineModel } from '../domain/machineLookup';
import type { OwnerFleet } from '../domain/profitability';
import { pctToFraction } from '../domain/units';

const DAYS_PER_YEAR = 365.25;

type MachineLineConfig = OwnerFleetConfig['machines'][number];

/** A configured machine line as the domain sees it: its class name (the catalog model or the custom machine's name) and spec. */
export interface ResolvedMachineLine {
  name: string;
  machine: { hashrateThs: number; powerWatts: number };
  count: number;
}

/**
 * One machine line resolved against the catalog; `field` is where the line sits in the config
 * ("fleets.0.machines.1"), named in the error of an unknown model.
 */
export function resolveMachineLine(
  line: MachineLineConfig,
  catalog: { readonly machines: readonly MachineModel[] },
  field: string,
): ResolvedMachineLine {
  if (!('model' in line))
    return {
      name: line.name,
      machine: { hashrateThs: line.hashrateThs, powerWatts: line.powerWatts },
      count: line.count,
    };
  const found = findMachineModel(catalog, line.model);
  if (!found.ok) throw new ComputeConfigError(`invalid compute config: ${field}.model: ${found.error.message}`);
  return {
    name: found.machine.model,
    machine: { hashrateThs: found.machine.hashrateThs, powerWatts: found.machine.powerWatts },
    count: line.count,
  };
}

export function resolveOwnerFleets(
  fleets: readonly OwnerFleetConfig[],
  catalog: { readonly machines: readonly MachineModel[] },
): OwnerFleet[] {
  return fleets.map((fleet, f) => {
    const lines = fleet.machines.map((line, m) => {
      const { machine, count } = resolveMachineLine(line, catalog, `fleets.${f}.machines.${m}`);
      return { machine, count };
    });
    return {
      name: fleet.name,
      lines,
      terms: {
        powerPriceUsdPerKwh: fleet.powerPriceUsdPerKwh,
        poolFeeFraction: pctToFraction(fleet.poolFeePct),
        uptimeFraction: pctToFraction(fleet.uptimePct),
        // The config gives hosting per machine; the domain's terms are per machine too (fleetDay
        // multiplies by each line's count), so it passes through unchanged.
        hostingOpexUsdPerDay: fleet.hostingOpexUsdPerMachinePerDay,
      },
      capexUsd: fleet.capexUsd,
      usefulLifeDays: fleet.usefulLifeYears * DAYS_PER_YEAR,
      overheadUsdPerDay: fleet.overheadUsdPerDay,
    };
  });
}
